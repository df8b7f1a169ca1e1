package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.improve.CarriedOrigins;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.json.JsonTrees;
import dev.planning.engine.internal.lifecycle.LifecycleMachine.Rerun;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Binds each sealed gate verdict to its sealed evidence and inputs, and re-derives the verdicts
 * that are a function of sealed inputs.
 *
 * <p>For every gate of the manifest: its evidence file must be a sealed artifact, unchanged, with
 * the same gate, status and rulebook hash as the manifest, and the inputs it records must be
 * exactly the sealed artifacts that gate reads ({@link EvidenceInputs#judgedBy}), each with the
 * sealed SHA-256 ({@code EVIDENCE_MISMATCH} otherwise). Then, unless asked not to, the gates of
 * the sealing steps are run again for the transition their evidence was judged at, as of that
 * moment, with the rulebook in hand (which verify has already compared with the sealed hash), over
 * exactly the sealed inputs read from git at {@code snapshot_rev} ({@link SealedInputs}), and each
 * status that differs from the sealed one is a {@code VERDICT_CHANGED}; so is a gate of either
 * sealing step that fails when recomputed, though the manifest records each gate once, from the
 * later step (attack36: a policy may read the earlier gates' results, so a verdict can fail at one
 * step and pass at the other over the same plan). The governance summary (tags, unwaived critical
 * count, waivers, {@code decision_log_ref}) is compared field by field with the one seal would write
 * ({@link GovernanceSummaries}), derived again from the recomputed verdicts of the sealing step and
 * the sealed inputs, whichever gates that step runs. The built-in gates
 * of {@link #RECOMPUTED} are a function of those inputs; a plug-in gate is re-run when available
 * here (with a note), and is a discrepancy when it is not.
 */
final class VerdictCheck {

    /**
     * The built-in gates whose verdict is a function of sealed inputs and the rulebook. Every other
     * gate of the manifest (a plug-in gate) is re-run too when it is available here, with a note
     * that its verdict may depend on more; when it is not, that is a discrepancy (fail closed).
     */
    static final Set<String> RECOMPUTED = Set.of("schema_lint", "cross_stream_consistency", "parity_coverage",
            "governance");

    /** The steps whose gates a handoff passed before its manifest was written. */
    private static final CycleState[][] SEALING_PATH = {
            {CycleState.PLANNED, CycleState.READY_FOR_HANDOFF},
            {CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED}};

    /** The step that seals ({@code READY_FOR_HANDOFF -> PACKAGED}), whose verdicts the governance summary is taken from. */
    private static final Transition SEALING_STEP = Lifecycle.find(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED)
            .orElseThrow();

    /** The mapper evidence was read with, made only to word an error (see {@link #readEvidence}). */
    private static final class Mapper {
        static final ObjectMapper JSON = JsonMappers.strictJson();
    }

    /**
     * Evidence JSON as a tree: what the strict mapper's {@code readTree} gives (a key twice in one object
     * or anything after the value refused; no content: a missing node), read with the streaming parser
     * alone ({@link JsonTrees}), since a mapper's first use costs a short {@code verify} more than its
     * evidence. When the bytes do not read, the mapper reads them to give its own error message.
     */
    static JsonNode readEvidence(byte[] bytes) throws IOException {
        Optional<JsonNode> tree;
        try {
            tree = JsonTrees.readStrict(bytes);
        } catch (IOException e) {
            return Mapper.JSON.readTree(bytes);
        }
        return tree.orElse(MissingNode.getInstance());
    }

    private static final int MEMO_SIZE = 16;

    private final Path workspace;
    private final VerdictRecomputer recomputer;
    /**
     * Recomputed results by everything they are a function of: the cycle, the transition, the
     * moment judged, the rulebook hash and every sealed artifact's digest. Only consulted when the
     * files in hand are exactly the sealed ones, so a hit is the same computation.
     */
    private final Cache<String, Recomputed> memo = Caffeine.newBuilder().maximumSize(MEMO_SIZE).build();

    /**
     * A step's gates run again, and for the sealing step the governance summary derived again from the same
     * sealed inputs ({@link GovernanceSummaries}).
     */
    private record Recomputed(Rerun rerun, Optional<GovernanceSummary> summary) {
    }

    private final EvidenceInputs inputs;
    private final WorkspaceLayout layout;

    VerdictCheck(Path workspace, WorkspaceLayout layout, VerdictRecomputer recomputer) {
        this.workspace = workspace;
        this.layout = layout;
        this.recomputer = recomputer;
        this.inputs = new EvidenceInputs(workspace, layout);
    }

    /**
     * What was found: discrepancies and notes for the report; the waivers the sealed and the recomputed
     * verdicts used, and the {@code at} of each sealed evidence, for {@link TrustedDay} to judge.
     */
    record Outcome(List<Discrepancy> discrepancies, List<String> notes, List<TrustedDay.Used> waivers,
            List<TrustedDay.Stamp> stamps) {
    }

    /**
     * @param recompute      whether to run the gates again
     * @param rulebookSealed whether the rulebook in hand has the manifest's rulebook hash
     * @param inputsIntact   whether every sealed artifact is present and unchanged, and bound to its snapshot_rev
     * @param trust          the keys the verification judges with, which the gates run again read
     */
    Outcome check(HandoffManifest manifest, CycleRef cycle, String display, boolean recompute,
            boolean rulebookSealed, boolean inputsIntact, TrustedKeys trust) {
        List<Discrepancy> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, ArtifactChecksum> sealed = new LinkedHashMap<>();
        manifest.artifacts().forEach(a -> sealed.putIfAbsent(a.path(), a));
        Map<Transition, List<String>> toRerun = new LinkedHashMap<>();
        Map<Transition, Instant> judgedAt = new LinkedHashMap<>();
        List<TrustedDay.Used> waivers = new ArrayList<>();
        List<TrustedDay.Stamp> stamps = new ArrayList<>();
        for (Map.Entry<String, GateOutcome> entry : manifest.gateResults().entrySet()) {
            String gate = entry.getKey();
            Optional<JsonNode> evidence = evidence(gate, entry.getValue(), sealed, manifest, cycle, display, found);
            evidence.ifPresent(root -> used(entry.getValue().evidence().orElseThrow(), root, waivers, stamps));
            if (evidence.isEmpty() || gate.equals(ReleaseReadinessGate.NAME)) {
                continue; // release_readiness judges the seal itself, after it
            }
            Optional<Transition> transition = transition(evidence.get());
            Optional<Instant> at = instant(evidence.get().path("at").asText(""));
            if (transition.isEmpty() || at.isEmpty()) {
                found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, entry.getValue().evidence().orElseThrow(),
                        "the evidence of " + gate + " does not say which transition it judged, or when"));
                continue;
            }
            toRerun.computeIfAbsent(transition.get(), t -> new ArrayList<>()).add(gate);
            judgedAt.merge(transition.get(), at.get(), (a, b) -> a.isAfter(b) ? a : b);
        }
        // Which gates judged the handoff is the sealed rulebook's profile, not the manifest's say: every
        // step on the way to PACKAGED is run again, so a verdict left out of gate_results is found.
        for (CycleState[] step : SEALING_PATH) {
            Lifecycle.find(step[0], step[1]).ifPresent(t -> {
                toRerun.computeIfAbsent(t, k -> new ArrayList<>());
                judgedAt.putIfAbsent(t, manifest.sealedAt());
            });
        }
        if (!recompute) {
            notes.add("verdicts not recomputed (--checksums-only): the sealed gate results were taken as recorded");
            return new Outcome(found, notes, waivers, stamps);
        }
        if (!rulebookSealed || !inputsIntact) {
            notes.add("verdicts not recomputed: " + (!rulebookSealed ? "the rulebook in hand is not the sealed one"
                    : "sealed inputs changed, or snapshot_rev does not hold them") + " (reported above)");
            return new Outcome(found, notes, waivers, stamps);
        }
        List<String> recomputed = new ArrayList<>();
        List<String> pluginGates = new ArrayList<>();
        Map<String, Discrepancy> otherSteps = new LinkedHashMap<>();
        Set<String> changedGates = new HashSet<>();
        Optional<Recomputed> sealingStep = Optional.empty();
        // The gates run over exactly the sealed inputs, pinned from git at snapshot_rev, written once
        // (on the first recomputation the memo does not answer) and deleted when done.
        Path[] pinned = new Path[1];
        try (SealedInputs sealedInputs = new SealedInputs(workspace, layout, manifest, cycle)) {
            for (Map.Entry<Transition, List<String>> entry : toRerun.entrySet()) {
                Transition transition = entry.getKey();
                Recomputed recomputedStep;
                String key = cycle + "|" + transition.key() + "|" + judgedAt.get(transition) + "|"
                        + manifest.rulebookHash() + "|" + manifest.artifacts().stream().map(a -> a.path() + ":" + a.sha256()).sorted().toList()
                        + "|" + keysOf(trust); // a verdict re-derived with other keys is another verdict
                try {
                    recomputedStep = cached(key, () -> {
                        if (pinned[0] == null) {
                            pinned[0] = sealedInputs.pin();
                        }
                        Rerun again = recomputer.rerun(pinned[0], cycle, transition, judgedAt.get(transition), trust);
                        // What seal writes in the summary, from the same sealed inputs and the same verdicts.
                        return new Recomputed(again, isSealingStep(transition)
                                ? Optional.of(GovernanceSummaries.of(pinned[0], layout, cycle, again.results(),
                                        judgedAt.get(transition)))
                                : Optional.empty());
                    });
                } catch (UnreadableInputException | SystemFailureException e) {
                    throw e;
                } catch (PlanningException | IllegalStateException e) {
                    found.add(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "verdicts of " + transition.key()
                            + " could not be recomputed: " + e.getMessage()));
                    continue;
                }
                Rerun rerun = recomputedStep.rerun();
                if (isSealingStep(transition)) {
                    sealingStep = Optional.of(recomputedStep);
                }
                List<GateResult> results = rerun.results();
                for (GateResult result : results) {
                    // The recomputed verdict's waivers too: a sealed evidence file may leave one out.
                    waivers.addAll(TrustedDay.used(display, result.evidence().get(TrustedDay.WAIVERS_USED)));
                }
                for (String gate : rerun.unavailable()) {
                    // Fail closed: a verdict that cannot be re-derived here is not taken on trust.
                    found.add(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "gate " + gate + " to re-derive"
                            + " its verdict", "not available", gate + ": the sealed rulebook's profile runs it at "
                                    + transition.key() + ", but no gate of that name is available here (a plug-in"
                                    + " gate not on the class path), so its sealed verdict cannot be recomputed"));
                    notes.add("verdict of plug-in gate " + gate + " not recomputed: the gate is not available here");
                }
                for (GateResult result : results) {
                    if (!manifest.gateResults().containsKey(result.gate())) {
                        found.add(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "a sealed result of "
                                + result.gate(), "none", result.gate() + ": the sealed rulebook's profile runs it at "
                                + transition.key() + " (now " + result.status() + "), but the manifest records no result"
                                + " for it: a verdict was left out"));
                        continue;
                    }
                    if (!entry.getValue().contains(result.gate()) && !result.passed()) {
                        // A gate the profile runs at both sealing steps is recorded once, with the later step's
                        // evidence; its verdict at the other step must pass too (attack36): a policy may read the
                        // gates that ran before it in its step (GateResultFact), so the two steps can disagree.
                        // Reported after the loop, unless the recorded step's verdict changed too (one mistake).
                        otherSteps.put(result.gate(), Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display,
                                result.gate() + " PASS at " + transition.key(), "now " + result.status() + " ("
                                        + errors(result) + " errors)", result.gate() + " at " + transition.key() + ": now "
                                        + result.status() + " (" + errors(result) + " errors) when recomputed from the"
                                        + " sealed inputs under the sealed rulebook; the manifest records its verdict of"
                                        + " another step, but a handoff is sealed only when every gate of its sealing"
                                        + " steps passes"));
                    }
                }
                for (String gate : entry.getValue()) {
                    if (rerun.unavailable().contains(gate)) {
                        continue; // reported above
                    }
                    String sealedStatus = manifest.gateResults().get(gate).status().name();
                    Optional<GateResult> now = results.stream().filter(r -> r.gate().equals(gate)).findFirst();
                    if (now.isEmpty()) {
                        found.add(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "sealed " + sealedStatus,
                                "not run", gate + ": the rulebook's profile no longer runs it at " + transition.key()));
                        continue;
                    }
                    String nowStatus = now.get().status().name();
                    if (!nowStatus.equals(sealedStatus)) {
                        changedGates.add(gate);
                        long errors = errors(now.get());
                        found.add(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "sealed " + sealedStatus,
                                "now " + nowStatus + " (" + errors + " errors)", gate + ": sealed " + sealedStatus
                                        + ", now " + nowStatus + " (" + errors + " errors) when recomputed from the sealed"
                                        + " inputs under the sealed rulebook"));
                    }
                    recomputed.add(gate + " " + nowStatus);
                    if (!RECOMPUTED.contains(gate)) {
                        pluginGates.add(gate);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            if (pinned[0] != null) {
                SealedInputs.delete(pinned[0], e); // a failure to delete is not thrown in the way of this one
            }
            throw e;
        }
        if (pinned[0] != null) {
            SealedInputs.delete(pinned[0]);
        }
        // The summary against the one derived again from the recomputed verdicts of the move into PACKAGED, whichever
        // step the recorded evidence says it judged (review36a), and whichever gates that step runs (the be profile
        // runs no governance gate there: its summary was compared with nothing).
        sealingStep.ifPresent(step -> found.addAll(summary(manifest, cycle, step, judgedAt.get(SEALING_STEP),
                display)));
        otherSteps.forEach((gate, discrepancy) -> {
            if (!changedGates.contains(gate)) {
                found.add(discrepancy);
            }
        });
        if (!recomputed.isEmpty()) {
            notes.add("verdicts recomputed from the sealed inputs: " + String.join(", ", recomputed));
        }
        if (!pluginGates.isEmpty()) {
            notes.add("plug-in gate(s) " + String.join(", ", pluginGates) + " re-run over the sealed inputs with the"
                    + " implementation on this class path; their verdict may also depend on what they read beyond"
                    + " the sealed inputs (the clock, the network), which no seal pins");
        }
        return new Outcome(found, notes, waivers, stamps);
    }

    /**
     * What {@link ManifestVerifier.Scope#SEALED_STATE} gives {@link TrustedDay} to judge, without binding
     * or re-deriving the verdicts: the waivers the sealed evidence of each of the manifest's gate
     * results lists as used, and the {@code at} of each. The manifest's governance summary is not
     * enough: whoever sealed wrote it, and it may leave out a waiver the evidence records. Fail
     * closed: a gate result whose evidence is not a sealed artifact, or not a JSON object, counts as a waiver
     * that cannot be read (it holds on no day); evidence missing or changed is reported by the
     * artifact checks, and is read here as it was sealed or not at all.
     */
    Outcome sealedWaivers(HandoffManifest manifest) {
        Map<String, ArtifactChecksum> sealed = new LinkedHashMap<>();
        manifest.artifacts().forEach(a -> sealed.putIfAbsent(a.path(), a));
        List<TrustedDay.Used> waivers = new ArrayList<>();
        List<TrustedDay.Stamp> stamps = new ArrayList<>();
        for (Map.Entry<String, GateOutcome> entry : manifest.gateResults().entrySet()) {
            String path = entry.getValue().evidence().orElse(entry.getKey() + " (no evidence)");
            ArtifactChecksum checksum = sealed.get(path);
            if (checksum == null) {
                waivers.add(TrustedDay.Used.unreadable(path, "the waivers of " + entry.getKey()
                        + ": its evidence is not sealed"));
                continue;
            }
            if (checksum.bytes() > MAX_EVIDENCE_BYTES) {
                waivers.add(TrustedDay.Used.unreadable(path, "the waivers of " + entry.getKey() + ": its evidence is "
                        + checksum.bytes() + " bytes, over the " + MAX_EVIDENCE_BYTES + " read"));
                continue;
            }
            Optional<byte[]> read = sealedBytes(path, checksum);
            if (read.isEmpty()) {
                continue; // reported as ARTIFACT_MISSING or ARTIFACT_CHANGED
            }
            byte[] bytes = read.get();
            JsonNode root;
            try {
                root = readEvidence(bytes);
            } catch (IOException e) {
                root = null;
            }
            if (root == null || !root.isObject()) {
                waivers.add(TrustedDay.Used.unreadable(path, "the waivers of " + entry.getKey()
                        + ": its evidence is not a JSON object"));
                continue;
            }
            used(path, root, waivers, stamps);
        }
        return new Outcome(List.of(), List.of(), waivers, stamps);
    }

    /**
     * The waivers a sealed evidence file lists as used (under its {@code evidence}, where the gate's
     * result puts them), and its {@code at}.
     */
    private static void used(String path, JsonNode document, List<TrustedDay.Used> waivers,
            List<TrustedDay.Stamp> stamps) {
        waivers.addAll(TrustedDay.used(path, document.path("evidence")));
        instant(document.path("at").asText("")).ifPresent(at -> stamps.add(new TrustedDay.Stamp(path, "at", at)));
    }

    /**
     * The manifest's governance summary against the one seal writes ({@link GovernanceSummaries}), derived again
     * from the recomputed verdicts of the sealing step over the sealed inputs, field by field: {@code sign} tells
     * each signer that the summary is what the signature approves, so a summary that says anything else
     * (attack36, trust37) is a {@code VERDICT_CHANGED} naming both values. One discrepancy per field that differs.
     *
     * @param judgedAt the instant the sealing step was judged as of: the day the decision log's waivers are taken on
     */
    private List<Discrepancy> summary(HandoffManifest manifest, CycleRef cycle, Recomputed step, Instant judgedAt,
            String display) {
        GovernanceSummary recorded = manifest.governance();
        GovernanceSummary expected = step.summary().orElseThrow();
        List<GateResult> results = step.rerun().results();
        String at = SEALING_STEP.key();
        List<Discrepancy> found = new ArrayList<>();
        if (!recorded.tags().equals(expected.tags())) {
            found.add(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "governance.tags " + expected.tags(),
                    "governance.tags " + recorded.tags(), "governance: the manifest's governance summary lists the tags "
                            + recorded.tags() + ", but the tasks of the sealed task breakdown carry " + expected.tags()
                            + "; the summary is what a signer is told the signature approves"));
        }
        if (recorded.criticalViolations() != expected.criticalViolations()) {
            boolean counted = GovernanceSummaries.governance(results)
                    .map(r -> r.evidence().get(GovernanceSummaries.CRITICAL_VIOLATIONS) instanceof Number).orElse(false);
            found.add(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "critical_violations "
                    + recorded.criticalViolations(), "critical_violations " + expected.criticalViolations(),
                    "governance: the manifest records " + recorded.criticalViolations() + " unwaived critical"
                            + " violation(s), the recomputed verdict finds " + expected.criticalViolations()
                            + (counted ? "" : " (no governance verdict of " + at + " counts them: seal records 0)")));
        }
        waivers(recorded, expected, results, judgedAt, display).ifPresent(found::add);
        // The cycle's decision log, named when it is sealed and only then (attack36: a reference to another file
        // sent a reader of the signed manifest to a decision log without the waivers the verdict used).
        String log = layout.decisionLog(cycle);
        boolean sealed = manifest.artifacts().stream().anyMatch(a -> a.path().equals(log));
        Optional<String> logRef = sealed ? Optional.of(log) : Optional.empty();
        if (!recorded.decisionLogRef().equals(logRef)) {
            found.add(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "decision_log_ref "
                    + logRef.orElse("(none)"), "decision_log_ref " + recorded.decisionLogRef().orElse("(none)"),
                    "governance: the manifest's decision_log_ref names " + recorded.decisionLogRef()
                            .orElse("no decision log") + ", but the decision log governance read is "
                            + logRef.orElse("none (the cycle's is not sealed)")));
        }
        return found;
    }

    /**
     * The summary's waivers against those the recomputed governance verdict of the sealing step lists as used
     * (attack36), as the gate gives them, so that one seal could not summarise is reported too; when no governance
     * gate ran at that step (the {@code be} profile) or it lists none (a governance gate of an embedder's own),
     * against the sealed decision log's waivers in force on the day the step judged, which is what seal summarises
     * then (trust37: both were compared with nothing). Compared as a multiset of rule, item, reason, approver and
     * expiry.
     */
    private static Optional<Discrepancy> waivers(GovernanceSummary recorded, GovernanceSummary expected,
            List<GateResult> results, Instant judgedAt, String display) {
        List<List<String>> summary = fields(recorded.waivers());
        Optional<List<?>> listed = GovernanceSummaries.waiversListed(results);
        List<List<String>> used = new ArrayList<>();
        if (listed.isPresent()) {
            for (Object item : listed.get()) {
                Map<?, ?> w = item instanceof Map<?, ?> map ? map : Map.of();
                used.add(List.of(String.valueOf(w.get("rule")), String.valueOf(w.get("item")),
                        String.valueOf(w.get("reason")), String.valueOf(w.get("approver")),
                        String.valueOf(w.get("expires"))));
            }
            used.sort(FIELD_BY_FIELD);
        } else {
            used.addAll(fields(expected.waivers()));
        }
        if (summary.equals(used)) {
            return Optional.empty();
        }
        String source = listed.isPresent() ? "the recomputed verdict of " + SEALING_STEP.key() + " used " + used.size()
                + " " + describeWaivers(used)
                : (GovernanceSummaries.governance(results).isPresent() ? "the recomputed governance verdict of "
                        + SEALING_STEP.key() + " lists no waivers_used" : "no governance gate runs at "
                        + SEALING_STEP.key()) + ", so the summary is the sealed decision log's waivers in force on "
                        + GovernanceSummaries.day(judgedAt) + ": " + used.size() + " " + describeWaivers(used);
        return Optional.of(Discrepancy.of(DiscrepancyKind.VERDICT_CHANGED, display, "governance.waivers "
                + describeWaivers(used), "governance.waivers " + describeWaivers(summary), "governance: the manifest's"
                        + " governance summary lists " + summary.size() + " waiver(s) " + describeWaivers(summary)
                        + ", but " + source + "; the summary is what a signer is told the signature approves"));
    }

    /** Waivers as their fields (rule, item, reason, approver, expiry), sorted {@link #FIELD_BY_FIELD}. */
    private static List<List<String>> fields(List<Waiver> waivers) {
        return waivers.stream().map(w -> List.of(w.rule(), w.item(), w.reason(), w.approver(), w.expires().toString()))
                .sorted(FIELD_BY_FIELD).toList();
    }

    /** Whether a transition is the step that seals, whose verdicts the governance summary is taken from. */
    private static boolean isSealingStep(Transition transition) {
        return transition.equals(SEALING_STEP);
    }

    /**
     * Waivers (rule, item, reason, approver, expiry) in order, field by field: compared as fields, never as one
     * joined text, which a reason or approver written to look like the joins could make equal for two waivers
     * (review36a).
     */
    private static final Comparator<List<String>> FIELD_BY_FIELD = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static String describeWaivers(List<List<String>> waivers) {
        return waivers.isEmpty() ? "(none)" : waivers.stream()
                .map(w -> w.get(0) + " for " + w.get(1) + " (approved by " + w.get(3) + ", expires " + w.get(4) + ": "
                        + w.get(2) + ")")
                .collect(Collectors.joining("; ", "[", "]"));
    }

    /** The error findings of a result. */
    private static long errors(GateResult result) {
        return result.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
    }

    /** The largest evidence file read: gates write a few KiB; more is never loaded whole. */
    static final long MAX_EVIDENCE_BYTES = 32L * 1024 * 1024;

    /**
     * A sealed evidence file's bytes when they are the sealed ones; empty when it cannot be read or
     * differs (the artifact check reports it). The size is compared first, so a file replaced by a
     * huge one is never loaded (it ended the command with an OutOfMemoryError). Callers refuse sealed
     * evidence over {@link #MAX_EVIDENCE_BYTES} before asking.
     */
    private Optional<byte[]> sealedBytes(String path, ArtifactChecksum checksum) {
        try {
            Path file = SafePaths.resolve(workspace, path);
            if (checksum.bytes() > MAX_EVIDENCE_BYTES || Files.size(file) != checksum.bytes()) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            return Sha256.hex(bytes).equals(checksum.sha256()) ? Optional.of(bytes) : Optional.empty();
        } catch (IOException | PlanningException e) {
            return Optional.empty();
        }
    }

    /** The keys as a memo key: every component a gate can read of them, in order. */
    private static String keysOf(TrustedKeys trust) {
        return trust.keys().stream().map(k -> k.role() + ":" + k.keyId() + ":" + k.algorithm() + ":"
                + Base64.getEncoder().encodeToString(k.publicKey().getEncoded())).toList() + "|" + trust.signing();
    }

    private Recomputed cached(String key, Supplier<Recomputed> compute) {
        Recomputed hit = memo.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        Recomputed results = compute.get();
        // origin42: a verdict that read another cycle's digest (a carried action's origin) depends on more than the
        // key, on files no seal pins: it is computed again each time, so an edit of that digest changes it.
        if (results.rerun().results().stream().noneMatch(r -> r.evidence().containsKey(CarriedOrigins.EVIDENCE))) {
            memo.put(key, results);
        }
        return results;
    }

    /** The gate's sealed evidence, checked against the manifest; empty when it cannot be trusted. */
    private Optional<JsonNode> evidence(String gate, GateOutcome outcome, Map<String, ArtifactChecksum> sealed,
            HandoffManifest manifest, CycleRef cycle, String display, List<Discrepancy> found) {
        if (outcome.evidence().isEmpty()) {
            found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, display, "an evidence file for " + gate,
                    "none", "the manifest records " + gate + " " + outcome.status()
                            + " without evidence: the verdict cannot be re-derived"));
            return Optional.empty();
        }
        String path = outcome.evidence().get();
        ArtifactChecksum checksum = sealed.get(path);
        if (checksum == null) {
            found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, "a sealed artifact", "not sealed",
                    "the evidence of " + gate + " is not among the manifest's artifacts"));
            return Optional.empty();
        }
        if (checksum.bytes() > MAX_EVIDENCE_BYTES) {
            found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, "at most " + MAX_EVIDENCE_BYTES
                    + " bytes", checksum.bytes() + " bytes", "the evidence of " + gate + " is larger than any a gate"
                    + " writes; it is not read, and the verdict is not taken as recorded"));
            return Optional.empty();
        }
        Optional<byte[]> read = sealedBytes(path, checksum);
        if (read.isEmpty()) {
            return Optional.empty(); // reported as ARTIFACT_MISSING or ARTIFACT_CHANGED
        }
        byte[] bytes = read.get();
        JsonNode root;
        try {
            root = readEvidence(bytes);
        } catch (IOException e) {
            found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, "the evidence of " + gate
                    + " is not JSON: " + e.getMessage()));
            return Optional.empty();
        }
        expect(found, path, gate, "gate", gate, root.path("gate").asText(""));
        expect(found, path, gate, "status", outcome.status().name(), root.path("status").asText(""));
        expect(found, path, gate, "rulebook_hash", manifest.rulebookHash(), root.path("rulebook_hash").asText(""));
        expect(found, path, gate, "cycle", manifest.stream() + "/" + manifest.cycleId(),
                root.path("cycle").path("stream").asText("") + "/" + root.path("cycle").path("cycle_id").asText(""));
        JsonNode inputs = root.path("inputs");
        if (!inputs.isObject() || inputs.isEmpty()) {
            found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, "the digests of the inputs judged",
                    "none", "the evidence of " + gate + " does not record which inputs it judged"));
        } else {
            for (Map.Entry<String, JsonNode> input : inputs.properties()) {
                ArtifactChecksum sealedInput = sealed.get(input.getKey());
                String digest = input.getValue().asText("");
                if (sealedInput == null) {
                    found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, "sealed " + input.getKey(),
                            "not sealed", gate + " judged " + input.getKey() + ", which the manifest does not seal"));
                } else if (!sealedInput.sha256().equals(digest)) {
                    found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, "sha256 " + sealedInput.sha256(),
                            "sha256 " + digest, gate + " judged another " + input.getKey() + " than the one sealed"));
                } else if (!this.inputs.judgedBy(gate, cycle, input.getKey())) {
                    found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, "the inputs " + gate + " reads",
                            input.getKey(), "the evidence of " + gate + " records " + input.getKey() + ", which "
                                    + gate + " does not read: the evidence records another gate's inputs"));
                }
            }
            // Exactly the gate's inputs: a sealed input the gate reads that its evidence does not record
            // was not judged by it (it appeared or changed after the gate ran).
            for (ArtifactChecksum artifact : sealed.values()) {
                if (this.inputs.judgedBy(gate, cycle, artifact.path()) && !inputs.has(artifact.path())) {
                    found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, "sealed input " + artifact.path()
                            + " recorded", "not recorded", gate + " reads " + artifact.path() + ", which the manifest"
                                    + " seals, but its evidence does not record it: the verdict did not judge it"));
                }
            }
        }
        // Recomputed even when the evidence disagrees with the manifest: both findings help the reader.
        return Optional.of(root);
    }

    private static void expect(List<Discrepancy> found, String path, String gate, String field, String expected,
            String actual) {
        if (!expected.equals(actual)) {
            found.add(Discrepancy.of(DiscrepancyKind.EVIDENCE_MISMATCH, path, field + " " + expected, field + " " + actual,
                    "the evidence of " + gate + " does not match the manifest's " + field));
        }
    }

    private static Optional<Transition> transition(JsonNode evidence) {
        try {
            CycleState from = CycleState.valueOf(evidence.path("transition").path("from").asText(""));
            CycleState to = CycleState.valueOf(evidence.path("transition").path("to").asText(""));
            return Lifecycle.find(from, to);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
