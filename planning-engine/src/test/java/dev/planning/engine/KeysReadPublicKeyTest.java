package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Keys#readPublicKey}: a public key file as a key trusted in code, the same as a trust file lists it. */
class KeysReadPublicKeyTest {

    private static final Keys KEYS = Planning.keys();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ED25519", "ECDSA_P256_SHA256"})
    void aGeneratedPublicKeyReadsAsTheKeyItsTrustFileLists(SignatureAlgorithm algorithm) {
        GeneratedKey generated = KEYS.generate("QA", algorithm, dir.resolve("keys"));

        TrustedKey key = KEYS.readPublicKey("QA", generated.publicKey());

        assertThat(key).isEqualTo(KEYS.readTrustFile(generated.trustFile()).keys().get(0));
        assertThat(key.keyId()).isEqualTo(generated.keyId());
        assertThat(key.algorithm()).isEqualTo(algorithm);
    }

    @Test
    void theRoleIsTheCallersNotTheFiles() {
        GeneratedKey generated = KEYS.generate("QA", SignatureAlgorithm.ED25519, dir);

        assertThat(KEYS.readPublicKey("PM", generated.publicKey()).role()).isEqualTo("PM");
        assertThatThrownBy(() -> KEYS.readPublicKey("not a role", generated.publicKey()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aPrivateKeyATrustFileOrNoFileIsRefused() throws Exception {
        GeneratedKey generated = KEYS.generate("QA", SignatureAlgorithm.ED25519, dir);
        Path text = Files.writeString(dir.resolve("key.pem"), "not a key\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> KEYS.readPublicKey("QA", generated.privateKey()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("PUBLIC KEY");
        for (Path file : new Path[] {generated.trustFile(), text, dir.resolve("missing.pub.pem")}) {
            assertThatThrownBy(() -> KEYS.readPublicKey("QA", file)).as(file.toString())
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void withTheWorkspaceAFileInsideItIsRefusedAndOneOutsideRead() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        GeneratedKey outside = KEYS.generate("QA", SignatureAlgorithm.ED25519, dir.resolve("keys"));
        Path inside = Files.copy(outside.publicKey(), workspace.resolve("QA.pub.pem"));

        assertThatThrownBy(() -> KEYS.readPublicKey("QA", inside, workspace))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("inside the workspace");
        assertThat(KEYS.readPublicKey("QA", outside.publicKey(), workspace).keyId()).isEqualTo(outside.keyId());
    }

    @Test
    void nullArgumentsAreNamed() {
        Path file = dir.resolve("QA.pub.pem");
        assertThatThrownBy(() -> KEYS.readPublicKey(null, file)).hasMessage("role");
        assertThatThrownBy(() -> KEYS.readPublicKey("QA", null)).hasMessage("publicKeyFile");
        assertThatThrownBy(() -> KEYS.readPublicKey("QA", file, null)).hasMessage("workspace");
    }
}
