package dev.planning.engine.internal.outcome;

import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.api.WorkspaceLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads back what {@link OutcomeImporter} stored for a cycle ({@code outcomes/{cycle}/<kind>/*}),
 * parsed, into an {@link OutcomeSet}. Files are read in name order. A stored file that no longer
 * parses (edited by hand) is an {@link InvalidInputException} naming it.
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
     * @param coverage  reads coverage totals; {@link CoverageReader#NONE} leaves coverage unmeasured
     */
    public OutcomeFiles(Path workspace, WorkspaceLayout layout, CoverageReader coverage) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.coverage = Objects.requireNonNull(coverage, "coverage");
    }

    /** The cycle's imported outcomes; empty lists when nothing was imported. */
    public OutcomeSet read(CycleRef cycle) {
        String base = layout.outcomesDir(cycle);
        JUnitReportParser junit = new JUnitReportParser();
        AxeReportParser axe = new AxeReportParser();
        DeploymentLogReader deployments = new DeploymentLogReader();
        List<OutcomeSet.Stored<TestReport>> tests = new ArrayList<>();
        for (String path : files(base, OutcomeKind.JUNIT)) {
            tests.add(new OutcomeSet.Stored<>(path, junit.parse(bytes(path), path)));
        }
        List<OutcomeSet.Stored<CoverageSummary>> covered = new ArrayList<>();
        for (OutcomeKind kind : List.of(OutcomeKind.JACOCO, OutcomeKind.LCOV)) {
            for (String path : files(base, kind)) {
                coverage.read(kind, bytes(path), path).ifPresent(s -> covered.add(new OutcomeSet.Stored<>(path, s)));
            }
        }
        covered.sort(java.util.Comparator.comparing(OutcomeSet.Stored::path));
        List<OutcomeSet.Stored<AccessibilityReport>> a11y = new ArrayList<>();
        for (String path : files(base, OutcomeKind.AXE)) {
            a11y.add(new OutcomeSet.Stored<>(path, axe.parse(bytes(path), path)));
        }
        List<OutcomeSet.Stored<DeploymentLog>> logs = new ArrayList<>();
        for (String path : files(base, OutcomeKind.DEPLOYMENTS)) {
            logs.add(new OutcomeSet.Stored<>(path, deployments.parse(bytes(path), path)));
        }
        return new OutcomeSet(tests, covered, a11y, logs);
    }

    private List<String> files(String base, OutcomeKind kind) {
        String dir = base + "/" + kind.directory();
        Path directory = SafePaths.resolve(workspace, dir);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    // Temporary files of an interrupted atomic write start with a dot.
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .map(name -> dir + "/" + name)
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), SourceLocation.ofFile(dir), e);
        }
    }

    private byte[] bytes(String path) {
        try {
            Path file = SafePaths.resolve(workspace, path);
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException("the stored outcome exceeds " + MAX_BYTES + " bytes",
                        SourceLocation.ofFile(path));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the stored outcome: " + e.getMessage(),
                    SourceLocation.ofFile(path), e);
        }
    }
}
