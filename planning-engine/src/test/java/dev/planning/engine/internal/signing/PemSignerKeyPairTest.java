package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.SignatureAlgorithm;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * keys27: a signer made from a key pair in memory ({@code new PemSigner(role, pair)}) took the pair as
 * it stood, while a key file's pair is checked when read ({@link PemKeys}, {@link PrivateNumbers}): a
 * pair whose public half is another key's signed under a key id no signature of it verifies against,
 * and a private key with numbers out of range reached the signature provider. Each is now refused when
 * the signer is made, naming the role and what is wrong, with none of the key's numbers in the message.
 */
class PemSignerKeyPairTest {

    private static InvalidInputException refusal(KeyPair pair) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> new PemSigner("QA", pair));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.location()).isEmpty();
        assertThat(e.getMessage()).startsWith("the key of role QA ").doesNotContain("\n")
                .doesNotContain("Exception").doesNotContain("java.").doesNotContain("org.");
        return e;
    }

    /** None of the private key's numbers (but tiny ones, as the "0" the message names), nor its encoding, is in the message. */
    private static void assertNoKeyMaterial(InvalidInputException e, PrivateKey key, BigInteger... numbers) {
        for (BigInteger n : numbers) {
            if (n.bitLength() < 16) {
                continue;
            }
            assertThat(e.getMessage()).doesNotContain(n.toString()).doesNotContain(n.toString(16));
        }
        if (key.getEncoded() != null) {
            assertThat(e.getMessage()).doesNotContain(Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 16));
        }
    }

    @Test
    void aPairWhosePublicKeyIsAnotherKeysIsRefused() {
        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {SignatureAlgorithm.ED25519,
            SignatureAlgorithm.ECDSA_P256_SHA256}) {
            KeyPair own = Crypto.generate(algorithm);
            KeyPair other = Crypto.generate(algorithm);

            InvalidInputException e = refusal(new KeyPair(other.getPublic(), own.getPrivate()));

            assertThat(e.getMessage()).as(algorithm.id())
                    .contains("its public key is not the public key of its private key");
            assertNoKeyMaterial(e, own.getPrivate());
        }
    }

    @Test
    void aPairOfTwoAlgorithmsIsRefused() {
        KeyPair ed = Crypto.generate(SignatureAlgorithm.ED25519);
        KeyPair ec = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

        assertThat(refusal(new KeyPair(ed.getPublic(), ec.getPrivate())).getMessage())
                .contains("its public key is not the public key of its private key");
        assertThat(refusal(new KeyPair(ec.getPublic(), TestKeys.rsa().getPrivate())).getMessage())
                .contains("its public key is not the public key of its private key");
    }

    @Test
    void anRsaPrivateKeyWhoseNumbersDoNotBelongTogetherIsRefused() throws Exception {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) TestKeys.rsa().getPrivate();
        BigInteger d = k.getPrivateExponent().add(BigInteger.TWO);
        PrivateKey edited = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
                k.getPublicExponent(), d, k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(),
                k.getPrimeExponentQ(), k.getCrtCoefficient()));

        InvalidInputException e = refusal(new KeyPair(TestKeys.rsa().getPublic(), edited));

        assertThat(e.getMessage()).contains("its private exponent is not the inverse of its public exponent");
        assertNoKeyMaterial(e, edited, d, k.getPrimeP(), k.getPrimeQ(), k.getModulus());
    }

    @Test
    void anRsaPrivateKeyWithoutItsPrimesIsRefused() throws Exception {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) TestKeys.rsa().getPrivate();
        PrivateKey bare = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(k.getModulus(),
                k.getPrivateExponent()));

        InvalidInputException e = refusal(new KeyPair(TestKeys.rsa().getPublic(), bare));

        assertThat(e.getMessage()).contains("without its primes and CRT values");
        assertNoKeyMaterial(e, bare, k.getPrivateExponent(), k.getModulus());
    }

    @Test
    void anEcPrivateValueOutOfRangeIsRefused() throws Exception {
        KeyPair own = Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        ECPrivateKey key = (ECPrivateKey) own.getPrivate();
        BigInteger order = key.getParams().getOrder();
        for (BigInteger s : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.negate(), order, order.add(key.getS())}) {
            PrivateKey outOfRange = new Scalar(s, key.getParams());

            InvalidInputException e = refusal(new KeyPair(own.getPublic(), outOfRange));

            assertThat(e.getMessage()).as(s.signum() == 0 ? "0" : "order or more").contains("its private value");
            assertNoKeyMaterial(e, outOfRange, s, key.getS());
        }
    }

    /** An EC private key of any value, as a key store or an embedder's own code may hand one over. */
    private record Scalar(BigInteger getS, ECParameterSpec getParams) implements ECPrivateKey {
        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    @Test
    void pairsThatBelongTogetherMakeSignersOfEachAlgorithm() throws Exception {
        assertThat(new PemSigner("QA", Crypto.generate(SignatureAlgorithm.ED25519)).algorithm())
                .isEqualTo(SignatureAlgorithm.ED25519);
        assertThat(new PemSigner("QA", Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256)).algorithm())
                .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(new PemSigner("QA", TestKeys.rsa()).algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
    }
}
