package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.lifecycle.CycleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apiguardian.api.API;

/**
 * The coverage reports of one cycle's outcomes directory, read: those that could be read, each with
 * its path, hash and totals, one located problem for each that could not, and the reports of each
 * kind merged per source file ({@link #total}). The reports are found by name and content anywhere a
 * few levels below the directory (JaCoCo XML: {@code *jacoco*.xml} or a {@code <report>} root; LCOV:
 * {@code *.info}, {@code *.lcov}; and whatever {@code planning import} stored under {@code jacoco/}
 * and {@code lcov/}); symbolic links are not followed.
 *
 * <p>Judge coverage by {@link #total}, not by adding up {@link #reports()}: two reports of one source
 * file (overlapping modules, two test runs) would count its lines twice.
 *
 * <pre>{@code
 * Optional<Double> linesCoveredPercent = context.outcomes().coverage().total(false)
 *         .filter(unit -> unit.lines() > 0)
 *         .map(unit -> 100.0 * unit.linesCovered() / unit.lines());
 * }</pre>
 *
 * @param cycle     the cycle whose outcomes these are; never {@code null}
 * @param directory the outcomes directory, workspace-relative
 * @param reports   the reports read, in path order
 * @param problems  the reports that could not be read, one each, in path order
 * @param totals    the merged coverage of each kind that has reports: unit first, then end-to-end; a
 *                  kind whose reports could not be merged has none, and a problem says why
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CoverageOutcomes(CycleRef cycle, String directory, List<CoverageOutcome> reports,
        List<Unreadable> problems, List<CoverageTotal> totals) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle whose outcomes these are
     * @param directory the outcomes directory, workspace-relative
     * @param reports the reports read, in path order
     * @param problems the reports that could not be read, one each, in path order
     * @param totals the merged coverage of each kind that has reports, unit first
     * @throws InvalidInputException when a total is given twice for a kind, counts another number of
     *                               reports than its kind has, is missing for a kind with reports while
     *                               there is no problem, or lies outside what merging can give (fewer
     *                               lines than one of its reports, more than all of them together)
     */
    public CoverageOutcomes {
        Objects.requireNonNull(cycle, "cycle");
        Sha256Text.requirePath(directory);
        reports = List.copyOf(reports);
        problems = List.copyOf(problems);
        totals = List.copyOf(totals);
        for (boolean endToEnd : new boolean[] {false, true}) {
            List<CoverageOutcome> ofKind = reports.stream().filter(r -> r.endToEnd() == endToEnd).toList();
            List<CoverageTotal> given = totals.stream().filter(t -> t.endToEnd() == endToEnd).toList();
            String kind = endToEnd ? "end-to-end" : "unit";
            if (given.size() > 1) {
                throw new InvalidInputException("the " + kind + " coverage of " + directory + " has " + given.size()
                        + " totals: expected one");
            }
            if (given.isEmpty()) {
                if (!ofKind.isEmpty() && problems.isEmpty()) {
                    throw new InvalidInputException("the " + kind + " coverage reports of " + directory
                            + " have no merged total and no problem says why");
                }
                continue;
            }
            requireMergeOf(given.get(0), ofKind, kind, directory);
        }
    }

    /**
     * The outcomes of reports that share no source file, each kind's total the sum of its reports (as a
     * test fixture gives them).
     *
     * @param cycle the cycle whose outcomes these are
     * @param directory the outcomes directory, workspace-relative
     * @param reports the reports read, in path order
     * @param problems the reports that could not be read, one each, in path order
     * @throws InvalidInputException when a kind's reports together count more than a {@code long} holds
     */
    public CoverageOutcomes(CycleRef cycle, String directory, List<CoverageOutcome> reports,
            List<Unreadable> problems) {
        this(cycle, directory, reports, problems, summed(reports, directory));
    }

    /**
     * The merged coverage of one kind.
     *
     * @param endToEnd {@code true} for the end-to-end reports, {@code false} for the unit reports
     * @return the kind's coverage merged per source file; empty when it has no report, or when its
     *         reports could not be merged ({@link #problems()} says why)
     */
    public Optional<CoverageTotal> total(boolean endToEnd) {
        return totals.stream().filter(t -> t.endToEnd() == endToEnd).findFirst();
    }

    private static List<CoverageTotal> summed(List<CoverageOutcome> reports, String directory) {
        List<CoverageTotal> totals = new ArrayList<>();
        for (boolean endToEnd : new boolean[] {false, true}) {
            List<CoverageOutcome> ofKind = reports.stream().filter(r -> r.endToEnd() == endToEnd).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            try {
                totals.add(new CoverageTotal(endToEnd, ofKind.size(),
                        sum(ofKind, CoverageOutcome::linesCovered), sum(ofKind, CoverageOutcome::linesMissed),
                        sum(ofKind, CoverageOutcome::branchesCovered), sum(ofKind, CoverageOutcome::branchesMissed)));
            } catch (ArithmeticException e) {
                throw new InvalidInputException("the " + (endToEnd ? "end-to-end" : "unit") + " coverage reports of "
                        + directory + " cannot be summed: together they count more than " + Long.MAX_VALUE);
            }
        }
        return totals;
    }

    private static long sum(List<CoverageOutcome> reports, ToLongFunction<CoverageOutcome> count) {
        long sum = 0;
        for (CoverageOutcome report : reports) {
            sum = Math.addExact(sum, count.applyAsLong(report));
        }
        return sum;
    }

    /**
     * A merge counts each line once: at least the lines (and covered lines) of its largest report, at
     * most those of all its reports together.
     */
    private static void requireMergeOf(CoverageTotal total, List<CoverageOutcome> ofKind, String kind,
            String directory) {
        if (total.reports() != ofKind.size()) {
            throw new InvalidInputException("the " + kind + " coverage total of " + directory + " merges "
                    + total.reports() + " reports but " + ofKind.size() + " were read");
        }
        long[] most = new long[4];
        long[] all = new long[4];
        for (CoverageOutcome report : ofKind) {
            long[] counts = {report.linesCovered(), report.linesCovered() + report.linesMissed(),
                report.branchesCovered(), report.branchesCovered() + report.branchesMissed()};
            for (int i = 0; i < counts.length; i++) {
                most[i] = Math.max(most[i], counts[i]);
                // Saturated: a sum past 2^63-1 bounds nothing a long can hold.
                all[i] = all[i] > Long.MAX_VALUE - counts[i] ? Long.MAX_VALUE : all[i] + counts[i];
            }
        }
        long[] merged = {total.linesCovered(), total.lines(), total.branchesCovered(), total.branches()};
        String[] names = {"covered lines", "lines", "covered branches", "branches"};
        for (int i = 0; i < merged.length; i++) {
            if (merged[i] < most[i] || merged[i] > all[i]) {
                throw new InvalidInputException("the " + kind + " coverage total of " + directory + " counts "
                        + merged[i] + " " + names[i] + ": a merge of its reports counts between " + most[i]
                        + " and " + all[i]);
            }
        }
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
