package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.DocumentedScript.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard-tooling recipe of {@code docs/sealing.md} ("Verification summaries at VALIDATED"),
 * read out of the document and run as written by {@code bash} (jq, base64, OpenSSL) in a summarized
 * copy of the frontend example; then once more after one payload byte changed, when OpenSSL must
 * refuse the signature.
 */
@Tag("slow")
@Tag("subprocess")
class DocumentedSummaryToolingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUMMARY = "frameworks/planning-fe/evidence/2025-09-02/verification-summary.intoto.json";

    @TempDir
    Path dir;

    @Test
    void theDocumentedRecipeReadsTheStatementsAndVerifiesTheSignatureWithOpenSsl() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path keys = CycleScript.keys(home.resolve(".planning"));
        Path ws = CycleScript.committedExample(dir);
        CycleScript.toValidated(ws, keys);
        CycleScript.ok(CycleScript.cycle(ws, "attest", "--summaries", "--key", keys.resolve("QA.key.pem").toString(),
                "--trust", keys.resolve("trust.yaml").toString()));

        Run run = runRecipe(ws, home);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("\"result\": \"WARNED\"", "true", "Signature Verified Successfully");

        ObjectNode envelope = (ObjectNode) JSON.readTree(ws.resolve(SUMMARY).toFile());
        String statement = new String(Base64.getDecoder().decode(envelope.get("payload").asText()), StandardCharsets.UTF_8);
        envelope.put("payload", Base64.getEncoder().encodeToString(statement.replace("\"PASSED\"", "\"FAILED\"")
                .getBytes(StandardCharsets.UTF_8)));
        Files.write(ws.resolve(SUMMARY), JSON.writeValueAsBytes(envelope));
        Run tampered = runRecipe(ws, home);
        assertThat(tampered.exit()).as(tampered.out()).isNotZero();
        assertThat(tampered.out()).contains("true").contains("Signature Verification Failure");
    }

    private Run runRecipe(Path ws, Path home) throws Exception {
        String block = DocumentedScript.block(DocumentedScript.document("sealing.md"),
                "## Verification summaries at VALIDATED", "```sh");
        assertThat(block).contains("jq", "base64 -d", "openssl pkeyutl -verify");
        // The recipe's mktemp directory is removed by its last line, which a failing verification
        // (the tampered run) never reaches: it goes under this test's directory, not the system's.
        return DocumentedScript.run(dir, "recipe", ws, home, block,
                Map.of("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString()));
    }
}
