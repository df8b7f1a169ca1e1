package dev.planning.engine.internal.seal;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.lifecycle.TransitionStep;
import dev.planning.engine.internal.workspace.Shown;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps sealed cycles immutable and their history honest.
 *
 * <p>Before a cycle moves on from {@code PACKAGED} or a later state, its manifest must exist and
 * every sealed artifact must be unchanged; before it moves <em>forward</em> from there, the
 * manifest must also verify now as {@link ManifestVerifier.Scope#SEALED_STATE} checks it
 * (canonical form, rulebook hash, trusted signatures meeting the signing policy, every prior manifest
 * of its chain holding). Used for
 * transitions whose gates do not include {@code release_readiness} (which checks the same, and
 * more, as a gate).
 *
 * <p>{@link #history} applies the same check to a cycle whose log says it is past
 * {@code PACKAGED}: the event log is a hash chain that anyone who can write the file can rebuild,
 * so a log claiming {@code EXECUTED} proves nothing by itself; the signed manifest does.
 */
public final class SealGuard {

    private static final Set<CycleState> SEALED = EnumSet.of(CycleState.PACKAGED, CycleState.EXECUTED,
            CycleState.VALIDATED, CycleState.IMPROVE);
    private static final Set<CycleState> PAST_PACKAGED = EnumSet.of(CycleState.EXECUTED, CycleState.VALIDATED,
            CycleState.IMPROVE, CycleState.COMPLETED);

    private final ManifestVerifier verifier;
    private final Supplier<TrustedKeys> trust;
    private final Optional<RecordedMoves> moves;

    /**
     * A guard that checks the sealed manifest only, not the moves recorded after the seal.
     *
     * @param verifier verifies the workspace's manifests
     * @param trust    the keys trusted to sign, read when a check runs
     */
    public SealGuard(ManifestVerifier verifier, Supplier<TrustedKeys> trust) {
        this(verifier, trust, Optional.empty());
    }

    /**
     * @param verifier verifies the workspace's manifests
     * @param trust    the keys trusted to sign, read when a check runs
     * @param moves    judges again the moves the log records from {@code PACKAGED} on (see
     *                 {@link RecordedMoves}), before a sealed cycle moves on and when its status is shown
     */
    public SealGuard(ManifestVerifier verifier, Supplier<TrustedKeys> trust, Optional<RecordedMoves> moves) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.moves = Objects.requireNonNull(moves, "moves");
    }

    /** Whether a cycle in this state is sealed. */
    public static boolean isSealed(CycleState state) {
        return SEALED.contains(state);
    }

    /** Whether a cycle in this state is past {@code PACKAGED}: its log says the handoff was approved. */
    public static boolean isPastPackaged(CycleState state) {
        return PAST_PACKAGED.contains(state);
    }

    /**
     * Refuses to go on without trusted keys: past {@code PACKAGED} every move and every status
     * check rests on the signed manifest, and with no key in hand no signature can be checked, so
     * the check would prove nothing (a contributor who empties the signing policy and runs without
     * a trust file would otherwise pass). Fail closed, before anything runs or is recorded.
     *
     * @param what what was asked, for the message ("moving fe/2025-09-02 from PACKAGED to EXECUTED")
     * @throws InvalidInputException when no trusted key is in hand
     */
    public void requireTrust(String what) {
        TrustedKeys keys = trust.get();
        if (keys.keys().isEmpty()) {
            throw new InvalidInputException(what + " checks the cycle's signed manifest against trusted keys, and"
                    + " none are in hand: needs --trust FILE (the trust file lies outside the workspace);"
                    + " embedding: Planning.builder().trustFile(FILE)");
        }
    }

    /**
     * Refuses to let a sealed cycle move when its manifest is missing or an artifact changed, and,
     * for a forward move, when the manifest does not verify now.
     *
     * @throws SealingException {@code SEALED_ARTIFACT_CHANGED} naming every changed file with both
     *                          hashes and saying to open a new cycle; {@code SEAL_NOT_VERIFIED}
     *                          naming every discrepancy
     */
    public void check(CycleRef cycle, CycleState from, CycleState to) {
        check(cycle, from, to, Optional.empty());
    }

    /**
     * As {@link #check(CycleRef, CycleState, CycleState)}, with the cycle's log as the attempt read
     * it: the seal event is checked against that history, not read again.
     */
    public void check(CycleRef cycle, CycleState from, CycleState to, List<RecordedEvent> history) {
        check(cycle, from, to, Optional.of(history));
    }

    private void check(CycleRef cycle, CycleState from, CycleState to, Optional<List<RecordedEvent>> history) {
        HandoffManifest manifest = verifier.read(cycle).map(read -> read.manifest()).orElseThrow(() ->
                new SealingException(SealingException.Reason.NOT_SEALED, "cycle " + cycle + " is sealed but has no"
                        + " manifest; run `planning seal` to complete sealing", null));
        List<Discrepancy> changed = verifier.changedArtifacts(manifest);
        if (!changed.isEmpty()) {
            throw new SealingException(SealingException.Reason.SEALED_ARTIFACT_CHANGED, "sealed artifacts of " + cycle
                    + " changed: " + changed.stream().map(Discrepancy::describe).collect(Collectors.joining("; "))
                    + ". Sealed artifacts are immutable: open a new cycle whose manifest names "
                    + Printable.line(manifest.manifestId())
                    + " as prior_manifest_id", SourceLocation.ofFile(changed.get(0).file()));
        }
        if (to.ordinal() > from.ordinal()) {
            VerificationReport report = history.isPresent()
                    ? verifier.verify(cycle, trust.get(), ManifestVerifier.Scope.SEALED_STATE, history.get())
                    : verifier.verify(cycle, trust.get(), ManifestVerifier.Scope.SEALED_STATE);
            if (!report.passed()) {
                throw new SealingException(SealingException.Reason.SEAL_NOT_VERIFIED, "cycle " + cycle + " may not"
                        + " move from " + from + " to " + to + ": its sealed manifest does not verify now: "
                        + describe(report), SourceLocation.ofFile(report.manifest()));
            }
        }
    }

    /**
     * The guard as a step of the lifecycle, for every transition out of a sealed state: runs
     * {@link #check} before the gates, unless the transition's gates include
     * {@code release_readiness}, which checks the same, and more, as a gate.
     *
     * @param rulebook whose gate profiles say which transitions run {@code release_readiness}
     */
    public TransitionStep step(Rulebook rulebook) {
        Objects.requireNonNull(rulebook, "rulebook");
        return new TransitionStep() {
            @Override
            public boolean appliesTo(Transition transition) {
                return isSealed(transition.from());
            }

            @Override
            public Completion before(CycleRef cycle, Transition transition, List<RecordedEvent> history) {
                requireTrust("moving " + cycle + " from " + transition.from() + " to " + transition.to());
                GateProfile profile = rulebook.profileFor(cycle.stream());
                boolean gated = profile != null && profile.step(transition.from(), transition.to())
                        .map(GateStep::gates).filter(gates -> gates.contains(ReleaseReadinessGate.NAME)).isPresent();
                if (!gated) {
                    check(cycle, transition.from(), transition.to(), history);
                }
                if (transition.to().ordinal() > transition.from().ordinal()) {
                    requireRecordedMoves(cycle, transition, history);
                }
                return Completion.NONE;
            }
        };
    }

    /** Refuses a forward move when a move the log records from {@code PACKAGED} on is not backed by its gates now. */
    private void requireRecordedMoves(CycleRef cycle, Transition transition, List<RecordedEvent> history) {
        List<Discrepancy> unbacked = moves.map(m -> m.check(cycle, history, signedSince(cycle))).orElse(List.of());
        if (!unbacked.isEmpty()) {
            throw new SealingException(SealingException.Reason.SEAL_NOT_VERIFIED, "cycle " + cycle + " may not move"
                    + " from " + transition.from() + " to " + transition.to() + ": " + unbacked.stream()
                    .map(Discrepancy::describe).collect(Collectors.joining("; ")), null);
        }
    }

    /**
     * Checks that a cycle whose log says it is past {@code PACKAGED} has a sealed manifest that
     * verifies now ({@link ManifestVerifier.Scope#SEALED_STATE}), and that every move the log records
     * from {@code PACKAGED} on is backed by its gates now ({@link RecordedMoves}).
     *
     * @param status the cycle's folded status and verified log
     * @param log    where the cycle's event log is, for messages
     * @throws InvalidInputException when the cycle is past {@code PACKAGED} and no trusted key is in
     *                               hand ({@link #requireTrust})
     * @return one discrepancy naming the event that moved the cycle past {@code PACKAGED} and every
     *         discrepancy of the manifest; empty when the cycle is not past {@code PACKAGED} or its
     *         manifest verifies
     */
    public List<Discrepancy> history(CycleStatus status, String log) {
        if (!isPastPackaged(status.state())) {
            return List.of();
        }
        requireTrust("the status of " + status.cycle() + " (" + status.state() + ", past PACKAGED)");
        VerificationReport report = verifier.verify(status.cycle(), trust.get(), ManifestVerifier.Scope.SEALED_STATE);
        if (report.passed()) {
            return moves.map(m -> m.check(status.cycle(), status.history(), signedSince(status.cycle())))
                    .orElse(List.of());
        }
        Optional<RecordedEvent> claim = status.history().stream()
                .filter(r -> r.event().type() == EventType.STATE_TRANSITION
                        && r.event().fromState().orElse(null) == CycleState.PACKAGED
                        && r.event().toState().orElse(null) == CycleState.EXECUTED)
                .reduce((first, second) -> second);
        String where = claim.map(r -> log + ":" + r.line()).orElse(log);
        String event = claim.map(r -> describe(r.event(), r.line())).orElse("the log (no PACKAGED -> EXECUTED event)");
        return List.of(Discrepancy.of(DiscrepancyKind.UNSIGNED_HISTORY, where,
                "a manifest that verifies (trusted signatures meeting the signing policy)",
                report.discrepancies().size() + " discrepancy(ies)",
                event + " says cycle " + status.cycle() + " left PACKAGED, but its sealed manifest "
                        + Shown.path(report.manifest())
                        + " does not verify now, so the history past PACKAGED is not backed by the signatures the"
                        + " policy asks for: " + describe(report)));
    }

    /**
     * The latest time the cycle's sealed manifest records, its {@code sealed_at} and every
     * signature's {@code signed_at}: no move after the seal is judged as of an earlier time
     * ({@link RecordedMoves}). Any signature counts here, trusted or not: a later one only makes the
     * judgement stricter.
     */
    private Instant signedSince(CycleRef cycle) {
        HandoffManifest manifest = verifier.read(cycle).map(read -> read.manifest()).orElseThrow(() ->
                new SealingException(SealingException.Reason.NOT_SEALED, "cycle " + cycle + " is sealed but has no"
                        + " manifest; run `planning seal` to complete sealing", null));
        Instant latest = manifest.sealedAt();
        for (ManifestSignature signature : manifest.signatures()) {
            if (signature.signedAt().isAfter(latest)) {
                latest = signature.signedAt();
            }
        }
        return latest;
    }

    private static String describe(PlanningEvent event, int line) {
        return "event " + Printable.line(event.id()) + " (line " + line + ", " + event.type() + " "
                + event.fromState().map(Enum::name).orElse("?") + " -> " + event.toState().map(Enum::name).orElse("?")
                + ")";
    }

    private static String describe(VerificationReport report) {
        return report.discrepancies().stream().map(Discrepancy::describe).collect(Collectors.joining("; "));
    }
}
