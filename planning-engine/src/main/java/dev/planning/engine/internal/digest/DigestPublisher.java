package dev.planning.engine.internal.digest;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.api.digest.DigestResult;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.rulebook.KpiDefinition;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ContractsReader;
import dev.planning.engine.internal.artifact.ReadResult;
import dev.planning.engine.internal.artifact.YamlOutput;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.document.MarkdownDocuments;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.improve.CarriedOrigins;
import dev.planning.engine.internal.lifecycle.JudgedInstant;
import dev.planning.engine.internal.lifecycle.Unrecorded;
import dev.planning.engine.internal.metrics.KpiEvaluator;
import dev.planning.engine.internal.metrics.KpiInputs;
import dev.planning.engine.internal.metrics.KpiSources;
import dev.planning.engine.internal.outcome.CoverageReader;
import dev.planning.engine.internal.outcome.OutcomeFiles;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.ManifestBytesVerifier;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Publishes a cycle's digest: {@code planning digest}.
 *
 * <pre>{@code
 * DigestResult result = new DigestPublisher(workspace).publish(new CycleRef("fe", "2025-09-02"), Optional.empty());
 * }</pre>
 *
 * <p>Gathers the plan, the event log, the imported outcomes, the handoff manifest (when sealed; its
 * figures, and its {@code snapshot_rev}, only when it verifies as {@code verify --checksums-only} verifies it, with the
 * workspace's trusted keys, the very bytes excerpted; its other fields shown as unverified when it does not),
 * the decision log and the earlier cycles' digests (each of a cycle whose log exists and records its publication,
 * the file it records); measures the KPI inputs and evaluates the
 * rulebook's KPIs; writes {@code digests/{cycle}-digest.md} atomically (front matter from code,
 * validated against the {@code digest} schema; body from the template) and records
 * {@code DIGEST_PUBLISHED}. Deterministic: nothing reads the clock but the manifest's verification (its trusted day
 * and clock-skew checks decide only whether the manifest's figures count); the digest's time is the
 * cycle's latest event ({@code DIGEST_PUBLISHED} excluded), maps are sorted, numbers rounded. When
 * the file already holds exactly the new bytes, nothing is written or recorded. A digest can be
 * regenerated until the cycle is {@code COMPLETED}.
 */
public final class DigestPublisher {

    /** The version of the digest format written in front matter. */
    public static final String FORMAT_VERSION = "1.0";

    private final PlanningWorkspace workspace;
    private final WorkspaceLayout layout;
    private final CoverageReader coverage;
    private final Supplier<TrustedKeys> trust;

    /** A publisher for a workspace of the default layout, reading coverage with {@link CoverageReader#STANDARD}. */
    public DigestPublisher(PlanningWorkspace workspace) {
        this(workspace, WorkspaceLayout.DEFAULT, CoverageReader.STANDARD);
    }

    /**
     * @param coverage reads imported coverage reports; {@link CoverageReader#NONE} leaves coverage
     *                 KPIs not measured
     */
    public DigestPublisher(PlanningWorkspace workspace, WorkspaceLayout layout, CoverageReader coverage) {
        this(workspace, layout, coverage, () -> workspace.trustedKeys().orElse(TrustedKeys.none()));
    }

