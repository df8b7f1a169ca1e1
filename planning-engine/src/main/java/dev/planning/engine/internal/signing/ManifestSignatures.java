package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Making and checking manifest signatures over the {@link CanonicalForm}.
 *
 * <pre>{@code
 * HandoffManifest signed = ManifestSignatures.append(manifest, signer, clock.instant());
 * ManifestSignatures.Check check = ManifestSignatures.check(signed, signed.signatures().get(0), trust);
 * }</pre>
 */
public final class ManifestSignatures {

    private ManifestSignatures() {
    }

    /** What checking one signature against trusted keys found. */
    public enum Check {
        /** Made by a key trusted for its role, and the signature verifies. */
        VALID,
        /** The key is not trusted at all. */
        UNTRUSTED,
        /** The key is trusted, but not for this role or not with this algorithm. */
        WRONG_ROLE,
        /** The signature does not verify (the manifest or the signature changed). */
        INVALID,
        /**
         * A high-S ECDSA signature {@code (r, n - s)}: the malleated twin of a valid one, which
         * never counts ({@link Crypto#isHighS}).
         */
        HIGH_S
    }

    /**
     * The manifest with one more signature by {@code signer}, made at {@code at} (to the second).
     * Nothing else changes.
     *
     * @throws InvalidInputException when the signer's key id, role or algorithm is malformed
     * @throws PlanningException     when the signer fails, or returns a signature its own key
     *                               cannot be shown to have made (checked when the key is known)
     */
    public static HandoffManifest append(HandoffManifest manifest, Signer signer, Instant at) {
        String role = Roles.require(signer.role());
        String keyId = Objects.requireNonNull(signer.keyId(), "keyId");
        if (!keyId.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException("signer key id '" + keyId + "' is not a lower-case hex SHA-256");
        }
        SignatureAlgorithm algorithm = Objects.requireNonNull(signer.algorithm(), "algorithm");
        Instant signedAt = at.truncatedTo(ChronoUnit.SECONDS);
        byte[] input = CanonicalForm.signingInput(manifest, role, keyId, algorithm.id(), signedAt);
        byte[] value = signer.sign(input);
        if (value == null || value.length == 0) {
            throw new PlanningException("signer for role " + role + " returned no signature");
        }
        if (algorithm == SignatureAlgorithm.ECDSA_P256_SHA256) {
            // Only low-S signatures count (Crypto.isHighS); an HSM or KMS may return either twin.
            value = Crypto.lowS(value);
        }
        if (signer instanceof PemSigner pem && !Crypto.verify(algorithm, pem.publicKey(), input, value)) {
            throw new PlanningException("the signature made for role " + role + " does not verify with its own key");
        }
        List<ManifestSignature> signatures = new ArrayList<>(manifest.signatures());
        signatures.add(new ManifestSignature(role, keyId, algorithm.id(), Base64.getEncoder().encodeToString(value),
                signedAt));
        return new HandoffManifest(manifest.version(), manifest.manifestId(), manifest.cycleId(), manifest.stream(),
                manifest.sealed(), manifest.createdAt(), manifest.createdBy(), manifest.sealedAt(),
                manifest.snapshotRev(), manifest.dirty(), manifest.rulebookHash(), manifest.eventLogHead(), manifest.artifacts(),
                manifest.gateResults(), manifest.governance(), manifest.priorManifestId(), manifest.notes(), signatures);
    }

    /**
     * Checks one signature of a manifest against the keys trusted for its role.
     *
     * @param trusted the trust entries of the signature's key id (any role)
     */
    public static Check check(HandoffManifest manifest, ManifestSignature signature, List<TrustedKey> trusted) {
        return check(signature, trusted, () -> CanonicalForm.signingInput(manifest, signature));
    }

    /**
     * Checks one signature against the keys trusted for its role, over its signing input as the caller
     * has it: {@link CanonicalForm#signingInput} of the signature's manifest, computed now or kept with
     * the manifest's parse for exactly its bytes. The signature itself is verified every time.
     *
     * @param trusted      the trust entries of the signature's key id (any role)
     * @param signingInput the signature's signing input, asked for only when a key can check it
     */
    public static Check check(ManifestSignature signature, List<TrustedKey> trusted, Supplier<byte[]> signingInput) {
        if (trusted.isEmpty()) {
            return Check.UNTRUSTED;
        }
        TrustedKey key = trusted.stream()
                .filter(k -> k.role().equals(signature.role()) && k.algorithm().id().equals(signature.algorithm()))
                .findFirst().orElse(null);
        if (key == null) {
            return Check.WRONG_ROLE;
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(signature.value());
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        // Base64 ignores the unused low bits of a padded last character, so two texts decode to the
        // same signature: accept only the canonical text, or a changed manifest byte would go unseen.
        if (!Base64.getEncoder().encodeToString(value).equals(signature.value())) {
            return Check.INVALID;
        }
        if (key.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256 && Crypto.isHighS(value)) {
            return Check.HIGH_S;
        }
        return Crypto.verify(key.algorithm(), key.publicKey(), signingInput.get(), value)
                ? Check.VALID : Check.INVALID;
    }
}
