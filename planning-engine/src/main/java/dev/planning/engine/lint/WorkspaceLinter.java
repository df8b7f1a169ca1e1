package dev.planning.engine.lint;

import dev.planning.api.gate.LintReport;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.artifact.CapacityReader;
import dev.planning.engine.schema.SchemaCatalog;
import dev.planning.engine.workspace.SafePaths;
import dev.planning.engine.workspace.WorkspaceLayout;
import dev.planning.engine.workspace.WorkspaceScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Lints every task breakdown, story map, decision log and contracts file of the selected streams
 * and cycles of a workspace ({@code planning lint}), with the same checks as the {@code schema_lint}
 * gate, and the workspace's capacity model ({@code frameworks/capacity.yaml}) when it exists.
 *
 * <pre>{@code
 * LintReport report = WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.of("fe"), Optional.empty());
 * report.findings().forEach(f -> System.out.println(f.describe()));
 * System.exit(report.passed() ? 0 : 1);
 * }</pre>
 *
 * <p>Bad files become findings; only bad arguments throw. Thread-safe.
 */
public final class WorkspaceLinter {

    private final WorkspaceLayout layout;
    private final CycleLinter cycles;
    private final CapacityReader capacity;

    public WorkspaceLinter(WorkspaceLayout layout) {
        this(layout, SchemaCatalog.standard());
    }

    public WorkspaceLinter(WorkspaceLayout layout, SchemaCatalog catalog) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.cycles = new CycleLinter(layout, catalog);
        this.capacity = new CapacityReader(catalog);
    }

    /** A linter for the default layout of SPEC §3. */
    public static WorkspaceLinter withDefaultLayout() {
        return new WorkspaceLinter(WorkspaceLayout.DEFAULT);
    }

    /**
     * Lints a workspace.
     *
     * @param workspace the workspace root
     * @param stream    only this stream; all streams when empty
     * @param cycleId   only this cycle; every cycle found when empty
     * @throws InvalidInputException when the workspace does not exist, or the stream or cycle id is
     *                               not a valid name
     */
    public LintReport lint(Path workspace, Optional<String> stream, Optional<String> cycleId) {
        stream.ifPresent(CycleRef::requireStream);
        cycleId.ifPresent(CycleRef::requireCycleId);
        if (!Files.isDirectory(workspace)) {
            throw new InvalidInputException("workspace " + workspace + " is not a directory");
        }
        WorkspaceScanner scanner = new WorkspaceScanner(workspace, layout);
        List<Finding> findings = new ArrayList<>();
        TreeSet<String> checked = new TreeSet<>();
        List<String> streams = stream.map(List::of).orElseGet(scanner::streams);
        if (streams.isEmpty()) {
            findings.add(Finding.error(LintCodes.FILE_MISSING, "no planning streams found: expected directories "
                    + layout.streamsRoot() + "/planning-{stream}", SourceLocation.ofFile(layout.streamsRoot())));
        }
        for (String name : streams) {
            List<CycleRef> selected = cycleId.map(id -> List.of(new CycleRef(name, id)))
                    .orElseGet(() -> scanner.cycles(name));
            if (selected.isEmpty()) {
                findings.add(Finding.error(LintCodes.FILE_MISSING, "stream " + name + " has no planning files: expected "
                        + layout.streamDir(name) + "/tasks/{cycle}-" + name + "_task_breakdown.yaml",
                        SourceLocation.ofFile(layout.streamDir(name))));
            }
            for (CycleRef cycle : selected) {
                CycleLint lint = cycles.lint(workspace, cycle);
                findings.addAll(lint.findings());
                checked.addAll(lint.filesChecked());
            }
        }
        lintCapacityModel(workspace, findings, checked);
        findings.sort(FindingOrder.READING);
        return new LintReport(List.copyOf(checked), findings);
    }

    /** The workspace-wide capacity model belongs to no stream: checked whenever it exists. */
    private void lintCapacityModel(Path workspace, List<Finding> findings, TreeSet<String> checked) {
        String path = layout.capacityModel();
        Path file;
        try {
            file = SafePaths.resolve(workspace, path);
        } catch (InvalidInputException e) {
            findings.add(Finding.error(LintCodes.FILE_UNREADABLE, e.getMessage(), SourceLocation.ofFile(path)));
            return;
        }
        if (Files.exists(file)) {
            checked.add(path);
            findings.addAll(capacity.read(file, path).findings());
        }
    }
}
