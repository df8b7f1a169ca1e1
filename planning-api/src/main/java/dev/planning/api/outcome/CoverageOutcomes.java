package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The coverage reports of one cycle's outcomes directory, read: those that could be read, each with
 * its path, hash and totals, and one located problem for each that could not. The reports are found
 * by name and content anywhere a few levels below the directory (JaCoCo XML: {@code *jacoco*.xml} or
 * a {@code <report>} root; LCOV: {@code *.info}, {@code *.lcov}); symbolic links are not followed.
 *
 * <pre>{@code
 * long covered = context.outcomes().coverage().reports().stream()
 *         .filter(r -> !r.endToEnd()).mapToLong(CoverageOutcome::linesCovered).sum();
 * }</pre>
 *
 * @param cycle     the cycle whose outcomes these are; never {@code null}
 * @param directory the outcomes directory, workspace-relative
 * @param reports   the reports read, in path order
 * @param problems  the reports that could not be read, one each, in path order
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CoverageOutcomes(CycleRef cycle, String directory, List<CoverageOutcome> reports,
        List<Unreadable> problems) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle whose outcomes these are
     * @param directory the outcomes directory, workspace-relative
     * @param reports the reports read, in path order
     * @param problems the reports that could not be read, one each, in path order
     */
    public CoverageOutcomes {
        Objects.requireNonNull(cycle, "cycle");
        Sha256Text.requirePath(directory);
        reports = List.copyOf(reports);
        problems = List.copyOf(problems);
    }

    /**
     * No coverage report at all in {@code directory}.
     *
     * @param cycle the cycle
     * @param directory the outcomes directory, workspace-relative
     * @return outcomes with no coverage report
     */
    public static CoverageOutcomes none(CycleRef cycle, String directory) {
        return new CoverageOutcomes(cycle, directory, List.of(), List.of());
    }

    /**
     * A coverage report that could not be read.
     *
     * @param message  what is wrong with it, naming the file
     * @param location where: the file, and the line and column when known
     * @since 0.1
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Unreadable(String message, SourceLocation location) {
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param message what is wrong with it, naming the file
         * @param location where: the file, and the line and column when known
         */
        public Unreadable {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(location, "location");
        }
    }
}