    /**
     * @param coverage reads imported coverage reports
     * @param trust    the keys the manifest is verified with, read when a digest is rendered (the workspace's own,
     *                 as its builder was given them: {@code --trust FILE})
     * @since 0.1
     */
    public DigestPublisher(PlanningWorkspace workspace, WorkspaceLayout layout, CoverageReader coverage,
            Supplier<TrustedKeys> trust) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * Renders and writes the digest.
     *
     * @param template a Mustache template for the body; empty for the shipped one
     * @throws InvalidInputException when the cycle has no event log or no readable plan, is
     *                               {@code COMPLETED}, or an input file is invalid
     */
    public DigestResult publish(CycleRef cycle, Optional<Path> template) {
        String path = layout.digest(cycle);
        byte[] bytes = render(cycle, template).getBytes(StandardCharsets.UTF_8);
        DigestSummary summary = checkFrontMatter(bytes, path);
        Path file = SafePaths.resolve(workspace.root(), path);
        String sha256 = Sha256.hex(bytes);
        // Compared only at the new digest's size: the file there is anyone's who commits, of any size.
        // The same digest is not published again, unless its event was never recorded (a publication
        // stopped between the file and the log): then the event is recorded now, the file left as it is.
        boolean unchanged = Files.isRegularFile(file) && size(file) == bytes.length && Arrays.equals(read(file, path), bytes);
        if (unchanged && published(cycle, path, sha256)) {
            return new DigestResult(path, summary, sha256, Optional.empty());
        }
        if (!unchanged) {
            AtomicFiles.write(file, bytes);
        }
        RecordedEvent event;
        try {
            event = workspace.record(cycle, EventType.DIGEST_PUBLISHED, Map.of("path", path, "sha256", sha256));
        } catch (PlanningException e) {
            throw Unrecorded.explain(e, "the digest " + path, "once the cause is fixed, run `planning digest` again"
                    + " to record it");
        }
        return new DigestResult(path, summary, sha256, Optional.of(event.event().id()));
    }

    /** Whether the cycle's last publication at this path, as its log records it, is of these bytes. */
    private boolean published(CycleRef cycle, String path, String sha256) {
        return DigestPublication.recorded(workspace.status(cycle).history(), path).map(sha256::equals).orElse(false);
    }

    /**
     * The KPIs {@link #publish} would publish now, as its front matter holds them (4 decimals), in the
     * rulebook's order: the digest is rendered in memory and nothing is written or recorded.
     *
     * @throws InvalidInputException as {@link #publish} does
     */
    public Map<String, KpiValue> kpis(CycleRef cycle) {
        String path = layout.digest(cycle);
        return checkFrontMatter(render(cycle, Optional.empty()).getBytes(StandardCharsets.UTF_8), path).kpis();
    }

    /** The digest's text, without writing anything. */
    public String render(CycleRef cycle, Optional<Path> template) {
        DigestRenderer.Template body = DigestRenderer.load(template);
        DigestContent content = gather(cycle);
        String frontMatter = YamlOutput.renderBody(DigestFrontMatter.toDocument(content.summary(), content.facts(),
                content.rows()));
        return "---\n" + frontMatter + "---\n" + DigestRenderer.render(body.text(), body.name(),
                DigestModel.scope(content));
    }

