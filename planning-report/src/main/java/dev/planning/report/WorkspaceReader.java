package dev.planning.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.digest.CycleDecisions;
import dev.planning.engine.internal.digest.DigestPublication;
import dev.planning.engine.internal.digest.SealedByLog;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers the site's facts through the engine's public readers: each cycle's status and history,
 * the gate evidence files its transitions recorded, the manifest and its verification, the
 * decision log and retrospective, the plan and the published digests (each the one its cycle's event log records
 * published, {@link #published}). A file that cannot be read
 * is never skipped silently: it becomes a problem shown on the cycle's page and in "needs attention".
 */
final class WorkspaceReader {

    /** Waivers expiring within this many days of the report's date are listed as needing attention. */
    static final int EXPIRY_WARNING_DAYS = 14;
    /** Source views show files up to this size; a larger one is named, not shown. */
    static final long MAX_SOURCE_BYTES = 2L << 20;
    /**
     * The source views show files up to this many characters in all (in path order); past it a file is
     * named, not shown. Findings may point at any number of files.
     */
    static final long MAX_SOURCES_BYTES = 32L << 20;
    /**
     * Gate evidence files are read up to this size, the bound {@code verify} reads sealed evidence to; a
     * larger one is named, not read (an event log, which anyone who commits writes, may name any file).
     */
    static final long MAX_EVIDENCE_BYTES = 32L << 20;
    /**
     * A KPI chart draws the stream's last this many digests up to its cycle: a chart over every earlier
     * digest made each page grow with the cycles before it, and the site with their square.
     */
    static final int TREND_DIGESTS = 24;
    /**
     * A cycle page draws the first this many KPIs of its digest (a chart is about 900 bytes of page for
     * a KPI written in 20) and says how many more the digest holds.
     */
    static final int MAX_KPI_CHARTS = 64;

    /** Evidence as {@code verify} reads it: a key twice in one object, or anything after the value, refused. */
    private static final ObjectMapper JSON = JsonMappers.strictJson();
    private static final Pattern LOCATION = Pattern.compile("^(.+?)(?::(\\d+))?(?::(\\d+))?$");

    private final PlanningWorkspace workspace;
    private final WorkspaceLayout layout;
    private final Optional<TrustedKeys> trust;
    private final LocalDate asOf;
    private final CycleArtifacts artifacts;
    /** Each evidence file read once, however many attempts name it. */
    private final Map<String, EvidenceRead> evidenceRead = new HashMap<>();

    WorkspaceReader(PlanningWorkspace workspace, WorkspaceLayout layout, Optional<TrustedKeys> trust, LocalDate asOf) {
        this.workspace = workspace;
        this.layout = layout;
        this.trust = trust;
        this.asOf = asOf;
        this.artifacts = new CycleArtifacts(workspace.root(), layout);
    }

    Model.Site read() {
        List<CycleRef> refs = new ArrayList<>(workspace.cycles());
        refs.sort(Comparator.comparing(CycleRef::stream).thenComparing(CycleRef::cycleId));
        List<Partial> partials = new ArrayList<>();
        for (CycleRef ref : refs) {
            partials.add(cycle(ref));
        }
        // In one pass over the cycles, sorted by stream and id: each stream's digests so far, and where
        // the stream's plans carry each improvement action. Each page then costs what its own cycle holds,
        // never what the cycles before it hold (a page per cycle over every earlier one grew the site
        // with the square of the cycles: docs/SECURITY.md, thirteenth review).
        Map<String, CarriedActions> carried = new HashMap<>();
        partials.forEach(p -> carried.computeIfAbsent(p.ref().stream(), s -> new CarriedActions()).add(p));
        List<Model.CycleView> cycles = new ArrayList<>();
        List<DigestSummary> streamDigests = new ArrayList<>();
        String stream = null;
        for (Partial p : partials) {
            if (!p.ref().stream().equals(stream)) {
                stream = p.ref().stream();
                streamDigests.clear();
            }
            p.digest().ifPresent(streamDigests::add);
            List<DigestSummary> shown = streamDigests.subList(Math.max(0, streamDigests.size() - TREND_DIGESTS),
                    streamDigests.size());
            cycles.add(p.complete(kpis(p, shown), actions(p, carried.get(stream))));
        }
        List<Attention> attention = new ArrayList<>();
        cycles.forEach(c -> attention.addAll(attention(c)));
        return new Model.Site(workspace.rulebook().version(), workspace.rulebook().hash(), asOf, trust.isPresent(),
                List.copyOf(cycles), List.copyOf(attention), sources(cycles));
    }

    /** A cycle's facts before the cross-cycle ones (KPI trends, where actions went). */
    private record Partial(CycleRef ref, Optional<CycleState> state, List<PlanningEvent> events,
            List<Model.Attempt> attempts, Map<String, String> latestGates, Optional<HandoffManifest> manifest,
            Optional<VerificationReport> verification, List<Model.SigningRow> signing, List<Waiver> waivers,
            List<ImprovementAction> actions, List<Task> tasks, Optional<String> planPath,
            Optional<DigestSummary> digest, Optional<Model.Problem> digestProblem, List<Model.Problem> problems,
            List<String> unsignedHistory) {

        Model.CycleView complete(List<Model.KpiTrend> kpis, List<Model.ActionRow> actionRows) {
            return new Model.CycleView(ref, Pages.cyclePage(ref), state, events, attempts, latestGates, manifest,
                    verification, signing, waivers, actionRows, tasks, planPath, digest, digestProblem, kpis, problems,
                    unsignedHistory);
        }
    }

    private Partial cycle(CycleRef ref) {
        List<Model.Problem> problems = new ArrayList<>();
        Optional<CycleState> state = Optional.empty();
        List<PlanningEvent> events = List.of();
        List<String> unsignedHistory = List.of();
        String log = "event log " + layout.eventLog(ref) + " cannot be read";
        Optional<CycleStatus> status = read(log, () -> Optional.of(workspace.status(ref)), e -> {
            // As status shows it (cycles28: the page said "cannot be read" without the line); escaped when rendered.
            problems.add(e instanceof EventLogCorruptedException broken
                    ? new Model.Problem(Model.Problem.BROKEN_CHAIN, broken.describe())
                    : Model.Problem.unreadable(log + ": " + e.getMessage()));
            return Optional.empty();
        });
        if (status.isPresent()) {
            state = Optional.of(status.get().state());
            events = status.get().history().stream().map(RecordedEvent::event).toList();
            unsignedHistory = unsignedHistory(status.get());
        }
        List<Model.Attempt> attempts = attempts(events, decisionLogWaivers(ref));
        Map<String, String> latestGates = new TreeMap<>();
        for (Model.Attempt attempt : attempts) {
            attempt.gates().forEach(g -> latestGates.put(g.gate(), g.status()));
        }
        String unreadManifest = "manifest " + layout.manifest(ref) + " cannot be read";
        Optional<HandoffManifest> manifest = read(unreadManifest, () -> workspace.manifest(ref),
                problem(problems, unreadManifest, Optional.empty()));
        Optional<VerificationReport> verification = Optional.empty();
        // A cycle sealed by its log is verified manifest or not (attack32): with the manifest deleted, verify says it
        // is missing, where the page said "Not sealed yet" and nothing needed attention.
        if ((manifest.isPresent() || SealedByLog.of(state, events)) && trust.isPresent()) {
            String unverified = "manifest " + layout.manifest(ref) + " cannot be verified";
            verification = read(unverified, () -> Optional.of(workspace.verify(ref, trust.get())),
                    problem(problems, unverified, Optional.empty()));
        }
        List<Model.SigningRow> signing = signing(verification);
        String unreadDecisions = "decision log or retrospective cannot be read";
        CycleDecisions decisions = read(unreadDecisions, () -> CycleDecisions.readAll(workspace.root(), layout, ref),
                problem(problems, unreadDecisions, new CycleDecisions(List.of(), List.of(), List.of())));
        String unreadPlan = "plan cannot be read";
        int shown = problems.size();
        Optional<String> planPath = read(unreadPlan, () -> artifacts.taskBreakdownPath(ref),
                problem(problems, unreadPlan, Optional.<String>empty()));
        // Once where the plan is cannot be told, its tasks are not read again for the same problem.
        List<Task> tasks = problems.size() > shown ? List.of() : read(unreadPlan, () -> {
            Optional<TaskBreakdown> plan = artifacts.taskBreakdown(ref);
            if (planPath.isPresent() && plan.isEmpty()) {
                problems.add(Model.Problem.unreadable("plan " + planPath.get() + " cannot be read (run `planning lint`"
                        + " to see why)"));
            }
            return plan.map(TaskBreakdown::tasks).orElse(List.of());
        }, problem(problems, unreadPlan, List.<Task>of()));
        String digestPath = layout.digest(ref);
        String unreadDigest = "digest " + digestPath + " cannot be read";
        List<Model.Problem> unreadable = new ArrayList<>(1);
        Optional<DigestPublication.Candidate> committed = read(unreadDigest, () -> {
            Path file = SafePaths.resolve(workspace.root(), digestPath);
            // A digest under a directory that may not be searched is a problem shown, not a cycle without figures.
            if (!DirectoryEntries.isRegularFile(workspace.root(), file, "the cycle's KPI figures cannot be shown")) {
                return Optional.empty();
            }
            // Read once (digest41): the figures shown are of the bytes checked against the log below. Another cycle's
            // or stream's digest (renamed, copied, edited) would show its figures as this cycle's.
            return Optional.of(DigestPublication.read(file, digestPath, ref,
                    status.map(CycleStatus::history), "digest",
                    "figures on this cycle's page and in its stream's charts"));
        }, problem(unreadable, unreadDigest, Optional.<DigestPublication.Candidate>empty()));
        // Only the one its cycle published (report40): a committed file's figures are anyone's.
        // digest41: the KPI section said "No digest published yet" of a digest there but refused; it says why.
        List<DigestSummary> shownDigest = new ArrayList<>(1);
        Optional<Model.Problem> digestProblem = unreadable.stream().findFirst().or(() -> committed.flatMap(
                d -> unpublished(ref, digestPath, d, status.map(CycleStatus::history), shownDigest::add)));
        digestProblem.ifPresent(problems::add);
        Optional<DigestSummary> digest = shownDigest.stream().findFirst();
        attempts.forEach(a -> a.gates().forEach(g -> g.problem().map(Model.Problem::unreadable)
                .ifPresent(problems::add)));
        return new Partial(ref, state, events, attempts, latestGates, manifest, verification, signing,
                decisions.waivers(), decisions.actions(), tasks, planPath, digest, digestProblem,
                List.copyOf(problems), unsignedHistory);
    }

    /**
     * Why the cycle's digest is not shown, when it is not the one its event log, as the store the command uses reads
     * it (already read for the page: {@code log}), records it published, judged on the bytes its figures were read
     * from ({@code digest}), never the file read again (digest41): the check {@code planning digest} asks of an earlier
     * digest ({@link DigestPublication}). Anyone who commits writes a digest file, front matter and all, for a cycle
     * that never ran, that published none, or over the one published; its figures, on the cycle's page and in its
     * stream's charts, were what nobody measured (report40). One that is not, or whose log cannot be read, is a
     * problem shown, naming the file and why, and none of its figures is drawn; empty when it is the one published,
     * whose front matter goes to {@code shown}.
     */
    private Optional<Model.Problem> unpublished(CycleRef ref, String digestPath, DigestPublication.Candidate digest,
            Optional<List<RecordedEvent>> log, Consumer<DigestSummary> shown) {
        String use = "its figures are not shown on this cycle's page or in its stream's charts";
        if (log.isEmpty()) {
            return Optional.of(new Model.Problem(Model.Problem.DIGEST_UNCHECKED, "the digest " + digestPath
                    + " cannot be checked against its cycle's event log, which cannot be read (above): " + use));
        }
        String unread = "digest " + digestPath + " cannot be read";
        return read(unread, () -> {
            shown.accept(digest.published(log.get(), layout.eventLog(ref), use));
            return Optional.<Model.Problem>empty();
        }, e -> Optional.of(e instanceof InvalidInputException
                ? new Model.Problem(Model.Problem.DIGEST_NOT_PUBLISHED, e.getMessage())
                : Model.Problem.unreadable(unread + ": " + e.getMessage())));
    }

    /**
     * What {@code planning status} says of a history past {@code PACKAGED}
     * ({@link PlanningWorkspace#checkHistory}, with the workspace's own keys): each discrepancy, or why
     * the history could not be checked. Anyone who commits can rebuild the event log to say a cycle was
     * executed or completed; without this the page showed such a cycle as done, and with its manifest
     * deleted too, "Nothing needs attention".
     */
    private List<String> unsignedHistory(CycleStatus status) {
        String unchecked = "the history past PACKAGED cannot be checked";
        // Without keys in hand too: a history that cannot be checked is never shown as one that holds.
        return read(unchecked, () -> workspace.checkHistory(status).stream().map(Discrepancy::describe).toList(),
                e -> List.of(unchecked + ": " + e.getMessage()));
    }

    /** The decision log's waivers, to name the waiver of a waived violation; a log that cannot be read is reported below. */
    private List<Waiver> decisionLogWaivers(CycleRef ref) {
        return read("decision log " + layout.decisionLog(ref) + " cannot be read",
                () -> CycleDecisions.read(workspace.root(), layout.decisionLog(ref)).waivers(), e -> List.of());
    }

    private List<Model.Attempt> attempts(List<PlanningEvent> events, List<Waiver> waivers) {
        List<Model.Attempt> attempts = new ArrayList<>();
        for (PlanningEvent event : events) {
            if (event.type() != EventType.STATE_TRANSITION && event.type() != EventType.TRANSITION_REFUSED) {
                continue;
            }
            List<Model.GateRun> runs = new ArrayList<>();
            event.gateResults().forEach((gate, status) -> runs.add(gateRun(gate, status.name(),
                    Optional.ofNullable(event.details().get("evidence." + gate)), waivers)));
            attempts.add(new Model.Attempt(attempts.size() + 1, event, event.type() == EventType.STATE_TRANSITION,
                    List.copyOf(runs)));
        }
        return List.copyOf(attempts);
    }

    /** A gate evidence file as read once for the report: its document, or why it could not be read. */
    private record EvidenceRead(JsonNode root, String error) {
    }

    /**
     * Reads a gate evidence file the event log names (the contributor's text): inside the workspace,
     * not of the git directory, at most {@link #MAX_EVIDENCE_BYTES}, a {@code gate_evidence} document
     * with no key written twice (the later one would hide the earlier: a second {@code "findings": []}).
     */
    private EvidenceRead readEvidence(String evidencePath) {
        return read("evidence " + evidencePath + " cannot be read", () -> {
            Path file = SafePaths.resolve(workspace.root(), evidencePath);
            if (inGitDirectory(evidencePath)) {
                throw new IOException("a file of the git directory is never read");
            }
            Optional<BasicFileAttributes> attributes = DirectoryEntries.attributes(workspace.root(), file, WITHOUT_EVIDENCE);
            if (attributes.isEmpty()) {
                throw new IOException("there is no such file");
            }
            if (attributes.get().isRegularFile() && attributes.get().size() > MAX_EVIDENCE_BYTES) {
                throw new IOException("the file is over the " + (MAX_EVIDENCE_BYTES >> 20) + " MiB gate evidence"
                        + " is read up to");
            }
            JsonNode root = JSON.readTree(bytes(file, WITHOUT_EVIDENCE));
            if (root == null || !root.isObject() || !"gate_evidence".equals(root.path("type").asText())) {
                throw new IOException("not a gate_evidence document");
            }
            return new EvidenceRead(root, "");
        }, e -> new EvidenceRead(null, e.getMessage()));
    }

    private static final String WITHOUT_EVIDENCE = "the gate's findings cannot be shown";

    /** The file's bytes; one that cannot be read is refused naming it relative to the workspace, never by its absolute path. */
    private byte[] bytes(Path file, String without) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("there is no such file", e);
        } catch (IOException e) {
            // A read the disk failed (the platform's plain IOException) is the system's, as the class says (fail35).
            throw DirectoryEntries.cannotRead(workspace.root(), file, without, e);
        }
    }

    private Model.GateRun gateRun(String gate, String status, Optional<String> evidencePath, List<Waiver> waivers) {
        if (evidencePath.isEmpty()) {
            return new Model.GateRun(gate, status, evidencePath, List.of(), List.of(), Optional.empty());
        }
        EvidenceRead read = evidenceRead.computeIfAbsent(evidencePath.get(), this::readEvidence);
        if (read.root() == null) {
            return new Model.GateRun(gate, status, evidencePath, List.of(), List.of(), Optional.of(
                    "evidence " + evidencePath.get() + " of gate " + gate + " cannot be read: " + read.error()));
        }
        JsonNode root = read.root();
        List<Model.FindingRow> findings = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            int line = f.path("line").asInt(0);
            findings.add(new Model.FindingRow(gate, f.path("code").asText(""), f.path("severity").asText(""),
                    f.path("message").asText(""), text(f, "file"), Math.max(0, line),
                    Math.max(0, f.path("column").asInt(0)), text(f, "task")));
        }
        List<Model.ViolationRow> violations = new ArrayList<>();
        JsonNode evidence = root.path("evidence");
        List<Waiver> used = new ArrayList<>(waivers(evidence.path("waivers_used")));
        used.addAll(waivers);
        for (String field : List.of("violations", "waived")) {
            for (JsonNode v : evidence.path(field)) {
                Map<String, String> values = new TreeMap<>();
                v.path("metadata").properties().forEach(e -> values.put(e.getKey(), e.getValue().isValueNode()
                        ? e.getValue().asText() : e.getValue().toString()));
                String rule = v.path("rule").asText("");
                String item = v.path("item").asText("");
                Optional<Waiver> waiver = field.equals("waived")
                        ? used.stream().filter(w -> w.rule().equals(rule) && w.item().equals(item)).findFirst()
                        : Optional.empty();
                violations.add(new Model.ViolationRow(rule, item, v.path("severity").asText(""),
                        v.path("message").asText(""), values, text(v, "location"), waiver));
            }
        }
        return new Model.GateRun(gate, status, evidencePath, List.copyOf(findings), List.copyOf(violations),
                Optional.empty());
    }

    private static List<Waiver> waivers(JsonNode array) {
        List<Waiver> out = new ArrayList<>();
        for (JsonNode w : array) {
            try {
                out.add(new Waiver(w.path("rule").asText(""), w.path("item").asText(""), w.path("reason").asText(""),
                        w.path("approver").asText(""), LocalDate.parse(w.path("expires").asText(""))));
            } catch (RuntimeException e) {
                // A waiver the evidence cannot date is not shown as covering anything.
            }
        }
        return out;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private List<Model.SigningRow> signing(Optional<VerificationReport> verification) {
        List<Model.SigningRow> rows = new ArrayList<>();
        // Only signatures that verified count: without keys (or when verification could not run), a
        // signature is text anyone who can commit may write, so no requirement shows as met.
        List<ManifestSignature> counted = verification.map(VerificationReport::countedSignatures).orElse(List.of());
        for (SigningRequirement requirement : workspace.rulebook().signing().required()) {
            int signed = (int) counted.stream().filter(s -> requirement.roles().contains(s.role())).count();
            rows.add(new Model.SigningRow(requirement.describe(), requirement.roles(), requirement.min(), signed,
                    signed >= requirement.min()));
        }
        return List.copyOf(rows);
    }

    /**
     * The KPI trends of a cycle's digest: each KPI's measured values over {@code earlier}, the stream's
     * last {@value #TREND_DIGESTS} digests up to this cycle's, oldest first.
     */
    private static List<Model.KpiTrend> kpis(Partial cycle, List<DigestSummary> earlier) {
        if (cycle.digest().isEmpty()) {
            return List.of();
        }
        List<Model.KpiTrend> trends = new ArrayList<>();
        for (KpiValue kpi : cycle.digest().get().kpis().values()) {
            if (trends.size() == MAX_KPI_CHARTS) {
                break;
            }
            trends.add(new Model.KpiTrend(kpi.name(), kpi.unit(), kpi.direction(), kpi.actual(), kpi.target(),
                    trend(kpi, earlier)));
        }
        return List.copyOf(trends);
    }

    /**
     * The points of {@code kpi}'s trend over {@code earlier} (oldest first): each digest's measured value,
     * in {@code kpi}'s unit only. A digest that states the KPI in another unit (the rulebook redefined it,
     * a ratio become a percentage) breaks the series: the trend starts again after it, as the digest
     * compares a value only with one of the same unit (a change that is only the unit is no trend).
     */
    static List<Model.Point> trend(KpiValue kpi, List<DigestSummary> earlier) {
        List<Model.Point> points = new ArrayList<>();
        for (DigestSummary d : earlier) {
            KpiValue then = d.kpis().get(kpi.name());
            if (then == null) {
                continue;
            }
            if (!then.unit().equals(kpi.unit())) {
                points.clear();
                continue;
            }
            then.actual().ifPresent(v -> points.add(new Model.Point(d.cycleId(), v)));
        }
        return List.copyOf(points);
    }

    /** Each improvement action and the later cycle of the stream whose plan carries it, if any. */
    private List<Model.ActionRow> actions(Partial cycle, CarriedActions carried) {
        String origin = "digest:" + layout.digest(cycle.ref());
        List<Model.ActionRow> rows = new ArrayList<>();
        for (ImprovementAction action : cycle.actions()) {
            Optional<Carried> into = carried.after(origin + "#" + action.id(), cycle.ref().cycleId());
            rows.add(new Model.ActionRow(action, into.map(Carried::cycleId), into.map(Carried::taskId)));
        }
        return List.copyOf(rows);
    }

    /** A task of a later plan that carries an improvement action. */
    private record Carried(String cycleId, String taskId) {
    }

    /**
     * Where one stream's plans carry improvement actions: for each origin a task names, the first such
     * task of each cycle, the cycles in the order they are added (by id). Looking an action up costs a
     * binary search, not a walk over every later cycle's every task.
     */
    private static final class CarriedActions {
        private final Map<String, List<Carried>> byOrigin = new HashMap<>();

        void add(Partial cycle) {
            for (Task task : cycle.tasks()) {
                task.origin().ifPresent(origin -> {
                    List<Carried> list = byOrigin.computeIfAbsent(origin, o -> new ArrayList<>());
                    if (list.isEmpty() || !list.get(list.size() - 1).cycleId().equals(cycle.ref().cycleId())) {
                        list.add(new Carried(cycle.ref().cycleId(), task.id()));
                    }
                });
            }
        }

        /** The first cycle after {@code cycleId} whose plan carries {@code origin}, with its first such task. */
        Optional<Carried> after(String origin, String cycleId) {
            List<Carried> list = byOrigin.getOrDefault(origin, List.of());
            int low = 0;
            int high = list.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (list.get(mid).cycleId().compareTo(cycleId) <= 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low < list.size() ? Optional.of(list.get(low)) : Optional.empty();
        }
    }

    private List<Attention> attention(Model.CycleView c) {
        List<Attention> out = new ArrayList<>();
        String name = c.ref().stream() + "/" + c.ref().cycleId();
        c.problems().forEach(p -> out.add(new Attention(name, p.kind(), p.text(), c.page() + "#problems")));
        c.unsignedHistory().forEach(p -> out.add(new Attention(name, "Unsigned history", p, c.page() + "#history")));
        if (!c.attempts().isEmpty()) {
            Model.Attempt last = c.attempts().get(c.attempts().size() - 1);
            if (!last.accepted()) {
                List<String> failed = last.gates().stream().filter(g -> g.status().equals("FAIL"))
                        .map(g -> Printable.line(g.gate())).toList();
                out.add(new Attention(name, "Refused", last.from() + " \u2192 " + last.to() + " was refused"
                        + (failed.isEmpty() ? "" : " by " + String.join(", ", failed)),
                        c.page() + "#attempt-" + last.number()));
            }
        }
        c.verification().filter(v -> !v.passed()).ifPresent(v -> out.add(new Attention(name, "Verification failed",
                v.discrepancies().size() + " discrepanc" + (v.discrepancies().size() == 1 ? "y" : "ies")
                        + ": " + v.discrepancies().get(0).describe(), c.page() + "#manifest")));
        if (c.manifest().isPresent() && c.manifest().get().sealed()) {
            for (Model.SigningRow row : c.signing()) {
                if (!row.met()) {
                    out.add(new Attention(name, "Signature pending", "needs " + Printable.line(row.requirement())
                            + ", has " + row.signed(), c.page() + "#manifest"));
                }
            }
        }
        boolean open = c.state().filter(s -> s != CycleState.COMPLETED).isPresent();
        if (open) {
            for (Waiver w : c.waivers()) {
                if (asOf.isAfter(w.expires())) {
                    out.add(new Attention(name, "Waiver expired", Printable.line(w.rule()) + " for "
                            + Printable.line(w.item()) + " expired on " + w.expires(), c.page() + "#waivers"));
                } else if (!asOf.plusDays(EXPIRY_WARNING_DAYS).isBefore(w.expires())) {
                    out.add(new Attention(name, "Waiver expiring", Printable.line(w.rule()) + " for "
                            + Printable.line(w.item()) + " expires on " + w.expires(), c.page() + "#waivers"));
                }
            }
        }
        return out;
    }

    /** The files findings and violations point at, each with the lines they mark. */
    private Map<String, Model.SourceFile> sources(List<Model.CycleView> cycles) {
        Map<String, Map<Integer, List<Model.FindingRow>>> marks = new TreeMap<>();
        // Each evidence file's findings and violations once, however many attempts (of any cycle) name it.
        Set<String> marked = new HashSet<>();
        for (Model.CycleView c : cycles) {
            for (Model.Attempt a : c.attempts()) {
                for (Model.GateRun g : a.gates()) {
                    if (g.evidencePath().isPresent() && !marked.add(g.evidencePath().get())) {
                        continue;
                    }
                    for (Model.FindingRow f : g.findings()) {
                        f.file().filter(s -> !s.isBlank()).flatMap(Pages::sourcePath).ifPresent(file -> marks
                                .computeIfAbsent(file, k -> new TreeMap<>()).computeIfAbsent(f.line(),
                                        k -> new ArrayList<>()).add(f));
                    }
                    for (Model.ViolationRow v : g.violations()) {
                        v.location().flatMap(WorkspaceReader::parseLocation).ifPresent(loc -> Pages
                                .sourcePath(loc.file()).ifPresent(file -> marks.computeIfAbsent(file,
                                        k -> new TreeMap<>()).computeIfAbsent(loc.line(), k -> new ArrayList<>())
                                .add(new Model.FindingRow(g.gate(), v.rule(), v.severity(), Printable.line(v.message()),
                                        Optional.of(loc.file()), loc.line(), loc.column(), Optional.of(v.item())))));
                    }
                }
            }
        }
        Map<String, Model.SourceFile> out = new LinkedHashMap<>();
        marks.forEach((path, lines) -> out.put(path, new Model.SourceFile(path, Pages.sourcePage(path), lines)));
        return out;
    }

    /**
     * Whether a workspace-relative path a file names (a finding's file, an evidence path in the log)
     * lies in a git directory: a segment {@code .git}, in any case (case-insensitive file systems). The
     * report is published, and the git directory is the checkout's, not the repository's: a CI keeps
     * its token there ({@code .git/config}), which no commit can write or read, so the site never shows
     * or reads it.
     */
    static boolean inGitDirectory(String relative) {
        for (String segment : relative.split("[/\\\\]", -1)) {
            if (segment.strip().equalsIgnoreCase(".git")) {
                return true;
            }
        }
        return false;
    }

    /** A location written as {@code file:line:column}. */
    record Location(String file, int line, int column) {
    }

    static Optional<Location> parseLocation(String text) {
        Matcher m = LOCATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int line = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int column = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return Optional.of(new Location(m.group(1), line, column));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A source view's text, or why it is not shown. */
    record SourceText(Optional<String> text, String problem) {
    }

    /** The source views' files, each read when its page is written: one at a time in memory. */
    Sources sources() {
        return new Sources();
    }

    /**
     * Reads the files of the source views, one per call, while the bound on the characters shown in all
     * ({@value #MAX_SOURCES_BYTES}) lasts, spent in the order the files are asked for; not thread-safe.
     */
    final class Sources {
        private long budget = MAX_SOURCES_BYTES;

        private Sources() {
        }

        /** The text of the workspace file {@code path} as its source view shows it, or why it is not shown. */
        SourceText text(String path) {
            SourceText file = source(path);
            if (file.text().isEmpty()) {
                return file;
            }
            // Characters with each line break counted as one, as the page shows them: split("\r\n|\r|\n", -1).
            String text = file.text().get();
            long size = text.length() + 1L;
            for (int i = text.indexOf("\r\n"); i >= 0; i = text.indexOf("\r\n", i + 2)) {
                size--;
            }
            if (size > budget) {
                return new SourceText(Optional.empty(), "the source pages show at most " + (MAX_SOURCES_BYTES >> 20)
                        + " Mi characters of files in all; this one is not shown");
            }
            budget -= size;
            return file;
        }
    }

    private SourceText source(String path) {
        return read("source " + path + " cannot be read", () -> {
            Path file = SafePaths.resolve(workspace.root(), path);
            if (inGitDirectory(path)) {
                // The checkout's own files (.git/config holds a CI's token), which no commit writes.
                return new SourceText(Optional.empty(), "a file of the git directory is not shown");
            }
            // Under a directory that may not be searched the file is there: said so, not "not in the workspace".
            Optional<BasicFileAttributes> attributes = DirectoryEntries.attributes(workspace.root(), file,
                    "its source view cannot be shown");
            if (attributes.isEmpty() || !attributes.get().isRegularFile()) {
                return new SourceText(Optional.empty(), "the file is not in the workspace");
            }
            if (attributes.get().size() > MAX_SOURCE_BYTES) {
                return new SourceText(Optional.empty(), "the file is larger than " + (MAX_SOURCE_BYTES >> 20)
                        + " MiB and is not shown");
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes(file,
                            "its source view cannot be shown")))
                    .toString();
            return new SourceText(Optional.of(text), "");
        }, e -> new SourceText(Optional.empty(), e instanceof CharacterCodingException ? "the file is not UTF-8 text"
                : "the file cannot be read: " + e.getMessage()));
    }

    /** One read the report makes, which may fail. */
    @FunctionalInterface
    interface Read<T> {
        /** The read's result. */
        T run() throws IOException;
    }

    /**
     * The one rule of the report's reads (fail36; every read of the site goes through it): runs {@code read}; a failure
     * the user is to fix (a {@link PlanningException} other than the system's, or an I/O failure
     * {@link DirectoryEntries#usersToFix} gives the user, its allow-list) is a problem shown on the page:
     * {@code problem} gets it, and its answer is the read's. A failure of the system (a {@link SystemFailureException},
     * or any other I/O failure: the disk answering {@code EIO}, a temporary directory that cannot be written) is
     * handed on, a {@link SystemFailureException}: the report ends with exit 3 and no page shows it as the
     * workspace's problem. Before, each read held the rule itself, and an {@link UncheckedIOException} was shown on the
     * page unjudged.
     *
     * @param what    the read that failed, for the system's message ({@code manifest ... cannot be verified})
     * @param read    the read
     * @param problem what the read gives when it failed for the user's cause
     */
    static <T> T read(String what, Read<T> read, Function<Exception, T> problem) {
        try {
            return read.run();
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            return problem.apply(e);
        } catch (UncheckedIOException e) {
            return judged(what, e.getCause(), e, problem);
        } catch (IOException e) {
            return judged(what, e, e, problem);
        }
    }

    /** An I/O failure of a read, judged: the user's to {@code problem}, the system's handed on. */
    private static <T> T judged(String what, IOException cause, Exception e, Function<Exception, T> problem) {
        if (DirectoryEntries.usersToFix(null, cause)) {
            return problem.apply(e);
        }
        String file = cause instanceof FileSystemException failed && failed.getFile() != null
                ? ": " + Shown.path(failed.getFile()) : "";
        throw new SystemFailureException(what + file + " (" + Shown.reason(cause) + "): the system failed, not"
                + " the input (a disk answering an I/O error, say); check the disk and try again (PLANNING_DEBUG=1 shows"
                + " the stack trace)", null, e);
    }

    /** A read's {@code problem} that adds its failure to {@code problems}, after {@code what}, and gives {@code none}. */
    private static <T> Function<Exception, T> problem(List<Model.Problem> problems, String what, T none) {
        return e -> {
            problems.add(Model.Problem.unreadable(what + ": " + e.getMessage()));
            return none;
        };
    }
}
