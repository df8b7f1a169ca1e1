package dev.planning.engine.seal;

import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.Tag;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.artifact.DecisionLogReader;
import dev.planning.engine.cycle.CycleArtifacts;
import dev.planning.engine.hash.Sha256;
import dev.planning.engine.workspace.SafePaths;
import dev.planning.engine.workspace.WorkspaceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the manifest of a cycle that has just been accepted into {@code PACKAGED}.
 *
 * <p>Sealed artifacts: the cycle's plan artifacts (task breakdown, story map, decision log when
 * present) and the evidence files its recorded gate results point at (a transition event's
 * {@code evidence.<gate>} detail), each with its SHA-256 and size. Gate results: the latest run of
 * each gate over the cycle's accepted transitions up to {@code PACKAGED}. Governance: the
 * {@code governance} gate's evidence of the sealing transition when it ran (unwaived critical
 * count, waivers used), otherwise the decision log's waivers in force on the sealing day.
 */
final class ManifestBuilder {

    /** The manifest format version written. */
    static final String VERSION = "1.0";
    /** The detail key prefix of a transition event that names a gate's evidence file. */
    static final String EVIDENCE_PREFIX = "evidence.";

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final CycleArtifacts artifacts;

    ManifestBuilder(Path workspace, WorkspaceLayout layout) {
        this.workspace = workspace;
        this.layout = layout;
        this.artifacts = new CycleArtifacts(workspace, layout);
    }

    /** The plan artifacts of a cycle that exist: what must be committed before sealing. */
    List<String> planArtifacts(CycleRef cycle) {
        return artifacts.artifactPaths(cycle);
    }

    HandoffManifest build(CycleRef cycle, String manifestId, List<RecordedEvent> history,
            Optional<TransitionResult> sealing, GitState git, SealOptions options, String rulebookHash,
            String createdBy, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        Map<String, GateOutcome> gates = gateOutcomes(history);
        Set<String> paths = new LinkedHashSet<>(planArtifacts(cycle));
        gates.values().forEach(outcome -> outcome.evidence()
                .filter(path -> Files.isRegularFile(SafePaths.resolve(workspace, path)))
                .ifPresent(paths::add));
        return new HandoffManifest(VERSION, manifestId, cycle.cycleId(), cycle.stream(), true, at, createdBy, at,
                git.snapshotRev(), git.dirty(), rulebookHash, checksums(List.copyOf(paths)), gates,
                governance(cycle, sealing, at), options.priorManifestId(), options.notes(), List.of());
    }

    private List<ArtifactChecksum> checksums(List<String> paths) {
        List<Path> files = paths.stream().map(path -> SafePaths.resolve(workspace, path)).toList();
        Map<Path, Sha256.FileDigest> digests = Sha256.files(files);
        List<ArtifactChecksum> checksums = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            Sha256.FileDigest digest = digests.get(files.get(i));
            checksums.add(new ArtifactChecksum(paths.get(i), digest.sha256(), digest.bytes()));
        }
        return checksums;
    }

    /** The latest outcome of each gate over the accepted forward transitions of the log. */
    private static Map<String, GateOutcome> gateOutcomes(List<RecordedEvent> history) {
        Map<String, GateOutcome> outcomes = new LinkedHashMap<>();
        for (RecordedEvent recorded : history) {
            PlanningEvent event = recorded.event();
            boolean handoff = event.toState().filter(s -> s == CycleState.READY_FOR_HANDOFF
                    || s == CycleState.PACKAGED).isPresent();
            if (event.type() != EventType.STATE_TRANSITION || !handoff) {
                continue;
            }
            for (Map.Entry<String, GateStatus> gate : event.gateResults().entrySet()) {
                Optional<String> evidence = Optional.ofNullable(event.details().get(EVIDENCE_PREFIX + gate.getKey()));
                outcomes.remove(gate.getKey());
                outcomes.put(gate.getKey(), new GateOutcome(gate.getValue(), evidence, event.timestamp()));
            }
        }
        return outcomes;
    }

    private GovernanceSummary governance(CycleRef cycle, Optional<TransitionResult> sealing, Instant at) {
        Set<String> tags = new TreeSet<>();
        artifacts.taskBreakdown(cycle).ifPresent(plan -> plan.tasks()
                .forEach(task -> task.tags().values().stream().map(Tag::toString).forEach(tags::add)));
        String logPath = layout.decisionLog(cycle);
        Optional<String> decisionLog = Files.isRegularFile(SafePaths.resolve(workspace, logPath))
                ? Optional.of(logPath) : Optional.empty();
        Optional<Map<String, Object>> evidence = sealing.flatMap(result -> result.gate("governance"))
                .map(GateResult::evidence);
        int critical = evidence.map(e -> e.get("critical_violations"))
                .filter(Number.class::isInstance).map(n -> ((Number) n).intValue()).orElse(0);
        List<Waiver> waivers = evidence.map(e -> e.get("waivers_used")).filter(List.class::isInstance)
                .map(list -> waivers((List<?>) list))
                .orElseGet(() -> decisionLogWaivers(decisionLog, LocalDate.ofInstant(at, ZoneOffset.UTC)));
        return new GovernanceSummary(List.copyOf(tags), critical, waivers, decisionLog);
    }

    private static List<Waiver> waivers(List<?> used) {
        List<Waiver> waivers = new ArrayList<>();
        for (Object item : used) {
            if (item instanceof Map<?, ?> w && w.get("expires") != null) {
                waivers.add(new Waiver(String.valueOf(w.get("rule")), String.valueOf(w.get("item")),
                        String.valueOf(w.get("reason")), String.valueOf(w.get("approver")),
                        LocalDate.parse(String.valueOf(w.get("expires")))));
            }
        }
        return waivers;
    }

    private List<Waiver> decisionLogWaivers(Optional<String> decisionLog, LocalDate day) {
        return decisionLog.flatMap(path -> new DecisionLogReader().read(SafePaths.resolve(workspace, path), path).model())
                .map(all -> all.stream().filter(w -> w.activeOn(day)).toList())
                .orElse(List.of());
    }
}
