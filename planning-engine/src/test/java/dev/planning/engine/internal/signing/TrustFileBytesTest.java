package dev.planning.engine.internal.signing;

import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.engine.fixtures.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the bytes {@link TrustFile#add} writes (keys masked: they are fresh for each run). */
class TrustFileBytesTest {

    @TempDir
    Path dir;

    @Test
    void aTrustFileKeepsItsBytesWithAndWithoutASigningPolicy() throws Exception {
        PublicKey lead = ed25519();
        PublicKey qa = ed25519();
        Path file = dir.resolve("trust.yaml");
        Map<String, String> actual = new LinkedHashMap<>();

        TrustFile.add(file, new TrustedKey("lead", Crypto.keyId(lead), SignatureAlgorithm.ED25519, lead));
        actual.put("trust/new.yaml", masked(file, lead, qa));

        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8)
                + "signing:\n  required:\n    - roles: [lead]\n      min: 1\n", StandardCharsets.UTF_8);
        TrustFile.add(file, new TrustedKey("QA", Crypto.keyId(qa), SignatureAlgorithm.ED25519, qa));
        TrustFile.add(file, new TrustedKey("lead", Crypto.keyId(lead), SignatureAlgorithm.ED25519, lead));
        actual.put("trust/with-signing.yaml", masked(file, lead, qa));

        Golden.assertMatches(actual);
    }

    private static String masked(Path file, PublicKey lead, PublicKey qa) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8)
                .replace(Crypto.keyId(lead), "<lead key id>").replace(Crypto.keyId(qa), "<qa key id>")
                .replace(indented(PemKeys.publicKeyPem(lead)), "        <lead key>\n")
                .replace(indented(PemKeys.publicKeyPem(qa)), "        <qa key>\n");
    }

    /** A PEM as a literal block under {@code public_key: |} shows it, indented by eight spaces. */
    private static String indented(String pem) {
        StringBuilder out = new StringBuilder();
        pem.lines().forEach(line -> out.append("        ").append(line).append('\n'));
        return out.toString();
    }

    private static PublicKey ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    }
}
