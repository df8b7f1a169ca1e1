package dev.planning.engine.internal.seal;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the manifest of a cycle that has just been accepted into {@code PACKAGED}.
 *
 * <p>Sealed artifacts: every input of the cycle's verdicts ({@link EvidenceInputs}: plan artifacts,
 * contracts file, capacity model, the other streams' plans the gates saw) and the evidence files
 * its gate results point at (a transition event's {@code evidence.<gate>} detail), each with its
 * SHA-256 and size. Gate results: the latest run of each gate over the cycle's accepted
 * transitions up to {@code PACKAGED}, where the gates of the sealing step are those just run.
 * Governance: the summary {@link GovernanceSummaries} derives (tags of the task breakdown; the
 * {@code governance} gate's evidence of the sealing step when it ran, unwaived critical count and
 * waivers used; otherwise the decision log's waivers in force on the sealing day), which
 * {@code verify} derives again from the sealed inputs and compares.
 * The manifest records {@code event_log_head}, the hash of the log's last event before
 * {@code MANIFEST_SEALED}.
 */
final class ManifestBuilder {

    /** The manifest format version written. */
    static final String VERSION = "1.1";
    /** The detail key prefix of a transition event that names a gate's evidence file. */
    static final String EVIDENCE_PREFIX = "evidence.";

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final EvidenceInputs inputs;

    ManifestBuilder(Path workspace, WorkspaceLayout layout) {
        this.workspace = workspace;
        this.layout = layout;
        this.inputs = new EvidenceInputs(workspace, layout);
    }

    /** The inputs of a cycle's verdicts that exist: what is sealed, and must be committed before sealing. */
    List<String> planArtifacts(CycleRef cycle) {
        return inputs.paths(cycle);
    }

    /**
     * The SHA-256 of each input of the cycle's verdicts that exists now ({@link #planArtifacts}), by path:
     * hashed before the gates of a seal run, so that the seal can tell the bytes it sealed are those judged.
     */
    Map<String, String> inputDigests(CycleRef cycle) {
        return inputs.digests(cycle);
    }

    /**
     * @param sealing the gate results of the sealing step ({@code READY_FOR_HANDOFF -> PACKAGED}),
     *                just run, with the evidence file of each by gate name
     * @param logHead the hash of the log's last event, which the manifest records
     * @param inputs  the inputs of the verdicts sealed: those found before the gates ran
     */
    HandoffManifest build(CycleRef cycle, String manifestId, List<RecordedEvent> history,
            LifecycleMachine.Evaluation sealing, String logHead, GitState git,
            SealOptions options, String rulebookHash, String createdBy, List<String> inputs) {
        // sealed_at and created_at: the instant the sealing gates judged as of, to the second (same day).
        Instant at = sealing.judgedAt().truncatedTo(ChronoUnit.SECONDS);
        Map<String, GateOutcome> gates = gateOutcomes(history, sealing, sealing.judgedAt());
        Set<String> paths = new LinkedHashSet<>(inputs);
        gates.values().forEach(outcome -> outcome.evidence()
                .filter(path -> DirectoryEntries.isRegularFile(workspace, SafePaths.resolve(workspace, path),
                        "the manifest cannot seal the gates' evidence without it"))
                .ifPresent(paths::add));
        return new HandoffManifest(VERSION, manifestId, cycle.cycleId(), cycle.stream(), true, at, createdBy, at,
                git.snapshotRev(), git.dirty(), rulebookHash, Optional.of(logHead), checksums(List.copyOf(paths)), gates,
                GovernanceSummaries.of(workspace, layout, cycle, sealing.results(), at), options.priorManifestId(), options.notes(), List.of());
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

    /**
     * The latest outcome of each gate over the accepted transitions into {@code READY_FOR_HANDOFF},
     * then the sealing step's results just run (never the ones a log recorded for it).
     */
    private static Map<String, GateOutcome> gateOutcomes(List<RecordedEvent> history,
            LifecycleMachine.Evaluation sealing, Instant sealingAt) {
        Map<String, GateOutcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < history.size(); i++) {
            RecordedEvent recorded = history.get(i);
            PlanningEvent event = recorded.event();
            boolean handoff = event.toState().filter(s -> s == CycleState.READY_FOR_HANDOFF).isPresent();
            if (event.type() != EventType.STATE_TRANSITION || !handoff) {
                continue;
            }
            Instant judged = judgedAt(event, i == 0 ? Optional.empty() : Optional.of(history.get(i - 1).event()));
            for (Map.Entry<String, GateStatus> gate : event.gateResults().entrySet()) {
                Optional<String> evidence = Optional.ofNullable(event.details().get(EVIDENCE_PREFIX + gate.getKey()));
                outcomes.remove(gate.getKey());
                outcomes.put(gate.getKey(), new GateOutcome(gate.getValue(), evidence, judged));
            }
        }
        for (GateResult result : sealing.results()) {
            outcomes.remove(result.gate());
            outcomes.put(result.gate(), new GateOutcome(result.status(),
                    Optional.ofNullable(sealing.evidence().get(result.gate())), sealingAt));
        }
        return outcomes;
    }

    /**
     * When a recorded move's gates judged: its {@code judged_at} when that holds (see
     * {@link RecordedMoves#judgedAt}), otherwise the event's time, as a log written before the detail
     * says. Only recorded: {@code verify} judges each verdict again as of its evidence's {@code at}.
     */
    private static Instant judgedAt(PlanningEvent event, Optional<PlanningEvent> before) {
        if (before.isEmpty()) {
            return event.timestamp();
        }
        try {
            return RecordedMoves.judgedAt(event, before.get());
        } catch (IllegalArgumentException e) {
            return event.timestamp();
        }
    }
}
