package dev.planning.engine.internal.lint;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.artifact.CapacityReader;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.digest.DigestFileNames;
import dev.planning.engine.internal.digest.DigestFrontMatter;
import dev.planning.engine.internal.eventlog.EventLogLint;
import dev.planning.engine.internal.outcome.CoverageReader;
import dev.planning.engine.internal.outcome.CycleCreation;
import dev.planning.engine.internal.outcome.DeploymentScope;
import dev.planning.engine.internal.outcome.OutcomeFiles;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.outcome.OutcomeSnapshot;
import dev.planning.engine.internal.schema.SchemaCatalog;
import dev.planning.engine.internal.signing.TrustFile;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.PlanningFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import dev.planning.engine.internal.workspace.WorkspaceScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Lints every task breakdown, story map, decision log and contracts file of the selected streams
 * and cycles of a workspace ({@code planning lint}), with the same checks as the {@code schema_lint}
 * gate, dependency cycles within each plan; each selected cycle's handoff manifest, the workspace's capacity model
 * ({@code frameworks/capacity.yaml}) and its trust file ({@code trust.yaml}) when they exist, and each selected
 * stream's digests ({@code digests/{cycle}-digest.md}) as a later cycle reads them, each selected cycle's
 * stored outcomes ({@code outcomes/{cycle}/}) as the gates and the digest read them, and each selected cycle's
 * event log as the store reads it, every bad line ({@link EventLogLint}; nothing is written).
 *
 * <pre>{@code
 * LintReport report = WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.of("fe"), Optional.empty());
 * report.findings().forEach(f -> System.out.println(f.describe()));
 * System.exit(report.passed() ? 0 : 1);
 * }</pre>
 *
 * <p>Bad files become findings; only bad arguments throw, and a planning file's name on a dangling link, a
 * link out of the workspace or a directory, refused as {@code PlanningWorkspace.cycles()} refuses it. Thread-safe.
 */
public final class WorkspaceLinter {

    /** The workspace's default trust file, as {@code Planning.DEFAULT_TRUST_FILE}. */
    static final String TRUST_FILE = "trust.yaml";

