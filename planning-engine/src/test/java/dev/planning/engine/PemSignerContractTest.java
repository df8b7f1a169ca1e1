package dev.planning.engine;

import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.testkit.signing.SignerContract;
import java.nio.file.Path;
import java.security.PublicKey;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The engine's PEM-file signers meet the signer contract, with the keys their trust file lists. */
class PemSignerContractTest {

    @TempDir
    Path dir;

    abstract class PemSigners extends SignerContract {
        private final SignatureAlgorithm algorithm;

        PemSigners(SignatureAlgorithm algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        protected Signer newSigner() {
            Keys keys = Planning.keys();
            keys.generate("QA", algorithm, dir);
            return keys.pemSigner("QA", dir.resolve("QA.key.pem"));
        }

        @Override
        protected PublicKey publicKey(Signer signer) {
            TrustedKeys trust = Planning.keys().readTrustFile(dir.resolve(Keys.TRUST_FILE));
            return trust.find(signer.keyId(), signer.role()).orElseThrow().publicKey();
        }
    }

    @Nested
    class Ed25519 extends PemSigners {
        Ed25519() {
            super(SignatureAlgorithm.ED25519);
        }
    }

    @Nested
    class EcdsaP256 extends PemSigners {
        EcdsaP256() {
            super(SignatureAlgorithm.ECDSA_P256_SHA256);
        }
    }
}
