package dev.planning.engine.internal.seal;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Verifies sealed manifests against the workspace, the rulebook in hand and trusted keys,
 * reporting every discrepancy rather than stopping at the first.
 *
 * <p>Checks, in order: the manifest reads and validates; its bytes are its canonical rendering
 * (so that even a change YAML would not notice, such as quoting or a comment, is caught); it is
 * the manifest of the cycle asked about; every sealed artifact exists with the recorded SHA-256
 * and size; no plan artifact of the cycle is missing from it; the rulebook hash matches; each
 * signature is by a key trusted for its role and verifies over the canonical form, in low-S form
 * for ECDSA (an invalid or high-S signature is a discrepancy; one by an untrusted key, a key not
 * trusted for its role, or a key already counted — by identity, not {@code key_id} — is a note:
 * it never counts and never fails the manifest); the rulebook's signing policy is met by the
 * signatures that count; every manifest of the {@code prior_manifest_id} chain exists, reads,
 * is canonical and carries no invalid signature by a trusted key; {@code snapshot_rev} is a commit
 * of the workspace's repository. A {@link Scope} leaves out what its caller must not check.
 *
 * <p>Beyond checksums: the manifest and its {@code MANIFEST_SEALED} event anchor each other (the
 * event names this manifest id and the SHA-256 of the manifest as sealed, without signatures; the
 * manifest's {@code event_log_head} is the event just before it); each gate verdict is bound to
 * its sealed evidence and inputs, and the verdicts that are a function of sealed inputs are
 * recomputed under the rulebook in hand, which must have the sealed hash ({@link VerdictCheck});
 * no other manifest file claims the same id; and each prior manifest of the chain is read with its
 * id claimed once, is canonical, meets the signing policy with trusted, distinct keys (the policy of the
 * rulebook in hand when its rulebook hash is that one's; otherwise that of the rulebook it was sealed
 * under, read from git at its {@code snapshot_rev} and holding the sealed hash, or, when that cannot be
 * established, a {@code PRIOR_MANIFEST} discrepancy saying why: {@link SealedRulebooks}), and its artifacts have the sealed SHA-256 at its {@code snapshot_rev}, read from git
 * objects; the verification summaries written at {@code VALIDATED}, when present, are signed by a
 * trusted key and state what the sealed manifest, the rulebook hash, the imported outcomes and the
 * event log give ({@link SummaryCheck}); the waivers the handoff used (its governance summary, its
 * sealed evidence, the recomputed verdicts) hold on a trusted day, the verifier's clock or the day of
 * the latest trusted signature, and no timestamp written with the seal lies in the verifier's future
 * ({@link TrustedDay}). {@link #verify(CycleRef, TrustedKeys, boolean)} with {@code recompute = false} skips
 * only the recomputation, and says so in the report's notes.
 *
 * <pre>{@code
 * VerificationReport report = new ManifestVerifier(workspace, WorkspaceLayout.DEFAULT, rulebook)
 *         .verify(new CycleRef("fe", "2025-09-02"), TrustFile.read(Path.of("keys/trust.yaml")));
 * report.discrepancies().forEach(d -> System.out.println(d.describe()));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ManifestVerifier {

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final Rulebook rulebook;
    private final ManifestReader reader;
    private final EventStore events;
    private final VerdictCheck verdicts;
    private final SummaryCheck summaries;
    private final Clock clock;

    /**
     * @param events     the cycles' event logs, to find each manifest's {@code MANIFEST_SEALED} event
     * @param recomputer runs gates again to re-derive sealed verdicts
     * @param clock      the verifier's own clock: the waivers a handoff used must hold on its day (or on
     *                   the day of the latest trusted signature), and no timestamp may lie beyond it
     *                   ({@link TrustedDay})
     */
    public ManifestVerifier(Path workspace, WorkspaceLayout layout, Rulebook rulebook, EventStore events,
            VerdictRecomputer recomputer, Clock clock) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
        this.reader = new ManifestReader(this.workspace);
        this.events = Objects.requireNonNull(events, "events");
        this.verdicts = new VerdictCheck(this.workspace, layout, Objects.requireNonNull(recomputer, "recomputer"));
        this.summaries = new SummaryCheck(this.workspace, layout, events);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a verification is for. Each scope runs the same code path (so that a check added to
     * verification applies to every use of it), leaving out only what its caller must not or need
     * not check.
     */
    public enum Scope {
        /** Everything, the sealed gate verdicts recomputed: what {@code planning verify} checks. */
        FULL,
        /**
         * Everything but the recomputation of the sealed gate verdicts ({@code verify
         * --checksums-only}); the report's notes say that it was skipped.
         */
        CHECKSUMS_ONLY,
        /**
         * Everything but the signing policy: what {@code planning sign} checks before it adds a
         * signature (a manifest is signed precisely because the policy is not met yet).
         */
        BEFORE_SIGNING,
        /**
         * What a cycle past {@code PACKAGED} must still satisfy whenever it moves or its status is
         * shown: the manifest reads, is canonical and is the cycle's; it and its sealed event anchor
         * each other; every sealed artifact is unchanged and no plan file of the cycle is unsealed
         * (the gates of the later moves read the plan); the rulebook (whose signing policy
         * applies) is the sealed one; the signatures that count meet the signing policy; the waivers
         * the governance summary and the sealed evidence of the gate results list as used hold on
         * the trusted day, and no timestamp of the manifest, that evidence or the log lies in the
         * verifier's future ({@link TrustedDay}); every manifest of the {@code prior_manifest_id} chain
         * holds as {@link #FULL} checks it (claimed once, canonical, its signing policy met by trusted
         * keys, its artifacts at its {@code snapshot_rev}); and it replaced no other handoff of the cycle
         * that a trusted key signed in {@code HEAD}'s history (attack33: {@code release_readiness} made that
         * check once, on the move into {@code EXECUTED}, and a handoff put back after it moved the cycle on).
         * Re-deriving gate verdicts and this manifest's git revision stay with {@link #FULL}.
         */
        SEALED_STATE
    }

    /**
     * Whether the manifest was sealed dirty ({@code dirty: true}, or {@code snapshot_rev: none}): no commit
     * holds its sealed set, so nothing checks that the set holds every input the gates read.
     */
    static boolean sealedDirty(HandoffManifest manifest) {
        return manifest.dirty() || manifest.snapshotRev().equals(GitState.NONE);
    }

    /** The rulebook manifests are verified against (its hash, its signing policy). */
    public Rulebook rulebook() {
        return rulebook;
    }

    /**
     * Verifies a cycle's manifest in full, recomputing the sealed verdicts; a missing manifest is
     * reported as {@code MANIFEST_INVALID}. The one entry point for "does this handoff hold now".
     */
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust) {
        return verify(cycle, trust, Scope.FULL);
    }

    /** Verifies a cycle's manifest; {@code recompute = false} skips re-deriving the verdicts. */
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust, boolean recompute) {
        return verify(cycle, trust, recompute ? Scope.FULL : Scope.CHECKSUMS_ONLY);
    }

    /**
     * Verifies a cycle's manifest with the checks of {@code scope}; a missing manifest is reported
     * as {@code MANIFEST_INVALID}.
     */
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust, Scope scope) {
        return verify(cycle, trust, scope, Optional.empty());
    }

    /**
     * As {@link #verify(CycleRef, TrustedKeys, Scope)}, with the cycle's verified log as the caller
     * already read it (a transition attempt): the seal event is checked against that history
     * instead of reading the log again.
     *
     * @param history the cycle's log, oldest first, as verified on reading
     */
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust, Scope scope, List<RecordedEvent> history) {
        return verify(cycle, trust, scope, Optional.of(List.copyOf(history)));
    }

    private VerificationReport verify(CycleRef cycle, TrustedKeys trust, Scope scope,
            Optional<List<RecordedEvent>> history) {
        Objects.requireNonNull(scope, "scope");
        String path = layout.manifest(cycle);
        Path file = SafePaths.resolve(workspace, path);
        if (!DirectoryEntries.isRegularFile(workspace, file, "verify reads the cycle's sealed manifest")) {
            return new VerificationReport(path, Optional.empty(), 0, List.of(), List.of(), List.of(Discrepancy.of(
                    DiscrepancyKind.MANIFEST_INVALID, path, "a sealed manifest", "no file",
                    "cycle " + cycle + " has no sealed manifest; seal it with `planning seal`")));
        }
        return verify(path, Optional.of(cycle), trust, scope, history,
                () -> ManifestForms.read(reader, workspace, file, path));
    }

    /**
     * Verifies the bytes of a cycle's manifest that the caller read from its file (under the
     * manifest's lock, when it goes on to change the file), with the checks of {@code scope}: the
     * file is not read again, so what the caller does next with these bytes (sign them) is done to
     * exactly what was verified.
     *
     * @param read the manifest as read from {@code layout.manifest(cycle)}
     */
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust, Scope scope, ManifestReader.Read read) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(read, "read");
        String path = layout.manifest(cycle);
        return verify(path, Optional.of(cycle), trust, scope, Optional.empty(),
                () -> new ManifestForms.Reading(read, ManifestForms.of(read.manifest())));
    }

    /**
     * Verifies bytes the caller read from a cycle's manifest file as that manifest, with the checks of {@code scope}:
     * the file is not read again, so what the caller takes from these bytes (the digest's excerpt of them) is taken
     * from exactly what was verified (digest40: the digest read the file twice, so a file changed between the reads
     * paired one version's figures with another's verdict). Bytes that are no manifest are {@code MANIFEST_INVALID}.
     *
     * @param bytes the manifest's bytes, as read from {@code layout.manifest(cycle)}
     */
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust, Scope scope, byte[] bytes) {
        Objects.requireNonNull(scope, "scope");
        byte[] read = bytes.clone();
        String path = layout.manifest(cycle);
        return verify(path, Optional.of(cycle), trust, scope, Optional.empty(),
                () -> ManifestForms.parse(reader, workspace, read, path));
    }

    /** Verifies a manifest file (inside or outside the workspace) in full. */
    public VerificationReport verify(Path manifestFile, TrustedKeys trust) {
        return verify(manifestFile, trust, true);
    }

    /** Verifies a manifest file; {@code recompute = false} skips re-deriving the verdicts. */
    public VerificationReport verify(Path manifestFile, TrustedKeys trust, boolean recompute) {
        Path file = manifestFile.toAbsolutePath().normalize();
        String display = SafePaths.relativize(workspace, file);
        return verify(display, Optional.empty(), trust, recompute ? Scope.FULL : Scope.CHECKSUMS_ONLY,
                Optional.empty(), () -> ManifestForms.read(reader, workspace, file, display));
    }

    /**
     * Reads a cycle's sealed manifest.
     *
     * @return empty when the cycle has none
     * @throws InvalidInputException when the file exists but cannot be read as a manifest
     */
    public Optional<ManifestReader.Read> read(CycleRef cycle) {
        String path = layout.manifest(cycle);
        Path file = SafePaths.resolve(workspace, path);
        return DirectoryEntries.attributes(workspace, file, "the cycle's manifest cannot be told absent").isPresent()
                ? Optional.of(reader.read(file, path)) : Optional.empty();
    }

    /**
     * The sealed artifacts that are missing or changed: the checks that make a sealed cycle
     * immutable. Another stream's plan or the capacity model that changed (or went) after sealing
     * is not one of them when its sealed version is at the manifest's {@code snapshot_rev}: the
     * verdict is re-derived from that version ({@link SealedInputs}), so another stream's work
     * never strands this cycle.
     */
    public List<Discrepancy> changedArtifacts(HandoffManifest manifest) {
        return artifacts(manifest).changed();
    }

    /** What {@link #artifacts} found: the discrepancies, and the pinned inputs that changed since, for notes. */
    private record ArtifactCheck(List<Discrepancy> changed, List<String> pinned) {
    }

    private ArtifactCheck artifacts(HandoffManifest manifest) {
        List<Discrepancy> found = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        List<ArtifactChecksum> present = new ArrayList<>();
        List<ArtifactChecksum> missing = new ArrayList<>();
        for (ArtifactChecksum artifact : manifest.artifacts()) {
            // One that cannot be examined is refused, never reported missing (nor excused as pinned).
            if (DirectoryEntries.isRegularFile(workspace, SafePaths.resolve(workspace, artifact.path()),
                    "verify checks each sealed artifact's hash")) {
                present.add(artifact);
            } else {
                missing.add(artifact);
            }
        }
        List<ArtifactChecksum> changed = new ArrayList<>();
        List<Path> files = present.stream().map(a -> SafePaths.resolve(workspace, a.path())).toList();
        Map<Path, Sha256.FileDigest> digests = Sha256.files(files);
        for (int i = 0; i < present.size(); i++) {
            Sha256.FileDigest actual = digests.get(files.get(i));
            if (!actual.sha256().equals(present.get(i).sha256()) || actual.bytes() != present.get(i).bytes()) {
                changed.add(present.get(i));
            }
        }
        Optional<CycleRef> cycle = ownCycle(manifest);
        try (SealedInputs sealed = cycle.map(c -> new SealedInputs(workspace, layout, manifest, c)).orElse(null)) {
            for (ArtifactChecksum artifact : missing) {
                if (sealed != null && sealed.pinnable(artifact.path()) && sealed.sealedBytes(artifact).isPresent()) {
                    pinned.add(artifact.path() + " (gone since)");
                } else {
                    found.add(Discrepancy.of(DiscrepancyKind.ARTIFACT_MISSING, artifact.path(), "sha256 "
                            + artifact.sha256(), "no file", "sealed artifact " + artifact.path() + " is missing"));
                }
            }
            for (ArtifactChecksum sealedArtifact : changed) {
                if (sealed != null && sealed.pinnable(sealedArtifact.path())
                        && sealed.sealedBytes(sealedArtifact).isPresent()) {
                    pinned.add(sealedArtifact.path() + " (changed since)");
                    continue;
                }
                Sha256.FileDigest actual = digests.get(SafePaths.resolve(workspace, sealedArtifact.path()));
                found.add(Discrepancy.of(DiscrepancyKind.ARTIFACT_CHANGED, sealedArtifact.path(),
                        "sha256 " + sealedArtifact.sha256() + " (" + sealedArtifact.bytes() + " bytes)",
                        "sha256 " + actual.sha256() + " (" + actual.bytes() + " bytes)",
                        "sealed artifact " + sealedArtifact.path() + " changed after sealing"));
            }
        }
        return new ArtifactCheck(found, pinned);
    }

    /**
     * @param history the expected cycle's log as the caller read it; empty to read it here
     * @param source  reads the manifest: from its file, or the bytes or model the caller read from it
     */
    private VerificationReport verify(String display, Optional<CycleRef> expectedCycle, TrustedKeys trust,
            Scope scope, Optional<List<RecordedEvent>> history, Supplier<ManifestForms.Reading> source) {
        List<Discrepancy> found = new ArrayList<>();
        List<Discrepancy> ignored = new ArrayList<>();
        ManifestReader.Read read;
        ManifestForms forms;
        try {
            // Read once: the model, and the forms a verification derives from it (kept across runs
            // for exactly these bytes when a store is in use: ManifestForms).
            ManifestForms.Reading reading = source.get();
            read = reading.read();
            forms = reading.forms();
        } catch (InvalidInputException e) {
            found.add(Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, e.describe()));
            return new VerificationReport(display, Optional.empty(), 0, List.of(), List.of(), found);
        }
        HandoffManifest manifest = read.manifest();
        // The git lookup of snapshot_rev (JGit: most of a short verification's own work in a work tree)
        // runs beside the checks below, which do not depend on it; its answer is reported where it was.
        Optional<SnapshotCheck> snapshot = scope == Scope.SEALED_STATE ? Optional.empty()
                : Optional.of(SnapshotCheck.ahead(workspace, manifest, display, layout, ownCycle(manifest)));
        if (!forms.canonical(read.bytes())) {
            canonical(read.bytes(), forms.rendered(), display).ifPresent(found::add);
        }
        checkPlace(manifest, display, expectedCycle).ifPresent(found::add);
        duplicatePaths(manifest, display).forEach(found::add);
        failedVerdicts(manifest, display).forEach(found::add);
        ArtifactCheck artifacts = artifacts(manifest);
        List<Discrepancy> changed = new ArrayList<>(artifacts.changed());
        // In every scope: a plan file of the cycle that appeared after sealing (a task breakdown under
        // the preferred name beside a sealed backlog) is what the gates of the later moves would read.
        changed.addAll(unsealed(manifest));
        snapshot.ifPresent(check -> ownCycle(manifest).ifPresent(cycle -> changed.addAll(incompleteSealedSet(manifest,
                cycle, check))));
        found.addAll(changed);
        boolean rulebookSealed = manifest.rulebookHash().equals(rulebook.hash());
        if (!rulebookSealed) {
            found.add(Discrepancy.of(DiscrepancyKind.RULEBOOK_CHANGED, SafePaths.relativize(workspace, rulebook.directory()),
                    "rulebook_hash " + manifest.rulebookHash(), "rulebook_hash " + rulebook.hash(),
                    "the rulebook in hand is not the one that judged the handoff"));
        }
        List<String> notes = new ArrayList<>();
        // What the trusted day judges once the signatures that count are known: every waiver the
        // handoff used and every timestamp written with it, none of which a signature covered then.
        List<TrustedDay.Used> waivers = new ArrayList<>();
        manifest.governance().waivers().forEach(w -> waivers.add(TrustedDay.Used.of(display, w)));
        List<TrustedDay.Stamp> stamps = new ArrayList<>(List.of(new TrustedDay.Stamp(display, "created_at",
                manifest.createdAt()), new TrustedDay.Stamp(display, "sealed_at", manifest.sealedAt())));
        if (sealedDirty(manifest)) {
            // Said plainly (seal24): the manifest's dirty: true is easy to read past, and what it costs is not in it.
            notes.add("sealed with --allow-dirty (dirty: " + manifest.dirty() + ", snapshot_rev " + manifest.snapshotRev()
                    + "): no commit holds the sealed set, so verify cannot check that it holds every input the gates"
                    + " read (an input left out of the manifest goes unseen); a later handoff naming this one as its"
                    + " prior is refused (PRIOR_MANIFEST)");
        }
        if (!artifacts.pinned().isEmpty()) {
            notes.add("inputs of other streams pinned to their sealed version at snapshot_rev " + manifest.snapshotRev()
                    + ": " + String.join(", ", artifacts.pinned()));
        }
        ownCycle(manifest).ifPresent(cycle -> {
            // The history handed in is the expected cycle's: a manifest of another cycle reads its own log.
            Optional<List<RecordedEvent>> given = history.filter(h -> expectedCycle.filter(cycle::equals).isPresent());
            found.addAll(SealEventCheck.check(manifest, forms::unsignedSha256, display, events, cycle, given));
            Optional<List<RecordedEvent>> log = given.or(() -> readLog(cycle));
            log.ifPresent(all -> all.forEach(e -> stamps.add(new TrustedDay.Stamp(layout.eventLog(cycle) + ":"
                    + e.line(), "at", e.event().timestamp()))));
            if (scope == Scope.SEALED_STATE) {
                VerdictCheck.Outcome sealed = verdicts.sealedWaivers(manifest);
                waivers.addAll(sealed.waivers());
                stamps.addAll(sealed.stamps());
            } else {
                // Joined already (incompleteSealedSet): without a commit that holds the sealed set there are no
                // sealed bytes to re-derive the verdicts from, only the work tree's, which a clean seal never takes.
                boolean bound = snapshot.map(check -> check.result().isEmpty()).orElse(true);
                VerdictCheck.Outcome verdict = verdicts.check(manifest, cycle, display, scope != Scope.CHECKSUMS_ONLY,
                        rulebookSealed, changed.isEmpty() && bound, trust);
                found.addAll(verdict.discrepancies());
                notes.addAll(verdict.notes());
                waivers.addAll(verdict.waivers());
                stamps.addAll(verdict.stamps());
                found.addAll(summaries.check(manifest, cycle, trust, notes, log));
            }
        });
        // The index of the workspace's manifests takes this one as read here rather than reading it again.
        ManifestIndex index = ManifestIndex.scan(workspace, layout, display, manifest);
        List<String> claims = index.claims(manifest.manifestId());
        if (claims.size() > 1) {
            found.add(Discrepancy.of(DiscrepancyKind.MANIFEST_ID_DUPLICATE, display, "one file with manifest_id "
                    + manifest.manifestId(), String.join(", ", claims), "manifest_id " + manifest.manifestId()
                    + " is claimed by " + claims.size() + " files; a manifest id must name exactly one manifest"));
        }
        List<ManifestSignature> counted = signatures(manifest, forms, display, trust, found, ignored);
        TrustedDay day = TrustedDay.of(clock.instant(), counted, scope == Scope.BEFORE_SIGNING);
        found.addAll(day.future(stamps));
        found.addAll(day.waivers(waivers));
        if (scope != Scope.BEFORE_SIGNING) {
            threshold(counted, display, trust, found);
        }
        // In every scope: a cycle past PACKAGED moves on, and shows its state, only while the handoffs its
        // own names as prior still hold (attack19: a prior rewritten after this cycle was executed).
        List<String> chain = chain(manifest, display, trust, found, index);
        // In every scope: another signed handoff of the cycle that this manifest overwrote in HEAD's history
        // (attack32, review31). Past PACKAGED too (attack33): a handoff put back after release_readiness moved the
        // cycle on was taken to VALIDATED and shown by status as sound, which verify refused.
        ownCycle(manifest).flatMap(cycle -> ReplacedManifests.check(workspace, reader, manifest,
                layout.manifest(cycle), display, trust)).ifPresent(found::add);
        snapshot.ifPresent(check -> check.result().ifPresent(found::add));
        snapshot.ifPresent(check -> check.note().ifPresent(notes::add));
        return new VerificationReport(display, Optional.of(manifest.manifestId()), manifest.artifacts().size(), counted,
                chain, found, ignored, notes);
    }

    /** The cycle's log; empty when it cannot be read (the seal event check reports why). */
    private Optional<List<RecordedEvent>> readLog(CycleRef cycle) {
        try {
            return Optional.of(events.read(cycle));
        } catch (UnreadableInputException | SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            return Optional.empty();
        }
    }

    private static Optional<CycleRef> ownCycle(HandoffManifest manifest) {
        try {
            return Optional.of(new CycleRef(manifest.stream(), manifest.cycleId()));
        } catch (InvalidInputException e) {
            return Optional.empty(); // reported by checkPlace
        }
    }

    /** The first line where the file departs from the canonical rendering, if it does. */
    static Optional<Discrepancy> canonical(byte[] actual, byte[] expected, String display) {
        if (Arrays.equals(actual, expected)) {
            return Optional.empty();
        }
        String[] want = new String(expected, StandardCharsets.UTF_8).split("\n", -1);
        String[] have = new String(actual, StandardCharsets.UTF_8).split("\n", -1);
        int line = 0;
        while (line < want.length && line < have.length && want[line].equals(have[line])) {
            line++;
        }
        String expectedLine = line < want.length ? want[line] : "(end of file)";
        String actualLine = line < have.length ? have[line] : "(end of file)";
        return Optional.of(Discrepancy.of(DiscrepancyKind.MANIFEST_NOT_CANONICAL, display + ":" + (line + 1),
                shorten(expectedLine), shorten(actualLine), "the manifest's bytes differ from the canonical rendering of"
                        + " its content at line " + (line + 1) + ": it was edited outside planning"));
    }

    private Optional<Discrepancy> checkPlace(HandoffManifest manifest, String display, Optional<CycleRef> expected) {
        CycleRef own;
        try {
            own = new CycleRef(manifest.stream(), manifest.cycleId());
        } catch (InvalidInputException e) {
            return Optional.of(Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, e.getMessage()));
        }
        if (expected.isPresent() && !expected.get().equals(own)) {
            return Optional.of(Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, "manifest of " + expected.get(),
                    "manifest of " + own, "the file at " + display + " is the manifest of another cycle"));
        }
        String place = layout.manifest(own);
        boolean inWorkspace = !display.startsWith("/") && !Path.of(display).isAbsolute();
        if (expected.isEmpty() && inWorkspace && display.startsWith(layout.streamsRoot() + "/") && !display.equals(place)) {
            return Optional.of(Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, place, display,
                    "the manifest of " + own + " belongs at " + place));
        }
        return Optional.empty();
    }

    private static List<Discrepancy> duplicatePaths(HandoffManifest manifest, String display) {
        Set<String> seen = new HashSet<>();
        return manifest.artifacts().stream().map(ArtifactChecksum::path).filter(path -> !seen.add(path))
                .map(path -> Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display,
                        "artifact " + path + " is listed more than once"))
                .toList();
    }

    /**
     * Every gate result the manifest records that is not a pass ({@code PASS} or {@code WARN}): a
     * handoff is sealed only when every gate of its sealing steps passes, so a recorded failure was
     * written by hand. Checked in every scope, whatever the recomputation says: a verdict recomputed
     * as {@code FAIL} that agrees with a recorded {@code FAIL} is no less a failure.
     */
    private static List<Discrepancy> failedVerdicts(HandoffManifest manifest, String display) {
        return manifest.gateResults().entrySet().stream()
                .filter(entry -> entry.getValue().status() != GateStatus.PASS
                        && entry.getValue().status() != GateStatus.WARN)
                .map(entry -> Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, display, entry.getKey() + " PASS or WARN",
                        entry.getKey() + " " + entry.getValue().status(), "the manifest records " + entry.getKey() + " "
                                + entry.getValue().status() + ", but a handoff is sealed only when every gate of its"
                                + " sealing steps passes: a failed verdict does not make a handoff"))
                .toList();
    }

    /**
     * Plan artifacts of the cycle that exist now but were not sealed (evidence written later is fine;
     * other streams' plans are pinned to the sealed set, see {@link SealedInputs}).
     */
    private List<Discrepancy> unsealed(HandoffManifest manifest) {
        CycleRef cycle;
        try {
            cycle = new CycleRef(manifest.stream(), manifest.cycleId());
        } catch (InvalidInputException e) {
            return List.of();
        }
        Set<String> sealed = manifest.artifacts().stream().map(ArtifactChecksum::path).collect(Collectors.toSet());
        Set<String> plan = new LinkedHashSet<>(layout.taskBreakdownCandidates(cycle));
        plan.add(layout.storyMap(cycle));
        plan.add(layout.decisionLog(cycle));
        plan.add(layout.contracts(cycle));
        // Other streams' plans and the capacity model that appear after sealing are not unsealed inputs:
        // verdicts are re-derived over the sealed set only (SealedInputs), so they were never judged.
        return plan.stream()
                .filter(path -> !sealed.contains(path) && DirectoryEntries.isRegularFile(workspace,
                        SafePaths.resolve(workspace, path), "verify cannot tell whether a plan file was added after sealing"))
                .map(path -> Discrepancy.of(DiscrepancyKind.ARTIFACT_UNSEALED, path, "not present at sealing",
                        "present", "plan artifact " + path + " of " + cycle + " is not in the sealed manifest"))
                .toList();
    }

    /**
     * The inputs the gates read at the manifest's {@code snapshot_rev} that are not sealed, and the sealed
     * inputs they do not read there (attack23). The verdicts are re-derived over the sealed set alone
     * ({@link SealedInputs}), so a manifest that leaves out an input committed at its revision (the
     * capacity model, another stream's plan) had its verdicts re-derived without it, and passed where the
     * gates over that commit fail; one that adds an input the commit does not hold (a plan of a stream
     * committed later, pinned from the work tree) was judged with it. Either is refused: the sealed inputs
     * must be exactly what the gates read at the sealed commit. A manifest sealed without a clean revision
     * ({@code dirty}, or {@code snapshot_rev: none}) has no commit to tell them by, and is not checked here.
     */
    private List<Discrepancy> incompleteSealedSet(HandoffManifest manifest, CycleRef cycle, SnapshotCheck snapshot) {
        if (sealedDirty(manifest)) {
            return List.of();
        }
        // Told on the snapshot check's thread, with the repository it opened (perf23).
        Optional<Set<String>> committed = snapshot.committedInputs();
        if (committed.isEmpty()) {
            return List.of(); // a snapshot_rev that is no commit here is reported by SnapshotCheck
        }
        EvidenceInputs kinds = new EvidenceInputs(workspace, layout);
        Set<String> sealedInputs = manifest.artifacts().stream().map(ArtifactChecksum::path)
                .filter(path -> kinds.kind(cycle, path).filter(kind -> kind != EvidenceInputs.Input.OUTCOMES).isPresent())
                .collect(Collectors.toCollection(TreeSet::new));
        String rev = manifest.snapshotRev();
        List<Discrepancy> found = new ArrayList<>();
        for (String path : committed.get()) {
            if (!sealedInputs.contains(path)) {
                found.add(Discrepancy.of(DiscrepancyKind.ARTIFACT_UNSEALED, path, "sealed: the gates read it at snapshot_rev "
                        + rev, "not sealed", "input " + path + " of the verdicts of " + cycle + " is committed at snapshot_rev "
                        + rev + " but not in the sealed manifest, so the verdicts re-derived from the sealed set never judged it"));
            }
        }
        for (String path : sealedInputs) {
            if (!committed.get().contains(path)) {
                found.add(Discrepancy.of(DiscrepancyKind.ARTIFACT_MISSING, path, "an input the gates read at snapshot_rev "
                        + rev, "not read there", "sealed input " + path + " of " + cycle + " is not what the gates read at"
                        + " snapshot_rev " + rev + " (not committed there, or another stream's plan they do not choose)"));
            }
        }
        // Each sealed input is the blob committed at snapshot_rev, compared on the snapshot check's thread (seal26).
        found.addAll(snapshot.unlikeCommitted());
        return found;
    }

    /**
     * Checks every signature; returns those that count. A signature that does not verify (or is a
     * high-S twin) is a discrepancy: the manifest or the signature changed. One by an untrusted
     * key, by a key not trusted for its role, or by a key already counted is a note: it never
     * counts, and never blocks a manifest that the signatures that do count carry. A key counts
     * once by its identity ({@link Crypto#identity}), not by its {@code key_id}, so one key under
     * two encodings or several roles is one signer.
     */
    private static List<ManifestSignature> signatures(HandoffManifest manifest, ManifestForms forms, String display,
            TrustedKeys trust, List<Discrepancy> found, List<Discrepancy> ignored) {
        List<ManifestSignature> counted = new ArrayList<>();
        Map<String, String> signers = new HashMap<>();
        for (int i = 0; i < manifest.signatures().size(); i++) {
            ManifestSignature signature = manifest.signatures().get(i);
            String where = display + " signatures[" + i + "]";
            String who = "signature " + (i + 1) + " (role " + signature.role() + ", key " + shortId(signature.keyId()) + ")";
            List<TrustedKey> keys = trust.withKeyId(signature.keyId());
            int index = i;
            switch (ManifestSignatures.check(signature, keys, () -> forms.signingInput(index))) {
                case VALID -> {
                    String identity = Crypto.identity(keys.get(0).publicKey());
                    String earlier = signers.putIfAbsent(identity, signature.role());
                    if (earlier == null) {
                        counted.add(signature);
                    } else {
                        ignored.add(Discrepancy.of(DiscrepancyKind.SIGNATURE_DUPLICATE, where, "one signature per key",
                                "key " + signature.keyId() + " already counted (as " + earlier + ")", who
                                        + " repeats a signer; a key counts once, whatever its roles or encodings"));
                    }
                }
                case UNTRUSTED -> ignored.add(Discrepancy.of(DiscrepancyKind.SIGNATURE_UNTRUSTED, where,
                        "a key listed in " + trust.source(), "key_id " + signature.keyId(), who
                                + " is by a key that is not trusted; it does not count"));
                case WRONG_ROLE -> ignored.add(Discrepancy.of(DiscrepancyKind.SIGNATURE_WRONG_ROLE, where,
                        "role " + signature.role() + " with " + signature.algorithm(),
                        keys.stream().map(k -> "role " + k.role() + " with " + k.algorithm().id())
                                .collect(Collectors.joining(", ")),
                        who + " is by a key not trusted for that role or algorithm; it does not count"));
                case INVALID -> found.add(Discrepancy.of(DiscrepancyKind.SIGNATURE_INVALID, where,
                        "a valid " + signature.algorithm() + " signature over the canonical form",
                        "signature does not verify", who + " does not verify: the manifest or the signature changed"));
                case HIGH_S -> found.add(Discrepancy.of(DiscrepancyKind.SIGNATURE_INVALID, where,
                        "a low-S ECDSA signature (s <= n/2)", "high-S signature (s > n/2)", who
                                + " is a high-S ECDSA signature, the malleated twin (r, n-s) of another: only low-S"
                                + " signatures count"));
            }
        }
        return counted;
    }

    private void threshold(List<ManifestSignature> counted, String display, TrustedKeys trust, List<Discrepancy> found) {
        threshold(counted, display, trust, found, DiscrepancyKind.THRESHOLD_NOT_MET, "", rulebook.signing(),
                "the signing policy");
    }

    /**
     * @param policy the rulebook's signing policy the signatures are held to (that of the rulebook in hand,
     *               or of the one a prior was sealed under: {@link SealedRulebooks})
     * @param source how messages name that policy
     */
    private void threshold(List<ManifestSignature> counted, String display, TrustedKeys trust, List<Discrepancy> found,
            DiscrepancyKind kind, String about, SigningPolicy policy, String source) {
        // A floor the rulebook cannot lower: the signing policy lives in the repository, so a
        // contributor could empty it. No handoff verifies without at least one valid signature by a
        // trusted key, whatever the policy asks; with no trusted key in hand, none does (fail closed).
        if (counted.isEmpty()) {
            String hint = trust.keys().isEmpty() ? " (no trusted keys: " + trust.source() + ")" : "";
            found.add(Discrepancy.of(kind, display, "at least one signature by a trusted key", "0 counted",
                    about + "no valid, trusted signature counts; a handoff needs at least one, whatever the signing"
                            + " policy asks" + hint));
        }
        // Both policies apply: the rulebook's (in the repository) and the trust file's (outside it, so a
        // contributor without keys cannot lower it).
        List<Map.Entry<String, SigningRequirement>> requirements = new ArrayList<>();
        policy.required().forEach(r -> requirements.add(Map.entry(source, r)));
        trust.signing().required().forEach(r -> requirements.add(Map.entry("the trust file's signing policy ("
                + trust.source() + ")", r)));
        for (Map.Entry<String, SigningRequirement> entry : requirements) {
            SigningRequirement requirement = entry.getValue();
            // The one judgement of a requirement, shared with the pending-signatures queries.
            List<ManifestSignature> matching = SigningThreshold.matching(requirement, counted, ManifestSignature::role);
            if (matching.size() < requirement.min()) {
                String signedBy = matching.isEmpty() ? "none"
                        : matching.stream().map(ManifestSignature::role).collect(Collectors.joining(", "));
                String hint = trust.keys().isEmpty() ? " (no trusted keys: " + trust.source() + ")" : "";
                found.add(Discrepancy.of(kind, display,
                        requirement.describe() + " signing", matching.size() + " counted (" + signedBy + ")",
                        about + entry.getKey() + " requires " + requirement.min() + " signature(s) by "
                                + requirement.roles() + "; " + matching.size() + " valid, trusted, distinct one(s) found"
                                + hint));
            }
        }
    }

    private List<String> chain(HandoffManifest manifest, String display, TrustedKeys trust, List<Discrepancy> found,
            ManifestIndex index) {
        List<String> chain = new ArrayList<>(List.of(manifest.manifestId()));
        Optional<String> prior = manifest.priorManifestId();
        if (prior.isEmpty()) {
            return chain;
        }
        // Each (snapshot_rev, rulebook_hash) of the chain is read from git at most once per verification.
        SealedRulebooks sealedRulebooks = new SealedRulebooks(workspace, layout, rulebook);
        String from = display;
        while (prior.isPresent()) {
            String id = prior.get();
            if (chain.contains(id)) {
                found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, from, "a chain that ends",
                        "a loop back to " + id, "prior_manifest_id " + id + " loops back into the chain " + chain));
                break;
            }
            chain.add(id);
            Optional<String> path = index.path(id);
            if (index.claims(id).size() > 1) {
                found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, from, "one manifest with id " + id,
                        String.join(", ", index.claims(id)), "prior_manifest_id " + id + " is claimed by "
                                + index.claims(id).size() + " files; a manifest id must name exactly one manifest"));
                break;
            }
            if (path.isEmpty()) {
                found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, from, "manifest " + id, "not found",
                        "prior_manifest_id " + id + " names no readable manifest in the workspace"));
                break;
            }
            ManifestForms.Reading reading = ManifestForms.read(reader, workspace, SafePaths.resolve(workspace,
                    path.get()), path.get());
            ManifestReader.Read read = reading.read();
            ManifestForms priorForms = reading.forms();
            HandoffManifest priorManifest = read.manifest();
            if (!priorForms.canonical(read.bytes())) {
                canonical(read.bytes(), priorForms.rendered(), path.get()).ifPresent(d -> found.add(
                        Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, d.file(), d.expected().orElse("-"),
                                d.actual().orElse("-"), "prior manifest " + id + ": " + d.message())));
            }
            List<ManifestSignature> counted = new ArrayList<>();
            Set<String> signers = new HashSet<>();
            for (int i = 0; i < priorManifest.signatures().size(); i++) {
                ManifestSignature signature = priorManifest.signatures().get(i);
                int at = i;
                List<TrustedKey> keys = trust.withKeyId(signature.keyId());
                ManifestSignatures.Check check = keys.isEmpty() ? ManifestSignatures.Check.UNTRUSTED
                        : ManifestSignatures.check(signature, keys, () -> priorForms.signingInput(at));
                if (check == ManifestSignatures.Check.INVALID || check == ManifestSignatures.Check.HIGH_S) {
                    found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, path.get(),
                            "valid signatures", "invalid signature by role " + signature.role(),
                            "prior manifest " + id + " carries a signature that does not verify: it changed"));
                } else if (check == ManifestSignatures.Check.VALID && signers.add(Crypto.identity(keys.get(0).publicKey()))) {
                    counted.add(signature);
                }
            }
            // Held to the signing policy of the rulebook that judged it: the one in hand, or the one it was
            // sealed under, read from git at its snapshot_rev with the sealed hash (chain20).
            SealedRulebooks.Judged judged = sealedRulebooks.policyOf(priorManifest);
            if (judged.policy().isPresent()) {
                threshold(counted, path.get(), trust, found, DiscrepancyKind.PRIOR_MANIFEST,
                        "prior manifest " + id + ": ", judged.policy().get(), judged.source());
            } else {
                found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, path.get(), judged.expected(), judged.actual(),
                        "prior manifest " + id + " " + judged.why()));
            }
            Optional<CycleRef> priorCycle = ownCycle(priorManifest);
            // Bound to HEAD's first-parent line as verify of the prior's own cycle binds it (seal26).
            found.addAll(PriorSnapshot.check(workspace, layout, priorManifest, priorCycle, path.get()));
            // A later handoff rests on its prior's seal as verify of the prior judges it: its log records that
            // seal once, of exactly this manifest (kit19: a prior whose log lost its seal passed the chain).
            String priorPath = path.get();
            if (priorCycle.isEmpty()) {
                found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, priorPath, "a valid stream and cycle id",
                        priorManifest.stream() + "/" + priorManifest.cycleId(), "prior manifest " + id
                                + " names no valid cycle, so its seal cannot be checked"));
            } else {
                SealEventCheck.check(priorManifest, priorForms::unsignedSha256, priorPath, events, priorCycle.get(),
                        Optional.empty()).forEach(d -> found.add(new Discrepancy(DiscrepancyKind.PRIOR_MANIFEST,
                                d.file(), d.expected(), d.actual(), "prior manifest " + id + ": " + d.message())));
            }
            from = priorPath;
            prior = priorManifest.priorManifestId();
        }
        return chain;
    }

    private static String shortId(String keyId) {
        return keyId.length() > 12 ? keyId.substring(0, 12) : keyId;
    }

    private static String shorten(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