    /** Where a stream keeps its digests ({@link WorkspaceLayout#digest}; their names: {@link DigestFileNames}). */
    private static final String DIGESTS = "digests";

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
        return lint(workspace, stream, cycleId, LintRules.NONE);
    }

    /**
     * Lints a workspace, judging also what the rulebook decides (see {@link LintRules}).
     *
     * @param workspace the workspace root
     * @param stream    only this stream; all streams when empty
     * @param cycleId   only this cycle; every cycle found when empty
     * @param rules     what lint knows of the rulebook
     * @throws InvalidInputException when the workspace does not exist, or the stream or cycle id is
     *                               not a valid name
     */
    public LintReport lint(Path workspace, Optional<String> stream, Optional<String> cycleId, LintRules rules) {
        return lint(workspace, stream, cycleId, rules, Optional.empty());
    }

    /**
     * Lints a workspace whose event logs {@code store} holds, when it is not the workspace's files (store36): the
     * selected cycles' logs are those of the store ({@link StoreLogLint}), not the log files.
     *
     * @param workspace the workspace root
     * @param stream    only this stream; all streams when empty
     * @param cycleId   only this cycle; every cycle found when empty
     * @param rules     what lint knows of the rulebook
     * @param store     the event store the workspace reads, when not its files
     * @throws InvalidInputException when the workspace does not exist, or the stream or cycle id is
     *                               not a valid name
     */
    public LintReport lint(Path workspace, Optional<String> stream, Optional<String> cycleId, LintRules rules,
            Optional<EventStore> store) {
        stream.ifPresent(CycleRef::requireStream);
        cycleId.ifPresent(CycleRef::requireCycleId);
        if (!Files.isDirectory(workspace)) {
            throw new InvalidInputException("workspace " + SafePaths.shown(workspace) + " is not a directory");
        }
        WorkspaceScanner scanner = new WorkspaceScanner(workspace, layout);
        Path real = SafePaths.realWorkspace(workspace);
        List<Finding> findings = new ArrayList<>();
        TreeSet<String> checked = new TreeSet<>();
        List<CycleRef> linted = new ArrayList<>();
        Map<CycleRef, Deployments> deployments = new LinkedHashMap<>();
        List<String> streams = stream.map(List::of).orElseGet(scanner::streams);
        if (streams.isEmpty()) {
            findings.add(Finding.error(LintCodes.FILE_MISSING, "no planning streams found: expected directories "
                    + layout.streamsRoot() + "/planning-{stream}", SourceLocation.ofFile(layout.streamsRoot())));
        }
        for (String name : streams) {
            List<CycleRef> selected = cycleId.map(id -> List.of(new CycleRef(name, id)))
                    .orElseGet(() -> discovered(workspace, scanner, name));
            if (cycleId.isPresent()) {
                discovered(real, selected.get(0));
            }
            if (selected.isEmpty()) {
                findings.add(Finding.error(LintCodes.FILE_MISSING, "stream " + name + " has no planning files: expected "
                        + layout.streamDir(name) + "/tasks/{cycle}-" + name + "_task_breakdown.yaml",
                        SourceLocation.ofFile(layout.streamDir(name))));
            }
            linted.addAll(selected);
            for (CycleRef cycle : selected) {
                CycleLint lint = cycles.lint(workspace, cycle, rules);
                findings.addAll(lint.findings());
                checked.addAll(lint.filesChecked());
                // Not in schema_lint: at a transition, cross_stream_consistency reports the same cycle.
                lint.tasks().ifPresent(plan -> DependencyCycles.check(plan, findings));
                lintManifest(workspace, cycle, findings, checked);
                lintOutcomes(workspace, cycle, findings, checked).ifPresent(set -> deployments.put(cycle,
                        new Deployments(set, lint.tasks())));
            }
            lintDigests(workspace, name, cycleId, findings, checked);
        }
        Function<CycleRef, Optional<Instant>> created;
        if (store.isPresent()) {
            // The creation each log's one read told (kpi38: each log was read again for it).
            Map<CycleRef, Instant> read = StoreLogLint.lint(store.get(), streams, cycleId, linted, findings, checked);
            created = cycle -> Optional.ofNullable(read.get(cycle));
        } else {
            EventLogLint logs = new EventLogLint(workspace, layout);
            lintEventLogs(logs, stream, streams, cycleId, findings, checked);
            created = logs::created;
        }
        // Once the logs are read: the deployments judged against the cycle's creation and plan, as the digest and the
        // gates judge them, so that lint tells what they would refuse (review37b).
        deployments.forEach((cycle, stored) -> lintDeployments(stored, () -> created.apply(cycle), findings));
        lintCapacityModel(workspace, findings, checked);
        lintTrustFile(workspace, findings, checked);
        findings.sort(FindingOrder.READING);
        return new LintReport(List.copyOf(checked), findings);
    }

    /**
     * The stream's cycles, found as {@code PlanningWorkspace.cycles()} finds them (cycles28): a planning file's name
     * on a dangling link, a link out of the workspace or a directory is refused, naming it (the CLI's exit 2), never
     * linted as absent. One that cannot be examined (a directory that may not be searched) is left to the lint of
     * the cycle's files, which reports it a {@code file.unreadable} finding beside every other, never as absent.
     */
    private List<CycleRef> discovered(Path workspace, WorkspaceScanner scanner, String stream) {
        try {
            return PlanningFiles.cycles(workspace, layout, stream);
        } catch (UnreadableInputException cannotExamine) {
            return scanner.cycles(stream);
        }
    }

    /** As {@link #discovered(Path, WorkspaceScanner, String)}, for the one cycle asked for. */
    private void discovered(Path real, CycleRef cycle) {
        try {
            PlanningFiles.present(real, layout, cycle);
        } catch (UnreadableInputException cannotExamine) {
            // Reported by the lint of the cycle's files, beside every other finding.
        }
    }

    /**
     * A cycle's handoff manifest, when it exists: YAML, schema (every error) and the paths it names,
     * so that a manifest that is not even YAML does not lint clean. Not part of {@code schema_lint}:
     * the gate judges the planning files a manifest seals, not the manifest.
     */
    private void lintManifest(Path workspace, CycleRef cycle, List<Finding> findings, TreeSet<String> checked) {
        String path = layout.manifest(cycle);
        resolveExisting(workspace, path, findings).ifPresent(file -> {
            checked.add(path);
            findings.addAll(new ManifestReader(workspace).check(file, path));
        });
    }

    /**
     * A stream's digests ({@code digests/{cycle}-digest.md}): every one in the directory, or only the selected
     * cycle's; each checked as a later cycle reads it ({@link DigestFrontMatter#check}), so that a digest committed
     * with a mistake is found here, not when the next cycle's digest cannot be published. A name that is no
     * cycle's digest is left alone, as the reader leaves it.
     */
    private void lintDigests(Path workspace, String stream, Optional<String> cycleId, List<Finding> findings,
            TreeSet<String> checked) {
        List<CycleRef> digests;
        if (cycleId.isPresent()) {
            digests = List.of(new CycleRef(stream, cycleId.get()));
        } else {
            String dir = layout.streamDir(stream) + "/" + DIGESTS;
            try {
                List<String> names = DirectoryEntries.sorted(workspace, SafePaths.resolve(workspace, dir),
                        "lint cannot check the digests in it").stream()
                        .map(entry -> entry.getFileName().toString())
                        .filter(DigestFileNames::isDigest)
                        .toList();
                // One whose name stands for no cycle is a finding at the file, never passed over.
                names.forEach(name -> DigestFileNames.misnamed(dir + "/" + name, name).ifPresent(why -> findings.add(
                        Finding.error(LintCodes.FILE_MISNAMED, why, SourceLocation.ofFile(dir + "/" + name)))));
                digests = names.stream()
                        .filter(name -> DigestFileNames.misnamed(dir + "/" + name, name).isEmpty())
                        .map(name -> new CycleRef(stream, DigestFileNames.cycleId(name)))
                        .toList();
            } catch (SystemFailureException e) {
                throw e; // the system's, not a finding about the workspace (review34)
            } catch (PlanningException e) {
                findings.add(Finding.error(LintCodes.FILE_UNREADABLE, e.getMessage(), SourceLocation.ofFile(dir)));
                return;
            }
        }
        for (CycleRef cycle : digests) {
            String path = layout.digest(cycle);
            resolveExisting(workspace, path, findings).ifPresent(file -> {
                checked.add(path);
                findings.addAll(DigestFrontMatter.check(file, path, cycle));
            });
        }
    }

    /**
     * A cycle's stored outcomes ({@code outcomes/{cycle}/<kind>/}: test reports, coverage, accessibility results,
     * deployments), each read as the gates and the digest read it ({@link OutcomeFiles}), so that a report
     * edited or committed by hand that no longer parses is found here, every mistake of every file (the first
     * {@value ErrorList#MAX_SHOWN}, then one finding counting the rest).
     */
    private Optional<OutcomeSet> lintOutcomes(Path workspace, CycleRef cycle, List<Finding> findings,
            TreeSet<String> checked) {
        String dir = layout.outcomesDir(cycle);
        try {
            OutcomeSnapshot snapshot = OutcomeSnapshot.read(workspace, dir);
            for (OutcomeKind kind : OutcomeKind.values()) {
                snapshot.files().stream().filter(f -> f.relative().startsWith(kind.directory() + "/"))
                        .forEach(f -> checked.add(f.path()));
            }
            return Optional.of(new OutcomeFiles(workspace, layout, CoverageReader.STANDARD).read(snapshot));
        } catch (InvalidInputException e) {
            for (Finding error : ErrorList.errors(e)) {
                findings.add(new Finding(LintCodes.OUTCOME_INVALID, Severity.ERROR, error.message(), error.location(),
                        Optional.empty()));
            }
            long unlisted = ErrorList.unlisted(e);
            if (unlisted > 0) {
                findings.add(Finding.error(LintCodes.OUTCOME_INVALID, "and " + unlisted + " more mistakes in the"
                        + " stored outcomes; fix those above, then lint again", SourceLocation.ofFile(dir)));
            }
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            findings.add(Finding.error(LintCodes.FILE_UNREADABLE, e.getMessage(),
                    e.location().orElse(SourceLocation.ofFile(dir))));
        }
        return Optional.empty();
    }

    /** A cycle's stored outcomes that read, with its plan when that reads: what its deployments are judged against. */
    private record Deployments(OutcomeSet outcomes, Optional<TaskBreakdown> plan) {
    }

    /**
     * A cycle's deployments files that read, judged against the cycle's creation and plan ({@link DeploymentScope}):
     * each deployment dated before the cycle and each listed task that is no work item of the plan one finding, as
     * the digest and the gates refuse it. What is not known (a log whose first line is a mistake, a plan that does not
     * read) is not judged: that file's own findings say why.
     */
    private static void lintDeployments(Deployments stored, CycleCreation created, List<Finding> findings) {
        for (Finding mistake : DeploymentScope.of(created, stored.plan()).check(stored.outcomes().deployments())) {
            findings.add(new Finding(LintCodes.OUTCOME_INVALID, Severity.ERROR, mistake.message(), mistake.location(),
                    Optional.empty()));
        }
    }

    /**
     * The selected cycles' event logs ({@code events/{cycle}.events.jsonl}), every one the store lists of the selected
     * streams (a cycle with a log and no planning file included): every line decoded and judged as the store reads it
     * ({@link EventLogLint}), each mistake a finding, where {@code status} and {@code gate} stop at the first. Each
     * entry the store would refuse to list (a directory that cannot be listed, an {@code events} path that is no
     * directory, a log's name on no file or on no cycle's) is one finding, and every other log is linted still; so is
     * a lock file the store would refuse without a log beside it. Read only: a torn last line, which the store's
     * next read cuts away, is a warning and is left in place.
     */
    private static void lintEventLogs(EventLogLint logs, Optional<String> stream, List<String> streams,
            Optional<String> cycleId, List<Finding> findings, TreeSet<String> checked) {
        // Each entry that cannot be told is one finding, and every other log is linted still (lint35): with --stream
        // only that stream's directory is read, so another stream's misnamed log neither stops nor concerns it.
        for (CycleRef cycle : logs.logs(stream, cycleId, findings)) {
            if (streams.contains(cycle.stream())) {
                checked.add(logs.location(cycle));
                findings.addAll(logs.check(cycle));
            }
        }
    }

    /** The workspace's default trust file ({@code trust.yaml}), when it exists: every entry checked. */
    private void lintTrustFile(Path workspace, List<Finding> findings, TreeSet<String> checked) {
        resolveExisting(workspace, TRUST_FILE, findings).ifPresent(file -> {
            checked.add(TRUST_FILE);
            findings.addAll(TrustFile.check(file, TRUST_FILE));
        });
    }

    private static Optional<Path> resolveExisting(Path workspace, String path, List<Finding> findings) {
        try {
            Path file = SafePaths.resolve(workspace, path);
            // A file that cannot be examined is reported unreadable, never taken for absent.
            return DirectoryEntries.attributes(workspace, file, "lint cannot check it").map(a -> file);
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            findings.add(Finding.error(LintCodes.FILE_UNREADABLE, e.getMessage(), SourceLocation.ofFile(path)));
            return Optional.empty();
        }
    }

    /** The workspace-wide capacity model belongs to no stream: checked whenever it exists. */
    private void lintCapacityModel(Path workspace, List<Finding> findings, TreeSet<String> checked) {
        String path = layout.capacityModel();
        // One lint cannot examine (under a directory it may not search) is a finding, never passed over.
        resolveExisting(workspace, path, findings).ifPresent(file -> {
            checked.add(path);
            findings.addAll(capacity.read(file, path).findings());
        });
    }
}
