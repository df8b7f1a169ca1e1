package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * Generates a role's key pair as files: {@code DIR/<role>.key.pem} (private, owner-only),
 * {@code DIR/<role>.pub.pem}, and the public key added under its role to {@code DIR/trust.yaml}.
 *
 * <pre>{@code
 * GeneratedKey qa = KeyFiles.generate("QA", SignatureAlgorithm.ED25519, Path.of("keys"));
 * Signer signer = PemSigner.load("QA", qa.privateKey());
 * }</pre>
 */
public final class KeyFiles {

    /** The trust file's name in a key directory. */
    public static final String TRUST_FILE = "trust.yaml";

    private KeyFiles() {
    }

    /**
     * Generates and writes a key pair for a role. Existing key files are never overwritten.
     *
     * @return what it wrote, as {@link dev.planning.api.signing.Keys#generate} returns it
     * @throws dev.planning.api.InvalidInputException when the role is malformed, a key file exists or the
     *         directory's trust file does not read (then nothing is written)
     */
    public static GeneratedKey generate(String role, SignatureAlgorithm algorithm, Path directory) {
        Roles.require(role);
        Path privateFile = directory.resolve(role + ".key.pem");
        Path publicFile = directory.resolve(role + ".pub.pem");
        // Checked up front so that an existing public key does not leave a new private key behind.
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file)) {
                throw new InvalidInputException("key file already exists and is never overwritten;"
                        + " choose another --out or remove it", SourceLocation.ofFile(file.toString()));
            }
        }
        Path trust = directory.resolve(TRUST_FILE);
        if (Files.exists(trust, LinkOption.NOFOLLOW_LINKS)) {
            // A trust file the key cannot be added to is refused before any key file is written, with its
            // errors at the path as given (the locked add below reads it again, by its absolute path).
            TrustFile.read(trust);
        }
        KeyPair pair = Crypto.generate(algorithm);
        PemKeys.writePrivateKey(privateFile, pair.getPrivate());
        PemKeys.writePublicKey(publicFile, pair.getPublic());
        String keyId = Crypto.keyId(pair.getPublic());
        TrustFile.add(trust, new TrustedKey(role, keyId, algorithm, pair.getPublic()));
        return new GeneratedKey(role, keyId, algorithm, privateFile, publicFile, trust);
    }
}
