package dev.planning.engine.internal.outcome;

import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.InvalidInputException;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.WorkspaceLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads back what {@link OutcomeImporter} stored for a cycle ({@code outcomes/{cycle}/<kind>/*}),
 * parsed, into an {@link OutcomeSet}; coverage is read as the {@code parity_coverage} gate reads it
 * ({@link CoverageReports}, through the {@link CoverageReader}). Each file is read once ({@link OutcomeSnapshot}), parsed and
 * hashed from the same bytes, in name order. A stored file that no longer parses (edited by hand),
 * cannot be read, or is a symbolic link is an {@link InvalidInputException} naming it.
 */
public final class OutcomeFiles {

    /** The largest outcome file accepted, in bytes (32 MiB). */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final CoverageReader coverage;

    /**
     * @param workspace the workspace root
     * @param layout    where outcomes live
     * @param coverage  reads the coverage reports; {@link CoverageReader#NONE} leaves coverage unmeasured
     */
    public OutcomeFiles(Path workspace, WorkspaceLayout layout, CoverageReader coverage) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.coverage = Objects.requireNonNull(coverage, "coverage");
    }

    /** The cycle's imported outcomes; empty lists when nothing was imported. */
    public OutcomeSet read(CycleRef cycle) {
        return read(OutcomeSnapshot.read(workspace, layout.outcomesDir(cycle)));
    }

    /**
     * The outcomes of a snapshot of the cycle's outcomes directory: each file parsed from the bytes
     * the snapshot read, with the snapshot's SHA-256 of them.
     *
     * @throws InvalidInputException for the first stored file of a kind directory that cannot be read
     *                               or parsed
     */
    public OutcomeSet read(OutcomeSnapshot snapshot) {
        for (OutcomeKind kind : OutcomeKind.values()) {
            String dir = snapshot.directory() + "/" + kind.directory() + "/";
            for (Map.Entry<String, InvalidInputException> unreadable : snapshot.unreadable().entrySet()) {
                String path = unreadable.getKey();
                if (path.startsWith(dir) && path.indexOf('/', dir.length()) < 0
                        || (snapshot.directory() + "/" + kind.directory()).equals(path)) {
                    throw unreadable.getValue();
                }
            }
        }
        if (snapshot.unreadable().containsKey(snapshot.directory())) {
            throw snapshot.unreadable().get(snapshot.directory());
        }
        JUnitReportParser junit = new JUnitReportParser();
        AxeReportParser axe = new AxeReportParser();
        DeploymentLogReader deployments = new DeploymentLogReader();
        List<OutcomeSet.Stored<TestReport>> tests = new ArrayList<>();
        for (OutcomeSnapshot.File file : snapshot.filesIn(OutcomeKind.JUNIT.directory())) {
            tests.add(new OutcomeSet.Stored<>(file.path(), file.sha256(), junit.parse(file.content(), file.path())));
        }
        CoverageReports covered = coverage.read(snapshot);
        List<OutcomeSet.Stored<AccessibilityReport>> a11y = new ArrayList<>();
        for (OutcomeSnapshot.File file : snapshot.filesIn(OutcomeKind.AXE.directory())) {
            a11y.add(new OutcomeSet.Stored<>(file.path(), file.sha256(), axe.parse(file.content(), file.path())));
        }
        List<OutcomeSet.Stored<DeploymentLog>> logs = new ArrayList<>();
        for (OutcomeSnapshot.File file : snapshot.filesIn(OutcomeKind.DEPLOYMENTS.directory())) {
            logs.add(new OutcomeSet.Stored<>(file.path(), file.sha256(), deployments.parse(file.content(), file.path())));
        }
        return new OutcomeSet(tests, covered, a11y, logs);
    }
}