    private DigestContent gather(CycleRef cycle) {
        CycleStatus status = workspace.status(cycle);
        if (status.history().isEmpty()) {
            throw new InvalidInputException("cycle " + cycle + " has no event log: a digest reports a cycle's run;"
                    + " create and advance the cycle first", SourceLocation.ofFile(layout.eventLog(cycle)));
        }
        if (status.state() == CycleState.COMPLETED) {
            throw new InvalidInputException("cycle " + cycle + " is COMPLETED: its digest is final and is not regenerated"
                    + unpublished(cycle, status), SourceLocation.ofFile(layout.digest(cycle)));
        }
        Path root = workspace.root();
        CycleArtifacts artifacts = new CycleArtifacts(root, layout);
        TaskBreakdown plan = artifacts.taskBreakdown(cycle).orElseThrow(() -> new InvalidInputException(
                "cycle " + cycle + " has no readable task breakdown (run `planning lint` to see why)",
                SourceLocation.ofFile(layout.taskBreakdown(cycle))));
        List<PlanningEvent> log = status.history().stream().map(RecordedEvent::event).toList();
        Map<String, Instant> judged = judgedInstants(status.history(), layout.eventLog(cycle));
        List<PlanningEvent> events = log.stream()
                .filter(e -> e.type() != EventType.DIGEST_PUBLISHED)
                .toList();
        // Read once (digest40): the excerpt and the verification are of the same bytes, never the file read twice.
        Optional<ManifestExcerpt> manifest = ManifestExcerpt.read(root, layout.manifest(cycle),
                bytes -> discrepancies(cycle, bytes));
        CycleDecisions decisions = CycleDecisions.readAll(root, layout, cycle);
        List<DigestSummary> previous = PreviousDigests.before(root, layout, cycle,
                ref -> workspace.status(ref).history());
        Optional<DigestSummary> last = previous.isEmpty() ? Optional.empty() : Optional.of(previous.get(previous.size() - 1));
        OutcomeSet outcomes = new OutcomeFiles(root, layout, coverage).read(cycle);
        SortedMap<String, Double> inputs = KpiInputs.collect(new KpiSources(plan, artifacts.otherStreams(cycle), log,
                outcomes,
                manifest.flatMap(ManifestExcerpt::countedCriticalViolations),
                last.map(DigestSummary::inputs).orElse(Map.of()), contracts(root, cycle),
                // Carried as the parity gate judges it (origin41, origin42): an origin naming an action of the digest a
                // COMPLETED cycle published, its history backed by a manifest verifying with the trusted keys.
                new CarriedOrigins(cycle, layout::digest, ref -> CarriedOrigins.published(root, layout, ref,
                        CarriedOrigins.TrustedCycles.of(workspace))).verified(plan)));
        List<KpiValue> values = new KpiEvaluator().evaluate(workspace.rulebook().kpis(), inputs);
        String contractsPath = layout.contracts(cycle);
        KpiTrace trace = new KpiTrace(root, artifacts.taskBreakdownPath(cycle).orElse(layout.taskBreakdown(cycle)),
                DirectoryEntries.attributes(root, SafePaths.resolve(root, contractsPath), CONTRACTS).isPresent()
                        ? Optional.of(contractsPath) : Optional.empty(),
                layout.eventLog(cycle), events.get(events.size() - 1).id(), manifest.map(ManifestExcerpt::path), outcomes,
                last.map(d -> layout.digest(new CycleRef(cycle.stream(), d.cycleId()))));
        List<KpiRow> rows = rows(values, previous, cycle, inputs, trace);
        Instant start = events.get(0).timestamp();
        Instant end = events.get(events.size() - 1).timestamp();
        Map<String, KpiValue> kpis = new LinkedHashMap<>();
        values.forEach(v -> kpis.put(v.name(), v));
        List<DigestContent.GateRow> gates = gates(events, judged);
        Map<String, GateStatus> gateStatus = new TreeMap<>();
        gates.forEach(g -> gateStatus.put(g.name(), g.status()));
        DigestSummary summary = new DigestSummary(FORMAT_VERSION, cycle.cycleId(), cycle.stream(), end,
                // digest40: the revision a manifest that does not verify names is anyone's; none is the digest's.
                manifest.filter(ManifestExcerpt::verifies).flatMap(m -> field(m, "snapshot_rev")),
                workspace.rulebook().hash(),
                manifest.map(ManifestExcerpt::sha256), kpis, gateStatus, decisions.actions(),
                last.map(DigestSummary::cycleId), inputs);
        TreeSet<String> owners = new TreeSet<>();
        plan.tasks().forEach(t -> t.owner().ifPresent(owners::add));
        DigestFacts facts = new DigestFacts("Cycle digest: " + cycle.stream() + " " + cycle.cycleId(),
                status.state().name(), start, end, List.copyOf(owners),
                manifest.map(ManifestExcerpt::path), unsignedHistory(status));
        List<Task> dropped = plan.tasks().stream().filter(t -> t.status() == TaskStatus.DROPPED).toList();
        return new DigestContent(layout.digest(cycle), summary, facts, rows, gates, manifest, layout.manifest(cycle),
                events, dropped, decisions, layout.retrospective(cycle),
                dev.planning.api.governance.WaiverHorizon.days(workspace.rulebook()));
    }

