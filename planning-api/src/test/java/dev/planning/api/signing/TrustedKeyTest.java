package dev.planning.api.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
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

    private static PublicKey ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair().getPublic();
    }
}
