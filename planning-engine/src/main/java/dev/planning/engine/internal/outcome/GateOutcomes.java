package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.CoverageOutcome;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.CoverageTotal;
import dev.planning.api.outcome.CycleOutcomes;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.outcome.TestOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cycle's imported outcomes as the gates see them ({@link dev.planning.api.gate.GateContext#outcomes()}
 * and {@link dev.planning.api.gate.GateContext#previousCoverage()}): read from the workspace by the
 * layout with the engine's readers ({@link OutcomeFiles}, {@link CoverageReports}, {@link Delivery}),
 * each file with its workspace path and the SHA-256 that gate evidence records for it. Each file is
 * read once ({@link OutcomeSnapshot}): its SHA-256 is of the very bytes parsed, never of a second read.
 */
public final class GateOutcomes {

    private final Path workspace;
    private final WorkspaceLayout layout;

    /**
     * @param workspace the workspace root
     * @param layout    where outcomes live
     */
    public GateOutcomes(Path workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /**
     * The cycle's outcomes as parsed from a snapshot of its outcomes directory (every file read once, each SHA-256 of
     * the bytes parsed), the deployments files checked against the cycle ({@link DeploymentScope}): a deployment dated
     * before the cycle's creation, or in a cycle whose creation is unknown, or a task listed that is no work item of
     * the plan, is refused rather than counted, as the import and the digest refuse it. There is no read without a
     * scope (scope39: one passed none, and counted every deployment).
     *
     * @throws InvalidInputException when a stored file no longer parses, or a deployments file does not belong to the
     *         cycle
     */
    public CycleOutcomes read(CycleRef cycle, OutcomeSnapshot snapshot, DeploymentScope scope) {
        OutcomeSet stored = new OutcomeFiles(workspace, layout, CoverageReader.NONE).read(snapshot);
        scope.require(stored.deployments());
        List<TestOutcome> tests = new ArrayList<>();
        for (OutcomeSet.Stored<TestReport> test : stored.tests()) {
            TestReport report = test.report();
            tests.add(new TestOutcome(test.path(), test.sha256(), report.tests(), report.failures(),
                    report.errors(), report.skipped()));
        }
        return new CycleOutcomes(cycle, tests, coverage(cycle, snapshot), Delivery.of(stored).deployedTaskIds());
    }

    /** A snapshot of the cycle's outcomes directory, for {@link #read(CycleRef, OutcomeSnapshot, DeploymentScope)}. */
    public OutcomeSnapshot snapshot(CycleRef cycle) {
        return OutcomeSnapshot.read(workspace, layout.outcomesDir(cycle));
    }

    /** The coverage reports of the cycle's outcomes directory; those that cannot be read are problems. */
    public CoverageOutcomes coverage(CycleRef cycle) {
        return coverage(cycle, snapshot(cycle));
    }

    /**
     * The coverage reports of a snapshot of the cycle's outcomes directory, hashed from the bytes parsed,
     * with each kind's total merged per source file ({@link CoverageReports#total}, as the KPIs merge it);
     * reports that cannot be merged are a problem and their kind has no total.
     */
    public CoverageOutcomes coverage(CycleRef cycle, OutcomeSnapshot snapshot) {
        String directory = snapshot.directory();
        CoverageReports scanned = CoverageReports.of(snapshot);
        List<CoverageOutcome> reports = new ArrayList<>();
        List<CoverageOutcomes.Unreadable> problems = new ArrayList<>();
        for (InvalidInputException problem : scanned.problems()) {
            problems.add(new CoverageOutcomes.Unreadable(problem.getMessage(),
                    problem.location().orElse(SourceLocation.ofFile(directory))));
        }
        for (CoverageReports.Entry entry : scanned.reports()) {
            CoverageReport report = entry.report();
            OutcomeKind format = report.format() == CoverageReport.Format.LCOV ? OutcomeKind.LCOV : OutcomeKind.JACOCO;
            reports.add(new CoverageOutcome(report.source(), entry.sha256(), format,
                    entry.kind() == CoverageKind.E2E, report.lines().covered(), report.lines().missed(),
                    report.branches().covered(), report.branches().missed()));
        }
        List<CoverageTotal> totals = new ArrayList<>();
        for (CoverageKind kind : CoverageKind.values()) {
            try {
                scanned.total(kind).ifPresent(total -> totals.add(new CoverageTotal(kind == CoverageKind.E2E,
                        (int) scanned.reports().stream().filter(e -> e.kind() == kind).count(),
                        total.lines().covered(), total.lines().missed(),
                        total.branches().covered(), total.branches().missed())));
            } catch (InvalidInputException e) {
                // Reports that cannot be merged have no true total: a problem the gate fails on, never a sum.
                problems.add(new CoverageOutcomes.Unreadable(e.getMessage(),
                        e.location().orElse(SourceLocation.ofFile(directory))));
            }
        }
        return new CoverageOutcomes(cycle, directory, reports, problems, totals);
    }
}
