package dev.planning.examples;

import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import dev.planning.testkit.signing.SignerContract;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * docs28: the KMS signer of {@link Signer}'s Javadoc, a tagged region here, meets {@link SignerContract}: a KMS's
 * ECDSA signing is handed the message's SHA-256 digest (as a cloud KMS's asymmetric sign is), and what comes back
 * verifies over the message itself with {@code SHA256withECDSA}, as verification will check it. The stand-in KMS
 * signs the digest as it is ({@code NONEwithECDSA}) with a P-256 key that never leaves it.
 */
class SignerExampleTest extends SignerContract {

    private static final KeyPair KEY = p256();

    private final Kms kms = new Kms();
    private final String keyName = "planning-qa";
    private final String fingerprintOfPublicKey = TrustedKey.keyIdOf(KEY.getPublic());

    // tag::kmssigner[]
    final class KmsSigner implements Signer {
        public String role() { return "QA"; }
        public String keyId() { return fingerprintOfPublicKey; }   // lower-case hex SHA-256 of the SubjectPublicKeyInfo DER
        public SignatureAlgorithm algorithm() { return SignatureAlgorithm.ECDSA_P256_SHA256; }
        public byte[] sign(byte[] message) { return kms.asymmetricSign(keyName, sha256(message)); }
    }
    // end::kmssigner[]

    @Override
    protected Signer newSigner() {
        return new KmsSigner();
    }

    @Override
    protected PublicKey publicKey(Signer signer) {
        return KEY.getPublic();
    }

    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A KMS holding one named key: it signs a digest it is given, as it is. */
    static final class Kms {
        byte[] asymmetricSign(String keyName, byte[] digest) {
            if (!keyName.equals("planning-qa")) {
                throw new IllegalArgumentException("no key " + keyName);
            }
            try {
                Signature signature = Signature.getInstance("NONEwithECDSA");
                signature.initSign(KEY.getPrivate());
                signature.update(digest);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
