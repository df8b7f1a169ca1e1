package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.workspace.Shown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads back what {@link OutcomeImporter} stored for a cycle ({@code outcomes/{cycle}/<kind>/*}),
 * parsed, into an {@link OutcomeSet}; coverage is read as the {@code parity_coverage} gate reads it
 * ({@link CoverageReports}, through the {@link CoverageReader}). Each file is read once ({@link OutcomeSnapshot}), parsed and
 * hashed from the same bytes, in name order. Stored files that no longer parse (edited by hand),
 * cannot be read, or are symbolic links are one {@link InvalidInputException} naming each mistake of each.
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
     * @throws InvalidInputException naming every stored file of a kind directory (and, with a coverage
     *                               reader, every coverage report) that cannot be read or parsed, each
     *                               of its mistakes on a line of its own, sorted by file and location
     *                               ({@link ErrorList#ofFiles}; errors24: the first file's alone were)
     */
    public OutcomeSet read(OutcomeSnapshot snapshot) {
        // Every file is read before one is refused, so that one run names every mistake of every file.
        List<InvalidInputException> refused = new ArrayList<>();
        for (Map.Entry<String, InvalidInputException> unreadable : snapshot.unreadable().entrySet()) {
            String path = unreadable.getKey();
            if (path.equals(snapshot.directory()) || inKindDirectory(snapshot.directory(), path)) {
                refused.add(unreadable.getValue());
            }
        }
        JUnitReportParser junit = new JUnitReportParser();
        AxeReportParser axe = new AxeReportParser();
        DeploymentLogReader deployments = new DeploymentLogReader();
        List<OutcomeSet.Stored<TestReport>> tests = parsed(snapshot, OutcomeKind.JUNIT, junit::parse, refused);
        CoverageReports covered = coverage.read(snapshot);
        for (InvalidInputException problem : covered.problems()) {
            // The snapshot's unreadable entries are among the problems: each named once.
            if (refused.stream().noneMatch(known -> known == problem)) {
                refused.add(problem);
            }
        }
        List<OutcomeSet.Stored<AccessibilityReport>> a11y = parsed(snapshot, OutcomeKind.AXE, axe::parse, refused);
        List<OutcomeSet.Stored<DeploymentLog>> logs = parsed(snapshot, OutcomeKind.DEPLOYMENTS, deployments::parse,
                refused);
        if (!refused.isEmpty()) {
            throw ErrorList.ofFiles(refused.size() + " stored outcome files cannot be read", refused,
                    SourceLocation.ofFile(snapshot.directory()));
        }
        return new OutcomeSet(tests, covered, a11y, logs);
    }

    /** Whether a path is a kind's directory or a file right in it: the files this reads. */
    private static boolean inKindDirectory(String directory, String path) {
        for (OutcomeKind kind : OutcomeKind.values()) {
            String dir = directory + "/" + kind.directory();
            if (path.equals(dir) || path.startsWith(dir + "/") && path.indexOf('/', dir.length() + 1) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The files of a kind parsed; each one that cannot be is added to {@code refused}. */
    private static <R> List<OutcomeSet.Stored<R>> parsed(OutcomeSnapshot snapshot, OutcomeKind kind,
            BiFunction<byte[], String, R> parser, List<InvalidInputException> refused) {
        List<OutcomeSet.Stored<R>> reports = new ArrayList<>();
        Map<String, String> byHash = new HashMap<>();
        for (OutcomeSnapshot.File file : snapshot.filesIn(kind.directory())) {
            String first = byHash.putIfAbsent(file.sha256(), file.path());
            if (first != null) {
                // import stores a report's bytes once; a second copy (committed by hand) would count its tests, checks
                // or deployments twice (attack26).
                refused.add(new InvalidInputException("holds the same bytes as " + Shown.path(first) + " (sha256 "
                        + file.sha256() + "): one report stored twice would be counted twice; remove one",
                        SourceLocation.ofFile(file.path())));
                continue;
            }
            try {
                reports.add(new OutcomeSet.Stored<>(file.path(), file.sha256(), parser.apply(file.content(),
                        file.path())));
            } catch (InvalidInputException e) {
                refused.add(e);
            }
        }
        return reports;
    }
}
