package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What was imported into a cycle's outcomes ({@code planning import}), read by the engine through
 * its layout: the JUnit reports' totals, the coverage reports, and the delivery that successful
 * deployments record. It is what a gate judges after execution
 * ({@link dev.planning.api.gate.GateContext#outcomes()}); each file comes with its workspace path and
 * SHA-256, the values a gate's evidence records for it.
 *
 * <pre>{@code
 * CycleOutcomes outcomes = context.outcomes();
 * boolean delivered = task.status() == TaskStatus.DONE || outcomes.deployedTaskIds().contains(task.id());
 * }</pre>
 *
 * @param cycle           the cycle; never {@code null}
 * @param tests           the imported JUnit reports, in path order
 * @param coverage        the coverage reports of the cycle's outcomes directory
 * @param deployedTaskIds ids of the tasks that the cycle's successful deployments list: delivered,
 *                        whatever the (sealed) plan says
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CycleOutcomes(CycleRef cycle, List<TestOutcome> tests, CoverageOutcomes coverage,
        Set<String> deployedTaskIds) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle
     * @param tests the imported JUnit reports, in path order
     * @param coverage the coverage reports of the cycle's outcomes directory
     * @param deployedTaskIds ids of the tasks that the cycle's successful deployments list: delivered,
     *                        whatever the (sealed) plan says
     */
    public CycleOutcomes {
        Objects.requireNonNull(cycle, "cycle");
        tests = List.copyOf(tests);
        Objects.requireNonNull(coverage, "coverage");
        deployedTaskIds = Set.copyOf(deployedTaskIds);
        if (!coverage.cycle().equals(cycle)) {
            throw new IllegalArgumentException("the coverage of " + coverage.cycle() + " is not the coverage of " + cycle);
        }
    }

    /**
     * Nothing imported into the cycle, whose outcomes directory is {@code directory}.
     *
     * @param cycle the cycle
     * @param directory the cycle's outcomes directory, workspace-relative
     * @return outcomes with nothing imported
     */
    public static CycleOutcomes none(CycleRef cycle, String directory) {
        return new CycleOutcomes(cycle, List.of(), CoverageOutcomes.none(cycle, directory), Set.of());
    }
}
