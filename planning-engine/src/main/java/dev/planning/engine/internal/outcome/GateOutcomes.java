package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.CoverageOutcome;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.CycleOutcomes;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.outcome.TestOutcome;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.SafePaths;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cycle's imported outcomes as the gates see them ({@link dev.planning.api.gate.GateContext#outcomes()}
 * and {@link dev.planning.api.gate.GateContext#previousCoverage()}): read from the workspace by the
 * layout with the engine's readers ({@link OutcomeFiles}, {@link CoverageReports}, {@link Delivery}),
 * each file with its workspace path and the SHA-256 that gate evidence records for it.
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
     * The cycle's imported outcomes.
     *
     * @throws InvalidInputException when a stored test, accessibility or deployments file no longer parses
     */
    public CycleOutcomes read(CycleRef cycle) {
        OutcomeSet stored = new OutcomeFiles(workspace, layout, CoverageReader.NONE).read(cycle);
        List<TestOutcome> tests = new ArrayList<>();
        for (OutcomeSet.Stored<TestReport> test : stored.tests()) {
            TestReport report = test.report();
            tests.add(new TestOutcome(test.path(), sha256(test.path()), report.tests(), report.failures(),
                    report.errors(), report.skipped()));
        }
        return new CycleOutcomes(cycle, tests, coverage(cycle), Delivery.of(stored).deployedTaskIds());
    }

    /** The coverage reports of the cycle's outcomes directory; those that cannot be read are problems. */
    public CoverageOutcomes coverage(CycleRef cycle) {
        String directory = layout.outcomesDir(cycle);
        CoverageReports scanned = CoverageReports.scan(workspace, directory);
        List<CoverageOutcome> reports = new ArrayList<>();
        List<CoverageOutcomes.Unreadable> problems = new ArrayList<>();
        for (InvalidInputException problem : scanned.problems()) {
            problems.add(new CoverageOutcomes.Unreadable(problem.getMessage(),
                    problem.location().orElse(SourceLocation.ofFile(directory))));
        }
        for (CoverageReports.Entry entry : scanned.reports()) {
            CoverageReport report = entry.report();
            OutcomeKind format = report.format() == CoverageReport.Format.LCOV ? OutcomeKind.LCOV : OutcomeKind.JACOCO;
            reports.add(new CoverageOutcome(report.source(), sha256(report.source()), format,
                    entry.kind() == CoverageKind.E2E, report.lines().covered(), report.lines().missed(),
                    report.branches().covered(), report.branches().missed()));
        }
        return new CoverageOutcomes(cycle, directory, reports, problems);
    }

    private String sha256(String path) {
        try {
            return Sha256.file(SafePaths.resolve(workspace, path)).sha256();
        } catch (UncheckedIOException e) {
            throw new InvalidInputException("cannot read the stored outcome to hash it: " + e.getCause().getMessage(),
                    SourceLocation.ofFile(path), e);
        }
    }
}
