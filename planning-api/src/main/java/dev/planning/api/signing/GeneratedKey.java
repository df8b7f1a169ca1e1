package dev.planning.api.signing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A key pair written by {@link Keys#generate}: the private key (owner-only permissions where the
 * file system has them), its public key, and the trust file it was added to.
 *
 * @param role       the role the key signs for, e.g. {@code QA}
 * @param keyId      the key's id, as written in signatures and the trust file
 * @param algorithm  its algorithm
 * @param privateKey {@code ROLE.key.pem}, to keep secret
 * @param publicKey  {@code ROLE.pub.pem}
 * @param trustFile  {@code trust.yaml} in the same directory, listing the public key under the role
 * @param warnings   what went wrong after the key was installed and changes nothing written (the trust
 *                   file's lock could not be released); empty when nothing did
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GeneratedKey(String role, String keyId, SignatureAlgorithm algorithm, Path privateKey, Path publicKey,
        Path trustFile, List<String> warnings) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param role the role the key signs for, e.g. {@code QA}
     * @param keyId the key's id, as written in signatures and the trust file
     * @param algorithm its algorithm
     * @param privateKey {@code ROLE.key.pem}, to keep secret
     * @param publicKey {@code ROLE.pub.pem}
     * @param trustFile {@code trust.yaml} in the same directory, listing the public key under the role
     * @param warnings what went wrong after the key was installed, changing nothing written
     */
    public GeneratedKey {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(trustFile, "trustFile");
        warnings = List.copyOf(warnings);
    }

    /**
     * A key installed without a warning.
     *
     * @param role the role the key signs for, e.g. {@code QA}
     * @param keyId the key's id, as written in signatures and the trust file
     * @param algorithm its algorithm
     * @param privateKey {@code ROLE.key.pem}, to keep secret
     * @param publicKey {@code ROLE.pub.pem}
     * @param trustFile {@code trust.yaml} in the same directory, listing the public key under the role
     */
    public GeneratedKey(String role, String keyId, SignatureAlgorithm algorithm, Path privateKey, Path publicKey,
            Path trustFile) {
        this(role, keyId, algorithm, privateKey, publicKey, trustFile, List.of());
    }

    /**
     * This key with one more warning.
     *
     * @param warning what went wrong after the key was installed
     * @return the key, warned
     */
    public GeneratedKey withWarning(String warning) {
        Objects.requireNonNull(warning, "warning");
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new GeneratedKey(role, keyId, algorithm, privateKey, publicKey, trustFile, more);
    }
}