    /**
     * What to do with the digest of a {@code COMPLETED} cycle whose log records no publication of it (digest40: a
     * publication stopped between the file and its event, then the cycle completed): nothing may be recorded in a
     * completed cycle, so it cannot be published again, and the next cycle's digest refuses the file as its baseline.
     * Recording the file as it is now would take any file committed there as published, so the remedy is to delete it.
     * Empty when the log records its publication, or there is no file.
     */
    private String unpublished(CycleRef cycle, CycleStatus status) {
        String path = layout.digest(cycle);
        if (DigestPublication.recorded(status.history(), path).isPresent() || !Files.exists(SafePaths.resolve(workspace.root(), path))) {
            return "";
        }
        return "; its event log " + layout.eventLog(cycle) + " records no publication of " + path + " (a publication"
                + " stopped between writing the file and recording it), and a completed cycle records nothing more, so"
                + " it cannot be published again and the next cycle's digest refuses it as its baseline: delete " + path
                + " (`git rm " + path + "`); later digests then compare with the cycle before it";
    }

    /**
     * Why the cycle's manifest does not verify, as {@code planning verify --checksums-only} verifies it (the same
     * verifier, with the keys the workspace trusts: {@code --trust FILE}, or none, when no signature counts), each
     * discrepancy as {@code verify} describes it; empty when it verifies. The digest takes the manifest's figures only
     * from a manifest that verifies (digest39): anyone who commits can rewrite {@code critical_violations} after
     * signing. The bytes verified are those the digest excerpts (digest40), never the file read again.
     */
    private List<String> discrepancies(CycleRef cycle, byte[] bytes) {
        return ManifestBytesVerifier.verify(workspace, cycle, trust.get(), bytes).discrepancies().stream()
                .map(Discrepancy::describe).toList();
    }

    /**
     * What {@code planning status} says of a history past {@code PACKAGED}
     * ({@link PlanningWorkspace#checkHistory}, with the workspace's keys): each discrepancy as status
     * prints it, or why the history could not be checked (no trusted key in hand among them). A history
     * that cannot be checked is never shown as one that holds: anyone who commits can rebuild the log to
     * say the cycle was executed.
     */
    private List<String> unsignedHistory(CycleStatus status) {
        try {
            return workspace.checkHistory(status).stream().map(d -> d.file() + ": " + d.message()).toList();
        } catch (SystemFailureException e) {
            throw e; // the system failed the read: no digest says the workspace's history cannot be checked (fail35)
        } catch (PlanningException | UncheckedIOException e) {
            return List.of("the history past PACKAGED cannot be checked: " + e.getMessage());
        }
    }

    private List<KpiRow> rows(List<KpiValue> values, List<DigestSummary> previous, CycleRef cycle,
            Map<String, Double> inputs, KpiTrace trace) {
        Map<String, KpiDefinition> definitions = new LinkedHashMap<>();
        for (KpiDefinition kpi : workspace.rulebook().kpis()) {
            definitions.put(kpi.name(), kpi);
        }
        List<KpiRow> rows = new ArrayList<>();
        for (KpiValue value : values) {
            List<KpiRow.Point> history = new ArrayList<>();
            // Like with like: an earlier figure in another unit (the rulebook redefined the KPI) is none to compare.
            for (DigestSummary digest : previous) {
                Optional.ofNullable(digest.kpis().get(value.name())).filter(k -> k.unit().equals(value.unit()))
                        .flatMap(KpiValue::actual)
                        .ifPresent(v -> history.add(new KpiRow.Point(digest.cycleId(), v)));
            }
            Optional<Double> prior = previous.isEmpty() ? Optional.empty()
                    : Optional.ofNullable(previous.get(previous.size() - 1).kpis().get(value.name()))
                            .filter(k -> k.unit().equals(value.unit()))
                            .flatMap(KpiValue::actual);
            value.actual().ifPresent(v -> history.add(new KpiRow.Point(cycle.cycleId(), v)));
            KpiDefinition definition = definitions.get(value.name());
            Optional<String> basis = value.actual().isPresent() && definition != null
                    ? KpiBasis.of(definition.formula(), inputs) : Optional.empty();
            List<String> sources = definition == null ? List.of() : trace.files(definition.inputs());
            rows.add(new KpiRow(value, definition == null ? "" : definition.description(), prior, history, basis,
                    sources));
        }
        return rows;
    }

