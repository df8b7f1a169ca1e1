package dev.planning.engine.internal.seal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.PlanningException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Which roles have signed a sealed cycle, by the signatures themselves: a role counts only for a
 * signature in the cycle's manifest file that verifies ({@link ManifestSignatures.Check#VALID}) by a
 * key the trust file lists for that role, on the manifest its {@code MANIFEST_SEALED} event
 * recorded (same {@code manifest_id}, and the SHA-256 of its canonical rendering without
 * signatures equal to the event's {@code manifest_sha256}). A {@code SIGNATURE_ADDED} event alone
 * counts for nothing: the log is not signed, and anyone who can write it can add one. A key counts
 * once, by its identity ({@link Crypto#identity}), for the role of its first signature that
 * verifies, as {@code verify} counts it: one key trusted for two roles that signed as both signed
 * for one of them. Fail closed:
 * a manifest that is missing, does not parse, or is not the sealed one yields no role, and so does the sealed one
 * when it replaced another signed handoff of the cycle in {@code HEAD}'s history ({@link ReplacedManifests}, as
 * {@code verify} refuses it: MANIFEST_INVALID), or when that cannot be told (a shallow clone); one that is there
 * but cannot be read (no permission, an I/O error) is refused ({@link
 * dev.planning.engine.internal.workspace.UnreadableInputException}, naming it relative to the workspace).
 */
@API(status = INTERNAL)
public final class SignedRoles {

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final TrustedKeys trust;
    private final ManifestReader reader;

    /**
     * @param workspace where the manifests are
     * @param layout    where a cycle's manifest lies
     * @param trust     the keys trusted to sign, by role
     */
    public SignedRoles(Path workspace, WorkspaceLayout layout, TrustedKeys trust) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.reader = new ManifestReader(this.workspace);
    }

    /**
     * The roles whose signature verifies on the cycle's sealed manifest.
     *
     * @param sealDetails the details of the cycle's {@code MANIFEST_SEALED} event
     * @return sorted; empty when nothing verifies
     */
    public Set<String> verified(CycleRef cycle, Map<String, String> sealDetails) {
        return new TreeSet<>(counted(cycle, sealDetails));
    }

    /**
     * The role of each signature that counts on the cycle's sealed manifest, one per distinct key (for
     * the role of its first signature that verifies), in the manifest's order: what {@code verify}
     * judges a signing policy by ({@link SigningThreshold}).
     *
     * @param sealDetails the details of the cycle's {@code MANIFEST_SEALED} event
     * @return empty when nothing verifies
     */
    public List<String> counted(CycleRef cycle, Map<String, String> sealDetails) {
        return count(cycle, sealDetails).roles();
    }

    /**
     * The signatures that count ({@link #counted}), and why none can when the manifest file is not the
     * sealed one.
     *
     * @param roles   the role of each signature that counts, one per distinct key
     * @param refused why {@code verify} refuses the cycle for its manifest file, naming it (then {@code roles}
     *                is empty); empty when the file is the sealed manifest
     */
    public record Count(List<String> roles, Optional<String> refused) {
        public Count {
            roles = List.copyOf(roles);
            Objects.requireNonNull(refused, "refused");
        }

        /** Nothing examined: no signature counts, and nothing is said of the manifest. */
        public static final Count NONE = new Count(List.of(), Optional.empty());

        private static Count refused(String why) {
            return new Count(List.of(), Optional.of(why));
        }
    }

    /**
     * {@link #counted}, with why no signature can count when the cycle's manifest file is missing, does not
     * read, or is not the manifest its {@code MANIFEST_SEALED} event recorded: the states {@code verify}
     * refuses for the manifest (MANIFEST_INVALID, SEAL_EVENT_MISMATCH), whatever its signatures.
     *
     * @param sealDetails the details of the cycle's {@code MANIFEST_SEALED} event
     * @return never {@code null}
     */
    public Count count(CycleRef cycle, Map<String, String> sealDetails) {
        return reading(cycle, sealDetails).count();
    }

    /**
     * The sealed manifest read, with the signatures that count on it; no manifest when it is not the sealed one
     * (then the count says why).
     */
    private record Reading(Optional<HandoffManifest> manifest, Count count) {
        static Reading refused(String why) {
            return new Reading(Optional.empty(), Count.refused(why));
        }
    }

    private Reading reading(CycleRef cycle, Map<String, String> sealDetails) {
        String path = layout.manifest(cycle);
        HandoffManifest manifest;
        Path file;
        try {
            file = SafePaths.resolve(workspace, path);
        } catch (PlanningException e) {
            return Reading.refused("the manifest path " + path + " is not inside the workspace: " + e.getMessage());
        }
        // A manifest that cannot be examined is refused, naming it, not counted as signed by no one.
        if (!DirectoryEntries.isRegularFile(workspace, file, "its signatures cannot be counted without it")) {
            return Reading.refused(path + " is missing (or not a regular file): the sealed manifest must be restored"
                    + " before any signature counts");
        }
        byte[] bytes;
        try {
            // Larger than any manifest read: not the sealed one (read, it would only fill the memory).
            if (Files.size(file) > YamlDocuments.MAX_BYTES) {
                return Reading.refused(replaced(path, "it is larger than any manifest"));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            // A manifest the user may not read reaches no count: refused, naming it, never "signed by no one".
            throw DirectoryEntries.cannotRead(workspace, file, "its signatures cannot be counted without it", e);
        }
        try {
            manifest = reader.parse(bytes, path).manifest();
        } catch (PlanningException | UncheckedIOException | IllegalArgumentException e) {
            return Reading.refused(replaced(path, "it does not read as a manifest"));
        }
        boolean sealedOne = manifest.manifestId().equals(sealDetails.get("manifest_id"))
                && manifest.stream().equals(cycle.stream()) && manifest.cycleId().equals(cycle.cycleId())
                && Sha256.hex(ManifestWriter.render(SealEventCheck.unsigned(manifest)))
                        .equals(sealDetails.get("manifest_sha256"));
        if (!sealedOne) {
            return Reading.refused(replaced(path, "it was replaced or rewritten since the seal"));
        }
        // The sealed one, and yet verify refuses it when it replaced another signed handoff of the cycle in HEAD's
        // history (attack32), whatever its signatures: it counts none here either (attack34: its event log put back
        // with it, every role read as signed and nothing as pending).
        Optional<Discrepancy> overwrote = ReplacedManifests.check(workspace, reader, manifest, path, path, trust);
        if (overwrote.isPresent()) {
            return Reading.refused("verify refuses " + path + " (MANIFEST_INVALID) whatever its signatures, and no"
                    + " signature on it counts: " + overwrote.get().message());
        }
        List<String> roles = new ArrayList<>();
        // A key counts once, by identity, for the role of its first signature that verifies, as in
        // ManifestVerifier: a key trusted for two roles that signed as both is one signer, not two roles.
        Set<String> signers = new HashSet<>();
        for (ManifestSignature signature : manifest.signatures()) {
            List<TrustedKey> keys = trust.withKeyId(signature.keyId());
            if (ManifestSignatures.check(manifest, signature, keys) == ManifestSignatures.Check.VALID
                    && signers.add(Crypto.identity(keys.get(0).publicKey()))) {
                roles.add(signature.role());
            }
        }
        return new Reading(Optional.of(manifest), new Count(roles, Optional.empty()));
    }

    /**
     * The signatures that count on a sealed cycle's manifest, and the signing policy of the rulebook the manifest
     * was sealed under (its {@code rulebook_hash}), which decides the roles that must sign: the rulebook in hand's
     * when it is that one, else the rulebook committed at the manifest's {@code snapshot_rev} whose hash is the
     * sealed one ({@link SealedRulebooks}, as {@code verify} holds a prior of the chain). When neither can be
     * established, no policy, and why ({@code policyUnknown}): the roles it requires are then not told.
     *
     * @param count         the signatures that count ({@link SignedRoles#count})
     * @param policy        the sealed rulebook's signing policy; empty when the manifest is refused or that
     *                      rulebook cannot be established
     * @param policyUnknown why the sealed rulebook's policy cannot be established; empty otherwise
     */
    public record Sealed(Count count, Optional<SigningPolicy> policy, Optional<String> policyUnknown) {
        public Sealed {
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(policyUnknown, "policyUnknown");
        }
    }

    /**
     * Counts under the rulebooks manifests were sealed under, for one question: each rulebook read from git at
     * most once ({@link SealedRulebooks}). Not thread-safe.
     */
    public final class UnderSealedRulebooks {
        private final SealedRulebooks rulebooks;

        private UnderSealedRulebooks(Rulebook inHand) {
            this.rulebooks = new SealedRulebooks(workspace, layout, inHand);
        }

        /**
         * The cycle's signatures that count and the signing policy of the rulebook its manifest was sealed under.
         *
         * @param sealDetails the details of the cycle's {@code MANIFEST_SEALED} event
         */
        public Sealed count(CycleRef cycle, Map<String, String> sealDetails) {
            Reading reading = reading(cycle, sealDetails);
            if (reading.manifest().isEmpty()) {
                return new Sealed(reading.count(), Optional.empty(), Optional.empty());
            }
            SealedRulebooks.Judged judged = rulebooks.policyOf(reading.manifest().get());
            return judged.policy().isPresent() ? new Sealed(reading.count(), judged.policy(), Optional.empty())
                    : new Sealed(reading.count(), Optional.empty(), Optional.of("the handoff " + judged.why()
                            + " (expected " + judged.expected() + ", found " + judged.actual() + "): the roles it"
                            + " requires cannot be told, and none is guessed from the rulebook in hand; verify"
                            + " refuses it (RULEBOOK_CHANGED)"));
        }
    }

    /** Counts under the rulebooks the manifests were sealed under, {@code inHand} the rulebook in hand. */
    public UnderSealedRulebooks underSealedRulebooks(Rulebook inHand) {
        return new UnderSealedRulebooks(Objects.requireNonNull(inHand, "inHand"));
    }

    private static String replaced(String path, String why) {
        return path + " is not the manifest MANIFEST_SEALED recorded (" + why + "): verify refuses it whatever its"
                + " signatures, and no signature on it counts; restore the sealed manifest";
    }
}
