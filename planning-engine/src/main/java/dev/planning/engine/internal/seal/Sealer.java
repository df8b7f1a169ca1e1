package dev.planning.engine.internal.seal;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.InvalidTransitionException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import dev.planning.engine.internal.lifecycle.TransitionStep;
import dev.planning.engine.internal.lifecycle.Unrecorded;
import dev.planning.engine.internal.signing.CanonicalForm;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.PathLock;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Seals cycles and signs their manifests.
 *
 * <p>Sealing is the {@code READY_FOR_HANDOFF -> PACKAGED} transition: the git state is checked
 * first (uncommitted plan artifacts are refused unless {@link SealOptions#allowDirty()}), then the
 * lifecycle machine runs the profile's gates and records the attempt; only when it is accepted is
 * the manifest built and written, once ({@link AtomicFiles#writeNew}), and {@code MANIFEST_SEALED}
 * recorded with the manifest's SHA-256. The manifest records the hash of the log's last event before
 * that ({@code event_log_head}), so the seal, its event and the history anchor each other. If a
 * process dies (or a write fails) between the recorded transition and the manifest, or between the
 * manifest and its event, sealing the {@code PACKAGED} cycle again completes it: the gates of the
 * sealing step run again over the files as they are now (their results are never copied from the
 * log), and the manifest is written only when all pass ({@link SealingException.Reason#GATES_FAILED}
 * otherwise, nothing written), replacing one the log does not record when it reads and carries no
 * signature (a seal is its manifest and its event: without the event, the file was never sealed).
 *
 * <p>Signing verifies before it signs (see {@link #sign}), then rewrites the manifest with one more
 * signature and nothing else: the new file is the canonical rendering with the signature appended,
 * and the read-modify-write holds the manifest's lock so that roles signing at the same moment
 * both land.
 */
public final class Sealer {

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final LifecycleMachine machine;
    private final String rulebookHash;
    private final Clock clock;
    private final String actor;
    private final Supplier<String> ids;
    private final ManifestBuilder builder;
    private final ManifestReader reader;
    private final ManifestVerifier verifier;
    private final Supplier<TrustedKeys> trust;

    /**
     * @param workspace    the workspace root
     * @param layout       where artifacts and manifests live
     * @param machine      the lifecycle machine that runs gates and records events
     * @param verifier     verifies manifests against the rulebook in force before they are signed
     * @param clock        stamps signatures (a seal's own instants are its gates' one reading)
     * @param actor        recorded as {@code created_by}
     */
    public Sealer(Path workspace, WorkspaceLayout layout, LifecycleMachine machine, ManifestVerifier verifier,
            Clock clock, String actor) {
        this(workspace, layout, machine, verifier, clock, actor, TrustedKeys::none);
    }

    /**
     * As {@link #Sealer(Path, WorkspaceLayout, LifecycleMachine, ManifestVerifier, Clock, String)}, with the
     * keys the workspace trusts: completing an interrupted seal whose manifest carries signatures that
     * none of them verifies (anyone can append such a block) replaces it rather than refusing.
     *
     * @param trust the workspace's trusted keys, read when asked ({@link TrustedKeys#none()} without a trust file)
     */
    public Sealer(Path workspace, WorkspaceLayout layout, LifecycleMachine machine, ManifestVerifier verifier,
            Clock clock, String actor, Supplier<TrustedKeys> trust) {
        this(workspace, layout, machine, verifier, clock, actor, null, trust);
    }

    /** As the public constructors, with {@code ids} making manifest ids ({@code null}: random ones). */
    Sealer(Path workspace, WorkspaceLayout layout, LifecycleMachine machine, ManifestVerifier verifier,
            Clock clock, String actor, Supplier<String> ids, Supplier<TrustedKeys> trust) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        String rulebookHash = verifier.rulebook().hash();
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.machine = Objects.requireNonNull(machine, "machine");
        this.rulebookHash = Objects.requireNonNull(rulebookHash, "rulebookHash");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.ids = ids;
        this.builder = new ManifestBuilder(workspace, layout);
        this.reader = new ManifestReader(workspace);
    }

    /**
     * The sealing step of the lifecycle: registered with the lifecycle machine for
     * {@code READY_FOR_HANDOFF -> PACKAGED}, so that advancing a cycle to {@code PACKAGED} seals it
     * whichever way it is asked. Before the gates run it refuses an existing manifest, an unknown
     * prior manifest and uncommitted plan artifacts (unless {@link SealOptions#allowDirty()}); once
     * the transition is recorded it writes the manifest from the history in hand and records
     * {@code MANIFEST_SEALED}.
     *
     * @param options       how to seal
     * @param onSealed      told the manifest and its path once written
     */
    public TransitionStep step(SealOptions options, BiConsumer<HandoffManifest, String> onSealed) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(onSealed, "onSealed");
        return new TransitionStep() {
            @Override
            public boolean appliesTo(Transition transition) {
                return transition.from() == CycleState.READY_FOR_HANDOFF && transition.to() == CycleState.PACKAGED;
            }

            @Override
            public Completion before(CycleRef cycle, Transition transition, List<RecordedEvent> history) {
                String path = layout.manifest(cycle);
                if (present(path, "seal cannot tell whether the cycle is sealed already")) {
                    throw alreadySealed(cycle, path);
                }
                options.priorManifestId().ifPresent(Sealer.this::requirePrior);
                // Hashed before the git state and the gates, compared with the sealed digests after both.
                Map<String, String> judged = builder.inputDigests(cycle);
                GitState git = GitState.of(workspace, List.copyOf(judged.keySet()), options.allowDirty(), cycle, layout,
                        Optional.of(verifier.rulebook()));
                return run -> {
                    TransitionResult result = run.result();
                    // The seal's instants are the one reading its gates judged as of, not later ones.
                    LifecycleMachine.Evaluation sealing = new LifecycleMachine.Evaluation(result.gateResults(),
                            result.evidence(), run.judgedAt());
                    HandoffManifest manifest = write(cycle, run.history(), sealing, judged, git, options, false,
                            (type, details) -> run.record(type, details));
                    onSealed.accept(manifest, path);
                };
            }
        };
    }

    /**
     * Seals a cycle (see the class comment): reads its log once, and either advances it to
     * {@code PACKAGED} with the sealing {@link #step} or, for a cycle whose sealing was interrupted
     * after the transition was recorded, completes the manifest.
     *
     * @throws SealingException           already sealed, or uncommitted changes
     * @throws InvalidTransitionException when the cycle is not {@code READY_FOR_HANDOFF}
     * @throws InvalidInputException      when the prior manifest id names no manifest of the workspace, or one
     *                                    sealed dirty (keys25: no later handoff could be signed over it)
     */
    public SealResult seal(CycleRef cycle, SealOptions options) {
        String path = layout.manifest(cycle);
        Path file = SafePaths.resolve(workspace, path);
        List<RecordedEvent> history = machine.history(cycle);
        CycleState state = machine.status(cycle, history).state();
        boolean resume = state == CycleState.PACKAGED
                && history.stream().noneMatch(e -> e.event().type() == EventType.MANIFEST_SEALED);
        boolean unrecorded = present(path, "seal cannot tell whether the cycle is sealed already");
        if (unrecorded && !resume) {
            throw alreadySealed(cycle, path);
        }
        List<String> dropped = unrecorded ? requireReplaceable(cycle, file, path) : List.of();
        if (state == CycleState.PACKAGED && !resume) {
            throw new SealingException(SealingException.Reason.ALREADY_SEALED, "cycle " + cycle
                    + " was sealed, but its manifest is missing; restore " + path + " from version control",
                    SourceLocation.ofFile(path));
        }
        if (!resume && state != CycleState.READY_FOR_HANDOFF) {
            throw new InvalidTransitionException(state, CycleState.PACKAGED, "cycle " + cycle + " is "
                    + state + "; sealing moves a cycle from READY_FOR_HANDOFF to PACKAGED"
                    + (state.ordinal() > CycleState.PACKAGED.ordinal()
                            ? ": it was sealed already; to change the handoff open a new cycle" : ""));
        }
        if (!resume) {
            AtomicReference<HandoffManifest> sealed = new AtomicReference<>();
            TransitionResult result = machine.advance(cycle, CycleState.PACKAGED,
                    List.of(step(options, (manifest, written) -> sealed.set(manifest))), history);
            return new SealResult(cycle, Optional.of(result), Optional.ofNullable(sealed.get()),
                    sealed.get() == null ? Optional.empty() : Optional.of(path));
        }
        options.priorManifestId().ifPresent(this::requirePrior);
        Map<String, String> judged = builder.inputDigests(cycle);
        GitState git = GitState.of(workspace, List.copyOf(judged.keySet()), options.allowDirty(), cycle, layout,
                Optional.of(verifier.rulebook()));
        LifecycleMachine.Evaluation sealing = machine.evaluate(cycle,
                Lifecycle.find(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED).orElseThrow(), Optional.empty(), true);
        if (!sealing.passed()) {
            throw new SealingException(SealingException.Reason.GATES_FAILED, "cycle " + cycle + " was moved to"
                    + " PACKAGED but its manifest was never written; resuming, the gates of the handoff ran again"
                    + " over the files as they are now and failed: " + sealing.results().stream()
                            .filter(r -> !r.passed()).map(r -> r.gate() + " " + r.status()).toList()
                    + ". No manifest was written; restore the plan that passed, or open a new cycle",
                    SourceLocation.ofFile(path));
        }
        HandoffManifest manifest = write(cycle, history, sealing, judged, git, options, unrecorded,
                (type, details) -> machine.record(cycle, type, details, history));
        return new SealResult(cycle, Optional.empty(), Optional.of(manifest), Optional.of(path), dropped);
    }

    /**
     * Refuses to replace a manifest the log does not record unless it is what an interrupted seal
     * leaves (it reads, and carries no signature that counts). A manifest with a signature that
     * verifies against a trusted key was sealed (signing needs {@code MANIFEST_SEALED}) and its log lost
     * the event: the log is restored, the manifest kept. Signatures that none of the trusted keys
     * verifies are nobody's (a contributor without a key can append one to stop the seal's completion):
     * with a trust file given they are dropped with the manifest they were appended to; without one, which
     * they are cannot be told, and the refusal says how to tell.
     */
    /**
     * Whether a signature verifies against a key the trust file lists, under whatever role it lists it: only
     * the key's holder can make one, so the manifest was signed, whether or not the role it names is the
     * key's now (review19: one by a key trusted for another role was dropped as nobody's).
     */
    static boolean verifiesAgainstATrustedKey(HandoffManifest manifest, ManifestSignature signature,
            TrustedKeys keys) {
        List<TrustedKey> entries = keys.withKeyId(signature.keyId());
        if (entries.isEmpty()) {
            return false;
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(signature.value());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        byte[] input = CanonicalForm.signingInput(manifest, signature);
        return entries.stream().anyMatch(key -> Crypto.verify(key.algorithm(), key.publicKey(), input, value));
    }

    private List<String> requireReplaceable(CycleRef cycle, Path file, String path) {
        ManifestReader.Read read;
        try {
            read = reader.read(file, path);
        } catch (InvalidInputException e) {
            throw new SealingException(SealingException.Reason.ALREADY_SEALED, "cycle " + cycle + " is PACKAGED and "
                    + path + " exists, but the cycle's log does not record its seal (no MANIFEST_SEALED event), and it"
                    + " does not read (" + e.getMessage() + "), which an interrupted seal never leaves (it writes the"
                    + " manifest whole): it is not replaced. Restore it and the log from version control; only if it"
                    + " was never signed, remove it and run seal again", SourceLocation.ofFile(path));
        }
        HandoffManifest manifest = read.manifest();
        int signatures = manifest.signatures().size();
        if (signatures == 0) {
            return List.of();
        }
        TrustedKeys keys = trust.get();
        List<ManifestSignature> counting = manifest.signatures().stream()
                .filter(s -> verifiesAgainstATrustedKey(manifest, s, keys))
                .toList();
        if (!counting.isEmpty() || keys.keys().isEmpty()) {
            // Signing needs MANIFEST_SEALED: a signed manifest was sealed, and the log lost the event (review18).
            throw new SealingException(SealingException.Reason.ALREADY_SEALED, "cycle " + cycle + " is PACKAGED and "
                    + path + " carries " + signatures + (signatures == 1 ? " signature" : " signatures") + ", but the"
                    + " cycle's log does not record its seal (no MANIFEST_SEALED event): an interrupted seal never"
                    + " leaves a signed manifest (signing needs that event), so "
                    + (counting.isEmpty()
                            ? "either the log has lost it (cut, or a bad merge: restore the log from version control) or"
                                    + " the signatures were appended by someone without a trusted key. Run seal again"
                                    + " with --trust FILE to tell which: when none of them verifies against a trusted"
                                    + " key, the seal is completed and they are dropped with the unrecorded manifest"
                            : "the log has lost it (cut, or a bad merge): the signature of " + counting.get(0).role()
                                    + " (key " + counting.get(0).keyId() + ") verifies against " + keys.source()
                                    + ". The manifest is not replaced: restore the log from version control"),
                    SourceLocation.ofFile(path));
        }
        return manifest.signatures().stream().map(signature -> dropped(path, manifest, signature, keys)).toList();
    }

    /**
     * Why a signature block of an unrecorded manifest is dropped with it, in one line (seal24: before, it was
     * dropped unsaid). A key the trust file does not list cannot be told from a made-up one (a signature names
     * its key by id only): it may be a real signature by a key rotated out of the trust file since, which still
     * never counts; the line says so, and what to do if it was real.
     */
    private static String dropped(String path, HandoffManifest manifest, ManifestSignature signature,
            TrustedKeys keys) {
        String which = "the signature of " + Printable.line(signature.role()) + " (key " + Printable.line(signature.keyId())
                + ", " + Printable.line(signature.algorithm()) + ", signed_at " + signature.signedAt() + ") on the"
                + " unrecorded manifest " + path + " was dropped with it: ";
        if (keys.withKeyId(signature.keyId()).isEmpty()) {
            return which + keys.source() + " does not list key " + Printable.line(signature.keyId()) + " (a key"
                    + " rotated out of the trust file, or a block anyone could write), so the signature cannot be"
                    + " verified and never counted; if it was a real signature, the log lost its seal event: restore"
                    + " the manifest " + manifest.manifestId() + " and the log from version control, or have "
                    + Printable.line(signature.role()) + " sign the new manifest with a key the trust file lists";
        }
        return which + keys.source() + " lists key " + Printable.line(signature.keyId()) + ", but the signature"
                + " does not verify over that manifest (the manifest or the signature changed after signing, or the"
                + " block was made up), so it never counted";
    }

    /**
     * Builds the manifest from the history in hand, writes it once, and records
     * {@code MANIFEST_SEALED} through {@code recorder}. Its instants (the sealing gates' {@code at},
     * {@code sealed_at}, {@code created_at}) are the one clock reading the sealing gates judged as of
     * ({@link LifecycleMachine.Evaluation#judgedAt}), so that the day the manifest names is the day
     * its verdict judged, even when the event and the file are written after midnight.
     *
     * <p>{@code judged} is the SHA-256 of each input of the verdicts, hashed before the git state was read
     * and the gates ran: the manifest seals exactly these inputs, and is written only when each still
     * has that digest (see {@link #requireJudged}).
     */
    private HandoffManifest write(CycleRef cycle, List<RecordedEvent> history, LifecycleMachine.Evaluation sealing,
            Map<String, String> judged, GitState git, SealOptions options, boolean replaceUnrecorded,
            BiConsumer<EventType, Map<String, String>> recorder) {
        String path = layout.manifest(cycle);
        String logHead = history.get(history.size() - 1).hash();
        List<dev.planning.api.governance.Waiver> waivers = sealedWaivers(cycle);
        HandoffManifest manifest = builder.build(cycle, newId(cycle), history, sealing, logHead, git,
                options, rulebookHash, actor, List.copyOf(judged.keySet()));
        requireJudged(cycle, manifest, judged, builder.planArtifacts(cycle), path);
        byte[] bytes = ManifestWriter.render(manifest);
        Path file = SafePaths.resolve(workspace, path);
        // The manifest and its event are written under the manifest's lock (the one signing holds), so that
        // a seal completing an interrupted one never replaces a manifest another process is recording.
        try {
            PathLock.holdingCreating(file, () -> {
                // Every writer of the manifest (seal and sign) holds this lock: a temporary of its name is a
                // killed write's (reliab21).
                AtomicFiles.deleteStrayTemporaries(file);
                if (replaceUnrecorded) {
                    List<RecordedEvent> now = machine.history(cycle);
                    if (!now.get(now.size() - 1).hash().equals(logHead)) {
                        throw new ConcurrentTransitionException("cycle " + cycle + " changed while its seal was being"
                                + " completed; nothing was written. Run seal again to see its new state");
                    }
                    AtomicFiles.write(file, bytes);
                } else {
                    AtomicFiles.writeNew(file, bytes);
                }
                try {
                    record(manifest, path, bytes, logHead, waivers, recorder);
                } catch (PlanningException e) {
                    throw Unrecorded.explain(e, "the manifest " + path, "once the cause is fixed, run `planning seal`"
                            + " (or `planning advance --to PACKAGED`) again to complete the seal");
                }
                return null;
            });
        } catch (IOException e) {
            // The lock's own failures are LockFailedExceptions: this is the work under it.
            throw new PlanningException("cannot write the manifest " + Shown.path(path) + " (" + Shown.reason(e)
                    + "); nothing was recorded", SourceLocation.ofFile(path), e);
        }
        return manifest;
    }

    /**
     * Refuses a manifest whose inputs' digests are not those hashed before the git state and the gates
     * (reliab20): a file that changed while the seal ran (a {@code git checkout} of another branch, an
     * edit) was judged, or checked against {@code HEAD}, as one version and would be sealed as another,
     * so the manifest would claim a verdict its bytes never had. Nothing is written; the cycle is left
     * as an interrupted seal, which {@code planning seal} completes by judging the files as they are then.
     */
    private static void requireJudged(CycleRef cycle, HandoffManifest manifest, Map<String, String> judged,
            List<String> inputsNow, String path) {
        Set<String> changed = new TreeSet<>();
        manifest.artifacts().stream()
                .filter(artifact -> judged.containsKey(artifact.path())
                        && !judged.get(artifact.path()).equals(artifact.sha256()))
                .forEach(artifact -> changed.add(artifact.path()));
        // An input that appeared or went (another stream's plan on the other branch) was seen by some gate or not.
        inputsNow.stream().filter(p -> !judged.containsKey(p)).forEach(changed::add);
        judged.keySet().stream().filter(p -> !inputsNow.contains(p)).forEach(changed::add);
        if (!changed.isEmpty()) {
            throw new SealingException(SealingException.Reason.SEALED_ARTIFACT_CHANGED, "cycle " + cycle + ": "
                    + changed.stream().map(Shown::path).collect(Collectors.joining(", "))
                    + " changed while the seal ran (a git checkout or an"
                    + " edit during the command): the gates judged other files than the ones that would be sealed,"
                    + " so no manifest was written. The cycle is PACKAGED without a manifest; once the work tree"
                    + " holds the plan to hand off, run `planning seal` again: it judges and seals the files as"
                    + " they are then", SourceLocation.ofFile(path));
        }
    }

    /** Records {@code MANIFEST_SEALED} for the manifest just written. */
    private static void record(HandoffManifest manifest, String path, byte[] bytes, String logHead,
            List<dev.planning.api.governance.Waiver> waivers, BiConsumer<EventType, Map<String, String>> recorder) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("manifest_id", manifest.manifestId());
        details.put("manifest_path", path);
        details.put("manifest_sha256", Sha256.hex(bytes));
        details.put("snapshot_rev", manifest.snapshotRev());
        details.put("dirty", Boolean.toString(manifest.dirty()));
        details.put("event_log_head", logHead);
        details.putAll(WaiverFacts.sealedDetails(waivers));
        recorder.accept(EventType.MANIFEST_SEALED, details);
    }

    /**
     * Every waiver of the decision log being sealed, recorded with the seal so that they are stored
     * facts (the cross-cycle query of expiring waivers reads them); none without a decision log.
     * One that does not read refuses the seal before the manifest is written.
     */
    private List<dev.planning.api.governance.Waiver> sealedWaivers(CycleRef cycle) {
        String logPath = layout.decisionLog(cycle);
        Path file = SafePaths.resolve(workspace, logPath);
        if (!DirectoryEntries.isRegularFile(workspace, file, "its waivers cannot be recorded with the seal")) {
            return List.of();
        }
        var read = new dev.planning.engine.internal.artifact.DecisionLogReader().read(file, logPath);
        return read.model().orElseThrow(() -> new SealingException(SealingException.Reason.GATES_FAILED,
                "the decision log " + logPath + " does not read, so its waivers cannot be recorded with the seal: "
                        + read.findings().stream().map(dev.planning.api.gate.Finding::describe).collect(Collectors.joining("; "))
                        + ". Nothing was sealed; fix it and seal again", SourceLocation.ofFile(logPath)));
    }

    /**
     * Adds a signature to a cycle's sealed manifest and records {@code SIGNATURE_ADDED}, after
     * checking that the signature is worth adding; every refusal writes nothing.
     *
     * <p>In order: the manifest exists; the cycle is sealed and not {@code COMPLETED} (a state in
     * which the event could not be recorded); the signer's key is listed in {@code trust} for its
     * role and algorithm; under the manifest's lock, the file is its canonical rendering, it was not
     * sealed dirty unless {@code options} allow it ({@link #requireCleanSealOrConsent}), no
     * signature that counts is by the same key (by identity, whatever the encoding), no signature
     * that counts is by the same role while every signing requirement naming that role already
     * holds, and the manifest verifies as {@code planning verify} would verify it, the signing
     * policy aside ({@link ManifestVerifier.Scope#BEFORE_SIGNING}): what is signed is what passed.
     * A signing that rewrote the manifest but did not record its event (a full disk, a killed
     * process) is completed by signing again with the same key: the manifest, on which that key's
     * signature counts (its last signature, or an earlier one when another signer signed since), is
     * left as it is and the missing {@code SIGNATURE_ADDED} is recorded.
     *
     * @throws SealingException           {@code NOT_SEALED} (no manifest), {@code CANNOT_SIGN} (key not
     *                                    trusted for the role, a repeated signer, not canonical, sealed dirty) or
     *                                    {@code SEAL_NOT_VERIFIED} (the manifest does not verify, with
     *                                    every discrepancy)
     * @throws InvalidTransitionException when the cycle is not sealed, or is {@code COMPLETED}
     */
    public HandoffManifest sign(CycleRef cycle, Signer signer, TrustedKeys trust, SignOptions options) {
        String path = layout.manifest(cycle);
        Path file = SafePaths.resolve(workspace, path);
        if (!DirectoryEntries.isRegularFile(workspace, file, "the manifest cannot be signed without it")) {
            throw new SealingException(SealingException.Reason.NOT_SEALED, "cycle " + cycle
                    + " has no sealed manifest to sign; seal it first with `planning seal`", SourceLocation.ofFile(path));
        }
        CycleState state = machine.status(cycle).state();
        if (state == CycleState.COMPLETED || !SealGuard.isSealed(state)) {
            throw new InvalidTransitionException(state, state, "cycle " + cycle + " is " + state + ": "
                    + (state == CycleState.COMPLETED ? "nothing more may be recorded, so its manifest is not signed;"
                            + " open a new cycle instead" : "only the manifest of a sealed cycle (PACKAGED or later)"
                            + " is signed; its log does not record the sealing"));
        }
        TrustedKey key = trusted(signer, trust, path);
        HandoffManifest result;
        try {
            result = PathLock.holdingCreating(file, () -> {
                AtomicFiles.deleteStrayTemporaries(file);
                ManifestReader.Read read = reader.read(file, path);
                if (!Arrays.equals(read.bytes(), ManifestWriter.render(read.manifest()))) {
                    throw new SealingException(SealingException.Reason.CANNOT_SIGN, "the manifest was edited outside"
                            + " planning (its bytes are not the canonical rendering of its content); run"
                            + " `planning verify` and restore it before signing", SourceLocation.ofFile(path));
                }
                requireCleanSealOrConsent(read.manifest(), options, path);
                // The bytes just read are verified, and those same bytes are signed: the file is read once.
                VerificationReport report = verifier.verify(cycle, trust, ManifestVerifier.Scope.BEFORE_SIGNING, read);
                Optional<ManifestSignature> unrecorded = report.passed()
                        ? unrecorded(cycle, read.manifest(), report, key) : Optional.empty();
                if (unrecorded.isPresent()) {
                    // This key's signature counts, but its SIGNATURE_ADDED was never recorded (the signing
                    // stopped between the manifest and the log; others may have signed since): recorded now,
                    // nothing rewritten.
                    return recordSignature(cycle, read.manifest(), unrecorded.get(), read.bytes());
                }
                requireNewSigner(report, key, trust, path);
                if (!report.passed()) {
                    throw new SealingException(SealingException.Reason.SEAL_NOT_VERIFIED, "the manifest does not"
                            + " verify, so it is not signed (a signature would approve what did not pass): "
                            + report.discrepancies().stream().map(Discrepancy::describe)
                                    .collect(Collectors.joining("; ")), SourceLocation.ofFile(path));
                }
                HandoffManifest next = ManifestSignatures.append(read.manifest(), signer, clock.instant());
                byte[] rendered = ManifestWriter.render(next);
                AtomicFiles.write(file, rendered);
                return recordSignature(cycle, next, next.signatures().get(next.signatures().size() - 1), rendered);
            });
        } catch (IOException e) {
            throw new PlanningException("cannot sign the manifest " + Shown.path(path) + " (" + Shown.reason(e)
                    + ")", SourceLocation.ofFile(path), e);
        }
        return result;
    }

    /**
     * Records {@code SIGNATURE_ADDED} for {@code added}, one of the manifest's signatures, still holding
     * the manifest's lock, so that a second signing by the same key sees the event (or the lack of it)
     * of the first. The event's {@code manifest_sha256} is of the manifest's bytes as they are now.
     */
    private HandoffManifest recordSignature(CycleRef cycle, HandoffManifest signed, ManifestSignature added,
            byte[] bytes) {
        try {
            return recordSignatureEvent(cycle, signed, added, bytes);
        } catch (PlanningException e) {
            throw Unrecorded.explain(e, "the signature of " + added.role() + " (key " + added.keyId() + ") in "
                    + layout.manifest(cycle), "once the cause is fixed, sign again with the same key to record it");
        }
    }

    private HandoffManifest recordSignatureEvent(CycleRef cycle, HandoffManifest signed, ManifestSignature added,
            byte[] bytes) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("manifest_id", signed.manifestId());
        details.put("role", added.role());
        details.put("key_id", added.keyId());
        details.put("algorithm", added.algorithm());
        details.put("manifest_sha256", Sha256.hex(bytes));
        machine.record(cycle, EventType.SIGNATURE_ADDED, details);
        return signed;
    }

    /**
     * The signature by {@code key} for its role that counts on the manifest (the verifier checked it)
     * when no {@code SIGNATURE_ADDED} event of the manifest names that key: a signing interrupted after
     * it rewrote the manifest. It need not be the manifest's last signature: another signer may have
     * signed in between, one signature per run under the manifest's lock.
     */
    private Optional<ManifestSignature> unrecorded(CycleRef cycle, HandoffManifest manifest, VerificationReport report,
            TrustedKey key) {
        Optional<ManifestSignature> counted = report.countedSignatures().stream()
                .filter(s -> s.keyId().equals(key.keyId()) && s.role().equals(key.role()))
                .reduce((first, last) -> last);
        if (counted.isEmpty()) {
            return counted;
        }
        String manifestId = manifest.manifestId();
        boolean recorded = machine.history(cycle).stream().map(RecordedEvent::event)
                .anyMatch(e -> e.type() == EventType.SIGNATURE_ADDED && manifestId.equals(e.details().get("manifest_id"))
                        && key.keyId().equals(e.details().get("key_id")));
        return recorded ? Optional.empty() : counted;
    }

    /**
     * Refuses to sign a manifest sealed dirty ({@code dirty: true}, or {@code snapshot_rev: none}) unless the
     * signer asked to (dirty24): no commit holds its sealed set, so verify cannot check that the set holds
     * every input the gates read (attack24 left an input out that way, and every role signed unwarned).
     */
    private static void requireCleanSealOrConsent(HandoffManifest manifest, SignOptions options, String path) {
        if (!ManifestVerifier.sealedDirty(manifest) || options.allowDirty()) {
            return;
        }
        boolean outsideGit = manifest.snapshotRev().equals(GitState.NONE);
        throw new SealingException(SealingException.Reason.CANNOT_SIGN, "manifest "
                + Printable.line(manifest.manifestId()) + " was sealed " + (outsideGit
                        ? "outside git or before its first commit (snapshot_rev: none)"
                        : "with --allow-dirty (dirty: true, snapshot_rev " + Printable.line(manifest.snapshotRev()) + ")")
                + ", so its sealed set cannot be checked against a commit: an input the gates read but left out of"
                + " the manifest goes unseen by verify. Nothing was signed; to sign it anyway, pass --allow-dirty"
                + " (SignOptions.withAllowDirty(true)); or seal a new cycle from a clean commit and sign that",
                SourceLocation.ofFile(path));
    }

    /** The trust entry of the signer's key for its role and algorithm. */
    private static TrustedKey trusted(Signer signer, TrustedKeys trust, String path) {
        List<TrustedKey> entries = trust.withKeyId(signer.keyId());
        return entries.stream()
                .filter(k -> k.role().equals(signer.role()) && k.algorithm() == signer.algorithm())
                .findFirst()
                .orElseThrow(() -> new SealingException(SealingException.Reason.CANNOT_SIGN, "key "
                        + signer.keyId() + " (" + signer.algorithm().id() + ") is not listed for role " + signer.role()
                        + " in " + trust.source() + (entries.isEmpty() ? ""
                                : "; it is listed for " + entries.stream().map(k -> k.role() + " (" + k.algorithm().id()
                                        + ")").collect(Collectors.joining(", ")))
                        + ": its signature would not count. Sign with the role's key, or pass the trust file"
                        + " that lists it with --trust", SourceLocation.ofFile(path)));
    }

    /** Refuses a signer whose signature would not count: its key, or its role, already counts. */
    private void requireNewSigner(VerificationReport report, TrustedKey key, TrustedKeys trust, String path) {
        String identity = Crypto.identity(key.publicKey());
        for (ManifestSignature counted : report.countedSignatures()) {
            boolean sameKey = counted.keyId().equals(key.keyId()) || trust.withKeyId(counted.keyId()).stream()
                    .anyMatch(k -> Crypto.identity(k.publicKey()).equals(identity));
            if (sameKey) {
                throw new SealingException(SealingException.Reason.CANNOT_SIGN, "key " + key.keyId()
                        + " already signed this manifest (as " + counted.role() + " at " + counted.signedAt()
                        + "); a key counts once", SourceLocation.ofFile(path));
            }
        }
        boolean roleSigned = report.countedSignatures().stream().anyMatch(s -> s.role().equals(key.role()));
        if (roleSigned && Stream.concat(verifier.rulebook().signing().required().stream(),
                        trust.signing().required().stream())
                .filter(r -> r.roles().contains(key.role()))
                .allMatch(r -> report.countedSignatures().stream().filter(s -> r.roles().contains(s.role())).count()
                        >= r.min())) {
            throw new SealingException(SealingException.Reason.CANNOT_SIGN, "role " + key.role()
                    + " already signed this manifest and the signing policy needs no more signatures by it",
                    SourceLocation.ofFile(path));
        }
    }

    private void requirePrior(String id) {
        List<String> claims = ManifestIndex.scan(workspace, layout).claims(id);
        if (claims.size() > 1) {
            throw new InvalidInputException("prior manifest '" + id + "' is claimed by " + claims.size() + " files ("
                    + String.join(", ", claims) + "); a manifest id must name exactly one manifest");
        }
        if (claims.isEmpty()) {
            throw new InvalidInputException("prior manifest '" + id + "' is not a sealed manifest of this workspace;"
                    + " expected the manifest_id of an earlier cycle's handoff manifest");
        }
        String path = claims.get(0);
        HandoffManifest prior = ManifestForms.read(reader, workspace, SafePaths.resolve(workspace, path), path).read()
                .manifest();
        if (ManifestVerifier.sealedDirty(prior)) {
            // keys25: verify, sign and the move past PACKAGED refuse such a prior (PriorSnapshot), whatever the options;
            // sealing on it would only write a handoff that can never count. --allow-dirty is this seal's own consent.
            throw new InvalidInputException("prior manifest '" + id + "' (" + path + ") was sealed with --allow-dirty"
                    + " (dirty: " + prior.dirty() + ", snapshot_rev " + prior.snapshotRev() + "), so no commit holds its"
                    + " sealed set and a handoff naming it as its prior can never be signed nor verified (PRIOR_MANIFEST),"
                    + " with or without --allow-dirty; nothing was sealed. Seal without --prior, or name a prior sealed"
                    + " from a clean commit");
        }
    }

    private String newId(CycleRef cycle) {
        if (ids != null) {
            return ids.get();
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return cycle.stream() + "-" + cycle.cycleId() + "-" + HexFormat.of().formatHex(random);
    }

    /**
     * Whether something is at the workspace path; refused, naming it, when it cannot be examined (a
     * directory above it that may not be searched), never taken for absent.
     */
    private boolean present(String path, String without) {
        return DirectoryEntries.attributes(workspace, SafePaths.resolve(workspace, path), without).isPresent();
    }

    private static SealingException alreadySealed(CycleRef cycle, String path) {
        return new SealingException(SealingException.Reason.ALREADY_SEALED, "cycle " + cycle + " is already sealed;"
                + " a sealed manifest is never overwritten. To change the handoff, open a new cycle and seal it with"
                + " --prior set to this manifest's manifest_id", SourceLocation.ofFile(path));
    }
}
