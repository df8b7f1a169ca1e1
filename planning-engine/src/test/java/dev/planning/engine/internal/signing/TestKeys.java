package dev.planning.engine.internal.signing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * A fixed RSA-3072 key pair for tests whose subject is not key generation. Generating one costs
 * seconds of CPU in a test JVM (the forks of the fast set stop at the C1 compiler, which lacks
 * {@code BigInteger}'s multiply intrinsics); this one is read from
 * {@code test-keys/rsa-3072.pem}, written once with
 * {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072}. A test key only: it signs
 * nothing outside the tests. The tests of generation itself ({@code KeysAndTrustTest},
 * {@code JdkKeysInteropTest}) still generate theirs.
 */
public final class TestKeys {

    private static final class Rsa {
        static final KeyPair PAIR = PemKeys.readPrivateKey(resource("test-keys/rsa-3072.pem"));
    }

    private TestKeys() {
    }

    /** The fixed RSA-3072 key pair, the same object on every call. */
    public static KeyPair rsa() {
        return Rsa.PAIR;
    }

    private static Path resource(String name) {
        URL url = TestKeys.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource missing: " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
