package dev.planning.engine.internal.signing;

import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * A fixed RSA-3072 key pair for tests whose subject is not key generation. Generating one costs
 * seconds of CPU in a test JVM (the forks of the fast set stop at the C1 compiler, which lacks
 * {@code BigInteger}'s multiply intrinsics); this one is read from
 * {@code test-keys/rsa-3072.pem}, written once with
 * {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072}. A test key only: it signs
 * nothing outside the tests. The tests of RSA generation itself ({@code KeysAndTrustTest},
 * {@code JdkKeysInteropTest}, the CLI's {@code SealingCommandsTest}) still generate theirs, tagged
 * {@code slow} and {@code keys}: the full build runs them, the fast set does not.
 */
public final class TestKeys {

    private static final class Rsa {
        static final KeyPair PAIR = readResource("test-keys/rsa-3072.pem");
    }

    private TestKeys() {
    }

    /** The fixed RSA-3072 key pair, the same object on every call. */
    public static KeyPair rsa() {
        return Rsa.PAIR;
    }

    /**
     * Writes the fixed pair as {@code role}'s key files in {@code directory} and adds it to the
     * trust file there, the files {@link KeyFiles#generate} would write for a generated RSA key.
     */
    public static GeneratedKey writeRsa(String role, Path directory) {
        KeyPair pair = rsa();
        Path privateFile = directory.resolve(role + ".key.pem");
        Path publicFile = directory.resolve(role + ".pub.pem");
        PemKeys.writePrivateKey(privateFile, pair.getPrivate());
        PemKeys.writePublicKey(publicFile, pair.getPublic());
        String keyId = Crypto.keyId(pair.getPublic());
        Path trust = directory.resolve(KeyFiles.TRUST_FILE);
        TrustFile.add(trust, new TrustedKey(role, keyId, SignatureAlgorithm.RSA_SHA256, pair.getPublic()));
        return new GeneratedKey(role, keyId, SignatureAlgorithm.RSA_SHA256, privateFile, publicFile, trust);
    }

    /**
     * The key read from the resource through a temporary file of its own (owner-only, deleted at
     * once): in the full build the CLI's tests read it from the engine's test jar, where it is no file.
     */
    private static KeyPair readResource(String name) {
        try (InputStream in = TestKeys.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + name);
            }
            Path file = Files.createTempFile("planning-test-key", ".pem");
            try {
                Files.write(file, in.readAllBytes());
                return PemKeys.readPrivateKey(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
