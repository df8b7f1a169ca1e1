package dev.planning.engine.internal.signing;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

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
        String keyId = Crypto.keyId(pair.getPublic());
        List<Path> written = new ArrayList<>(2);
        try {
            PemKeys.writePrivateKey(privateFile, pair.getPrivate());
            written.add(privateFile);
            PemKeys.writePublicKey(publicFile, pair.getPublic());
            written.add(publicFile);
            TrustFile.add(trust, new TrustedKey(role, keyId, algorithm, pair.getPublic()));
        } catch (RuntimeException e) {
            // A key without its trust entry is of no use, and its files would make the next run refuse the
            // role: the files this run wrote go (the key was never used).
            for (Path file : written) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                }
            }
            throw e;
        }
        return new GeneratedKey(role, keyId, algorithm, privateFile, publicFile, trust);
    }
}
