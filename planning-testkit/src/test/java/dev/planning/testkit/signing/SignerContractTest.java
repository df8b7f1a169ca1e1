package dev.planning.testkit.signing;

import static dev.planning.testkit.ContractRuns.failures;
import static dev.planning.testkit.ContractRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/** The contract passes sound signers and fails signers that break the SPI's promises. */
class SignerContractTest {

    @Test
    void passesSoundSigners() {
        for (Class<?> contract : List.of(SoundEd25519.class, SoundEcdsa.class)) {
            Events tests = run(contract);
            assertThat(tests.failed().count()).as(contract.getSimpleName() + ": " + failures(tests)).isZero();
            assertThat(tests.succeeded().count()).isEqualTo(5);
        }
    }

    @Test
    void failsASignerThatSignsADigestOfTheMessage() {
        assertThat(failures(run(PreHashing.class))).containsExactly("signaturesVerifyOverTheExactMessage");
    }

    @Test
    void failsASignerWhoseKeyIdIsNotTheFingerprint() {
        assertThat(failures(run(UpperCaseKeyId.class))).containsExactly("theKeyIdIsTheFingerprintOfThePublicKey");
    }

    @Test
    void failsAnEcdsaSignerThatReturnsRawRAndSInsteadOfDer() {
        assertThat(failures(run(P1363Ecdsa.class))).containsExactly("signaturesVerifyOverTheExactMessage");
    }

    @Test
    void failsASignerThatNamesAnotherAlgorithmOrAnInvalidRole() {
        assertThat(failures(run(WrongAlgorithm.class))).contains("theAlgorithmIsThePublicKeys");
        assertThat(failures(run(BadRole.class))).containsExactly("theRoleIsAValidRoleName");
    }

    // Contract runs, selected explicitly above (nested classes are not picked up by Surefire).

    abstract static class KeyPairContract extends SignerContract {
        final KeyPair pair;

        KeyPairContract(String algorithm) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
                if (algorithm.equals("EC")) {
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                }
                pair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected PublicKey publicKey(Signer signer) {
            return pair.getPublic();
        }
    }

    static class SoundEd25519 extends KeyPairContract {
        SoundEd25519() {
            super("Ed25519");
        }

        @Override
        protected Signer newSigner() {
            return new JdkSigner("QA", SignatureAlgorithm.ED25519, "Ed25519", pair, false, false);
        }
    }

    static class SoundEcdsa extends KeyPairContract {
        SoundEcdsa() {
            super("EC");
        }

        @Override
        protected Signer newSigner() {
            return new JdkSigner("TechLead", SignatureAlgorithm.ECDSA_P256_SHA256, "SHA256withECDSA", pair, false, false);
        }
    }

    static class PreHashing extends KeyPairContract {
        PreHashing() {
            super("Ed25519");
        }

        @Override
        protected Signer newSigner() {
            return new JdkSigner("QA", SignatureAlgorithm.ED25519, "Ed25519", pair, true, false);
        }
    }

    static class UpperCaseKeyId extends KeyPairContract {
        UpperCaseKeyId() {
            super("Ed25519");
        }

        @Override
        protected Signer newSigner() {
            return new JdkSigner("QA", SignatureAlgorithm.ED25519, "Ed25519", pair, false, true);
        }
    }

    static class P1363Ecdsa extends KeyPairContract {
        P1363Ecdsa() {
            super("EC");
        }

        @Override
        protected Signer newSigner() {
            return new JdkSigner("QA", SignatureAlgorithm.ECDSA_P256_SHA256, "SHA256withECDSAinP1363Format", pair,
                    false, false);
        }
    }

    static class WrongAlgorithm extends KeyPairContract {
        WrongAlgorithm() {
            super("EC");
        }

        @Override
        protected Signer newSigner() {
            return new JdkSigner("QA", SignatureAlgorithm.ED25519, "SHA256withECDSA", pair, false, false);
        }
    }

    static class BadRole extends KeyPairContract {
        BadRole() {
            super("Ed25519");
        }

        @Override
        protected Signer newSigner() {
            return new JdkSigner("QA/../x", SignatureAlgorithm.ED25519, "Ed25519", pair, false, false);
        }
    }

    /** A signer on a JDK key pair, sound unless told to break one promise. */
    private record JdkSigner(String role, SignatureAlgorithm algorithm, String jdkName, KeyPair pair,
            boolean preHash, boolean upperCaseId) implements Signer {

        @Override
        public String keyId() {
            try {
                String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(pair.getPublic().getEncoded()));
                return upperCaseId ? id.toUpperCase(Locale.ROOT) : id;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance(jdkName);
                signature.initSign(pair.getPrivate());
                signature.update(preHash ? MessageDigest.getInstance("SHA-256").digest(message) : message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
