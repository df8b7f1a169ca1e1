package dev.planning.testkit.signing;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.planning.api.signing.Roles;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Signer} implementation must meet, as a JUnit 5 test class to extend:
 * an implementer (of a signer backed by an HSM, a cloud KMS, or a key the application holds)
 * subclasses it, supplies the signer and the public key a trust file would list for it, and each
 * test checks one promise of the SPI with the JDK's own verifier, as verification will.
 *
 * <pre>{@code
 * class KmsSignerContractTest extends SignerContract {
 *     @Override
 *     protected Signer newSigner() {
 *         return new KmsSigner("QA", testKeyName);
 *     }
 *
 *     @Override
 *     protected PublicKey publicKey(Signer signer) {
 *         return kms.publicKey(testKeyName);
 *     }
 * }
 * }</pre>
 *
 * <p>What it checks, each in its own test: the role is a valid role name; the key id is the
 * lower-case hex SHA-256 of the public key's DER {@code SubjectPublicKeyInfo}; the algorithm is the
 * public key's (Ed25519, ECDSA on P-256, RSA); each signature verifies over the exact message
 * given, in the algorithm's encoding ({@link SignatureAlgorithm}: ECDSA DER, RSA PKCS#1 v1.5 over
 * SHA-256, pure Ed25519), for an empty, a short and a large message, and not over another
 * message; and role, key id and algorithm stay the same from call to call. ECDSA signatures may
 * be either of the two twins (high or low S): the engine keeps the low-S one.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class SignerContract {

    /**
     * The signer under test. Called once per test.
     *
     * @return never {@code null}
     */
    protected abstract Signer newSigner();

    /**
     * The public key that verifies {@code signer}'s signatures: the one a trust file lists for it.
     *
     * @param signer a signer returned by {@link #newSigner()}
     * @return never {@code null}
     */
    protected abstract PublicKey publicKey(Signer signer);

    @Test
    @DisplayName("the role is a valid role name")
    void theRoleIsAValidRoleName() {
        Signer signer = newSigner();

        assertThatCode(() -> Roles.require(signer.role())).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("the key id is the lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo")
    void theKeyIdIsTheFingerprintOfThePublicKey() throws GeneralSecurityException {
        Signer signer = newSigner();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(publicKey(signer).getEncoded()));

        assertThat(signer.keyId()).isEqualTo(expected);
    }

    @Test
    @DisplayName("the algorithm is the public key's")
    void theAlgorithmIsThePublicKeys() {
        Signer signer = newSigner();
        PublicKey key = publicKey(signer);

        assertThat(signer.algorithm()).isNotNull();
        switch (signer.algorithm()) {
            case ED25519 -> assertThat(key).isInstanceOfSatisfying(EdECPublicKey.class,
                    k -> assertThat(k.getParams().getName()).isEqualToIgnoringCase("Ed25519"));
            case ECDSA_P256_SHA256 -> assertThat(key).isInstanceOfSatisfying(ECPublicKey.class,
                    k -> assertThat(k.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
            case RSA_SHA256 -> assertThat(key).isInstanceOf(RSAPublicKey.class);
            default -> throw new AssertionError("unknown algorithm " + signer.algorithm());
        }
    }

    @Test
    @DisplayName("a signature verifies over the exact message, empty, short or large, and not over another")
    void signaturesVerifyOverTheExactMessage() throws GeneralSecurityException {
        Signer signer = newSigner();
        PublicKey key = publicKey(signer);
        byte[] large = new byte[256 * 1024];
        Arrays.fill(large, (byte) '{');
        byte[][] messages = {new byte[0],
                "{\"manifest\":{\"cycle_id\":\"2025-09-02\"},\"signature\":{\"role\":\"QA\"}}"
                        .getBytes(StandardCharsets.UTF_8),
                large};

        for (byte[] message : messages) {
            byte[] signature = signer.sign(message.clone());
            assertThat(signature).as("signature over %d bytes", message.length).isNotNull().isNotEmpty();
            assertThat(verifies(signer.algorithm(), key, message, signature))
                    .as("the signature over %d bytes verifies with the public key", message.length).isTrue();
            byte[] other = Arrays.copyOf(message, message.length + 1);
            assertThat(verifies(signer.algorithm(), key, other, signature))
                    .as("the signature over %d bytes does not verify over another message", message.length).isFalse();
        }
    }

    @Test
    @DisplayName("role, key id and algorithm stay the same from call to call")
    void itsIdentityIsStable() {
        Signer signer = newSigner();
        String role = signer.role();
        String keyId = signer.keyId();
        SignatureAlgorithm algorithm = signer.algorithm();

        signer.sign(new byte[] {1, 2, 3});

        assertThat(signer.role()).isEqualTo(role);
        assertThat(signer.keyId()).isEqualTo(keyId);
        assertThat(signer.algorithm()).isEqualTo(algorithm);
    }

    private static boolean verifies(SignatureAlgorithm algorithm, PublicKey key, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(switch (algorithm) {
            case ED25519 -> "Ed25519";
            case ECDSA_P256_SHA256 -> "SHA256withECDSA";
            case RSA_SHA256 -> "SHA256withRSA";
        });
        verifier.initVerify(key);
        verifier.update(message);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;   // not even in the algorithm's encoding
        }
    }
}
