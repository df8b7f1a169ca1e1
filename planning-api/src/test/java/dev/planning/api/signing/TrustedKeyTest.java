package dev.planning.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TrustedKeyTest {

    /** An Ed25519 public key and its fingerprint, both from openssl ({@code pkey -pubout -outform DER | sha256sum}). */
    private static final String OPENSSL_SPKI = "MCowBQYDK2VwAyEAj/bULgZPXjniC1zqmzbgJBUrblGmmiyKngNdFqhvogw=";
    private static final String OPENSSL_KEY_ID = "31b637fdc69684f692dc8f5df00b02e1c67891b9e3c4bbf34466a0bacd748e0f";

    @Test
    void theKeyIdIsTheSha256OfTheSubjectPublicKeyInfoAsOpensslComputesIt() throws GeneralSecurityException {
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(OPENSSL_SPKI)));

        assertThat(TrustedKey.keyIdOf(key)).isEqualTo(OPENSSL_KEY_ID);
        assertThat(new TrustedKey("QA", OPENSSL_KEY_ID, SignatureAlgorithm.ED25519, key).keyId())
                .isEqualTo(OPENSSL_KEY_ID);
    }

    @Test
    void refusesAKeyFiledUnderAnotherKeysId() throws GeneralSecurityException {
        PublicKey techLead = ecKey();
        String auditorId = TrustedKey.keyIdOf(ecKey());

        assertThatThrownBy(() -> new TrustedKey("QA", auditorId, SignatureAlgorithm.ECDSA_P256_SHA256, techLead))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("key id '" + auditorId + "' of role QA is not the fingerprint of its public key,"
                        + " which is " + TrustedKey.keyIdOf(techLead));
    }

    @Test
    void refusesItsOwnIdInUpperCaseOrAsAnyOtherText() throws GeneralSecurityException {
        PublicKey key = ecKey();
        String id = TrustedKey.keyIdOf(key);

        for (String other : new String[] {id.toUpperCase(Locale.ROOT), id.substring(1), "", "unknown\n"}) {
            assertThatThrownBy(() -> new TrustedKey("QA", other, SignatureAlgorithm.ECDSA_P256_SHA256, key))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not the fingerprint")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void refusesAKeyWithoutAnEncoding() {
        PublicKey opaque = new PublicKey() {
            private static final long serialVersionUID = 1L;

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
        };

        assertThatThrownBy(() -> new TrustedKey("QA", OPENSSL_KEY_ID, SignatureAlgorithm.ECDSA_P256_SHA256, opaque))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no encoding");
    }

    /**
     * Eighth review: an embedder declares the algorithm beside the key, and the declaration was taken
     * as given. An Ed25519 key declared RSA-SHA256 (or any mismatch) never verified a signature, so
     * the keyholder's signatures were all {@code SIGNATURE_INVALID}, a failure that names the
     * signatures rather than the trust entry that caused it.
     */
    @Test
    void refusesAnAlgorithmThatIsNotTheKeys() throws GeneralSecurityException {
        PublicKey ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        PublicKey ec = ecKey();

        assertThatThrownBy(() -> new TrustedKey("QA", TrustedKey.keyIdOf(ed25519), SignatureAlgorithm.RSA_SHA256, ed25519))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("algorithm RSA-SHA256 of role QA is not its public key's, which is Ed25519");
        assertThatThrownBy(() -> new TrustedKey("QA", TrustedKey.keyIdOf(ec), SignatureAlgorithm.ED25519, ec))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("algorithm Ed25519 of role QA is not its public key's, which is ECDSA-P256-SHA256");
    }

    /**
     * Keys no manifest signature may use: EC on another curve than P-256 (a P-384 key declared
     * ECDSA-P256-SHA256 verified SHA256withECDSA signatures, judged high-S against P-256's order),
     * Ed448, DSA, and RSA keys under 2048 bits (a 1024-bit modulus is within reach of a well-funded
     * factoring effort; a 512-bit one of anyone's: every signature it "made" would count).
     */
    @Test
    void refusesKeysOfOtherCurvesTypesAndRsaKeysUnder2048Bits() throws GeneralSecurityException {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(384);
        PublicKey ec384 = p384.generateKeyPair().getPublic();
        PublicKey ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
        PublicKey dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair().getPublic();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        PublicKey rsa1024 = rsa.generateKeyPair().getPublic();

        assertThatThrownBy(() -> new TrustedKey("QA", TrustedKey.keyIdOf(ec384), SignatureAlgorithm.ECDSA_P256_SHA256,
                ec384)).isInstanceOf(InvalidInputException.class).hasMessageContaining("P-256");
        assertThatThrownBy(() -> new TrustedKey("QA", TrustedKey.keyIdOf(ed448), SignatureAlgorithm.ED25519, ed448))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unsupported key type");
        assertThatThrownBy(() -> new TrustedKey("QA", TrustedKey.keyIdOf(dsa), SignatureAlgorithm.RSA_SHA256, dsa))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unsupported key type");
        assertThatThrownBy(() -> new TrustedKey("QA", TrustedKey.keyIdOf(rsa1024), SignatureAlgorithm.RSA_SHA256,
                rsa1024)).isInstanceOf(InvalidInputException.class).hasMessageContaining("1024 bits")
                .hasMessageContaining("at least 2048");
    }

    @Test
    void acceptsEachSupportedAlgorithmWithItsOwnKey() throws GeneralSecurityException {
        PublicKey ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        PublicKey ec = ecKey();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PublicKey rsa2048 = rsa.generateKeyPair().getPublic();

        assertThat(new TrustedKey("QA", TrustedKey.keyIdOf(ed25519), SignatureAlgorithm.ED25519, ed25519).algorithm())
                .isEqualTo(SignatureAlgorithm.ED25519);
        assertThat(new TrustedKey("QA", TrustedKey.keyIdOf(ec), SignatureAlgorithm.ECDSA_P256_SHA256, ec).algorithm())
                .isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertThat(new TrustedKey("QA", TrustedKey.keyIdOf(rsa2048), SignatureAlgorithm.RSA_SHA256, rsa2048).algorithm())
                .isEqualTo(SignatureAlgorithm.RSA_SHA256);
    }

    private static PublicKey ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPublic();
    }

    /** review24: a public key of the given curve parameters and point, as a provider of one's own could make it. */
    private static ECPublicKey ecKeyWith(ECParameterSpec params,
            ECPoint w, byte[] encoded) {
        return new ECPublicKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public ECPoint getW() {
                return w;
            }

            @Override
            public ECParameterSpec getParams() {
                return params;
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                return encoded.clone();
            }
        };
    }

    /**
     * review24: {@code TrustedKey}, the path of keys built in code, judged P-256 by its order alone, while every key
     * read from a file meets the whole domain (seal24's {@code KeyAllowList}): explicit parameters of another curve
     * with P-256's order were trusted as P-256. A JDK P-256 key and the same parameters rebuilt still are.
     */
    @Test
    void anEcKeyIsTrustedOnlyOnP256sWholeDomainNotItsOrderAlone() throws GeneralSecurityException {
        ECPublicKey p256 = (ECPublicKey) ecKey();
        ECParameterSpec params = p256.getParams();
        EllipticCurve curve = params.getCurve();
        ECParameterSpec otherCurve = new ECParameterSpec(
                new EllipticCurve(curve.getField(), curve.getA(), curve.getB().add(BigInteger.ONE)),
                params.getGenerator(), params.getOrder(), params.getCofactor());
        ECParameterSpec otherGenerator = new ECParameterSpec(curve,
                p256.getW(), params.getOrder(), params.getCofactor());
        ECParameterSpec rebuilt = new ECParameterSpec(
                new EllipticCurve(curve.getField(), curve.getA(), curve.getB()),
                params.getGenerator(), params.getOrder(), params.getCofactor());

        for (ECParameterSpec notP256 : List.of(otherCurve, otherGenerator)) {
            PublicKey key = ecKeyWith(notP256, p256.getW(), p256.getEncoded());
            assertThatThrownBy(() -> new TrustedKey("QA", TrustedKey.keyIdOf(key), SignatureAlgorithm.ECDSA_P256_SHA256,
                    key)).isInstanceOf(InvalidInputException.class).hasMessageContaining("the public key of role QA is not a key the trust model allows: an EC key whose"
                            + " curve parameters are not P-256's");
        }
        assertThat(new TrustedKey("QA", TrustedKey.keyIdOf(p256), SignatureAlgorithm.ECDSA_P256_SHA256, p256)
                .algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
        PublicKey same = ecKeyWith(rebuilt, p256.getW(), p256.getEncoded());
        assertThat(new TrustedKey("QA", TrustedKey.keyIdOf(same), SignatureAlgorithm.ECDSA_P256_SHA256, same)
                .algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
    }

    /**
     * review24: an RSA key of the right size whose public exponent is 1 (every "signature" is the padded message, so
     * anyone can make one) or even was trusted when built in code; the allow-list refuses it from a file.
     */
    @Test
    void anRsaKeyWhosePublicExponentIsNotOddAndAtLeastThreeIsNotTrusted() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPublicKey rsa = (RSAPublicKey) generator.generateKeyPair()
                .getPublic();
        for (BigInteger exponent : List.of(BigInteger.ONE, BigInteger.valueOf(4))) {
            // The JDK's provider refuses an exponent under 3 itself; one's own provider need not.
            PublicKey key = new RSAPublicKey() {
                private static final long serialVersionUID = 1L;

                @Override
                public BigInteger getPublicExponent() {
                    return exponent;
                }

                @Override
                public BigInteger getModulus() {
                    return rsa.getModulus();
                }

                @Override
                public String getAlgorithm() {
                    return "RSA";
                }

                @Override
                public String getFormat() {
                    return "X.509";
                }

                @Override
                public byte[] getEncoded() {
                    return exponent.toByteArray();
                }
            };
            assertThatThrownBy(() -> new TrustedKey("QA", TrustedKey.keyIdOf(key), SignatureAlgorithm.RSA_SHA256, key))
                    .as("exponent " + exponent).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("an RSA key whose public exponent is " + exponent + " (not odd and at least 3)");
        }
        assertThat(new TrustedKey("QA", TrustedKey.keyIdOf(rsa), SignatureAlgorithm.RSA_SHA256, rsa).algorithm())
                .isEqualTo(SignatureAlgorithm.RSA_SHA256);
    }
}