    /**
     * The instant each event of the log judged as of, by event id: what the history check past
     * {@code PACKAGED} judges a move as of ({@link JudgedInstant}), so that the digest times a gate and a
     * move as that check does. A {@code judged_at} outside its bounds is refused at its line: the times
     * the digest would report from it are not true.
     */
    private static Map<String, Instant> judgedInstants(List<RecordedEvent> history, String logPath) {
        Map<String, Instant> judged = new HashMap<>();
        for (int i = 0; i < history.size(); i++) {
            PlanningEvent event = history.get(i).event();
            try {
                judged.put(event.id(), JudgedInstant.of(event, i == 0 ? null : history.get(i - 1).event()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("event " + Printable.line(event.id()) + " records " + e.getMessage()
                        + "; the digest"
                        + " times its gates and move as of that instant, which must lie between the event before and"
                        + " the event's own timestamp (restore the log)",
                        new SourceLocation(logPath, history.get(i).line(), 1));
            }
        }
        return judged;
    }

    /** The latest result of each gate, with the evidence path its event recorded, at the instant it judged. */
    private static List<DigestContent.GateRow> gates(List<PlanningEvent> events, Map<String, Instant> judged) {
        Map<String, DigestContent.GateRow> latest = new TreeMap<>();
        for (PlanningEvent event : events) {
            if (!MermaidCharts.isAttempt(event.type())) {
                continue;
            }
            event.gateResults().forEach((gate, status) -> latest.put(gate, new DigestContent.GateRow(gate, status,
                    judged.get(event.id()), Optional.ofNullable(event.details().get("evidence." + gate)))));
        }
        return List.copyOf(latest.values());
    }

    private static final String CONTRACTS = "the digest measures the cross-stream contracts the stream declared";

    /** The stream's declared contracts; an unreadable contracts file is refused, never ignored. */
    private List<Contract> contracts(Path root, CycleRef cycle) {
        String path = layout.contracts(cycle);
        Path file = SafePaths.resolve(root, path);
        if (DirectoryEntries.attributes(root, file, CONTRACTS).isEmpty()) {
            return List.of();
        }
        ReadResult<List<Contract>> read = new ContractsReader().read(file, path);
        if (read.model().isEmpty()) {
            Finding first = read.findings().get(0);
            throw new InvalidInputException("the contracts file is invalid (run `planning lint`): " + first.message(),
                    first.location().orElse(SourceLocation.ofFile(path)));
        }
        return read.model().get();
    }

    private static Optional<String> field(ManifestExcerpt manifest, String name) {
        return manifest.fields().stream().filter(f -> f.name().equals(name)).map(ManifestExcerpt.Field::value).findFirst();
    }

    /** Parses what is about to be written: a digest whose front matter breaks its schema is a bug. */
    private static DigestSummary checkFrontMatter(byte[] bytes, String path) {
        try {
            return DigestFrontMatter.read(MarkdownDocuments.parse(bytes, path).frontMatter());
        } catch (InvalidInputException e) {
            throw new IllegalStateException("generated digest front matter is invalid: " + e.describe(), e);
        }
    }

    /** The file's size, or -1 when it cannot be told (it is then written anew). */
    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static byte[] read(Path file, String path) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the existing digest: " + Shown.why(e),
                    SourceLocation.ofFile(path), e);
        }
    }
}
