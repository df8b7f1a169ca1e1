package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.signing.CanonicalForm;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.PemSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verification summaries written at {@code VALIDATED} through the command line, and what a
 * contributor without a trusted key can do to them: rewrite the statement, or sign a forged one with
 * a key of their own. {@code verify} exits 1 naming the file each time.
 */
@Tag("slow")
@Tag("attack")
class SummaryAttackTest {

    private static final String EVIDENCE = "frameworks/planning-fe/evidence/2025-09-02/";
    private static final String TEST_RESULT = EVIDENCE + "test-result.intoto.json";
    private static final String SUMMARY = EVIDENCE + "verification-summary.intoto.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path ws;
    private Path keys;

    @BeforeEach
    void validatedAndSummarized() throws Exception {
        ws = CycleScript.validatedExample(dir);
        keys = dir.resolve("keys");
        CliRun written = CycleScript.ok(CycleScript.cycle(ws, "attest", "--summaries", "--key",
                keys.resolve("QA.key.pem").toString(), "--trust", trust(), "--test-run-url",
                "https://ci.example.org/runs/42"));
        assertThat(written.out()).contains("wrote " + TEST_RESULT + " (in-toto Test Result ",
                "wrote " + SUMMARY + " (SLSA verification summary PASSED, policy: rulebook sha256 ");
    }

    @Test
    void verifyPassesWithTheSummariesAndARepeatIsRefusedUntouched() throws Exception {
        byte[] before = Files.readAllBytes(ws.resolve(SUMMARY));

        assertThat(verify().exitCode()).isZero();
        CliRun again = CliRun.of(CycleScript.cycle(ws, "attest", "--summaries", "--key",
                keys.resolve("QA.key.pem").toString(), "--trust", trust()));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("written already", "never overwritten").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(ws.resolve(SUMMARY))).isEqualTo(before);
    }

    @Test
    void aRewrittenTestResultFailsVerify() throws Exception {
        ObjectNode envelope = (ObjectNode) JSON.readTree(ws.resolve(TEST_RESULT).toFile());
        ObjectNode statement = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
        ((ObjectNode) statement.get("predicate")).put("result", "PASSED").putArray("failedTests");
        envelope.put("payload", Base64.getEncoder().encodeToString(CanonicalForm.canonicalize(statement)));
        Files.write(ws.resolve(TEST_RESULT), JSON.writeValueAsBytes(envelope));

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(TEST_RESULT + ": SUMMARY_INVALID", "does not verify", "verification FAILED");
    }

    @Test
    void aSummaryForgedWithAnUntrustedKeyFailsVerifyAlsoInJson() throws Exception {
        JsonNode envelope = JSON.readTree(ws.resolve(SUMMARY).toFile());
        ObjectNode statement = (ObjectNode) JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
        ((ObjectNode) statement.get("predicate").get("policy").get("digest")).put("sha256", "0".repeat(64));
        PemSigner forger = new PemSigner("QA", Crypto.generate(SignatureAlgorithm.ED25519));
        Files.write(ws.resolve(SUMMARY), JSON.writeValueAsBytes(
                Attestations.envelope(CanonicalForm.canonicalize(statement), List.of(forger))));

        CliRun run = CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust(), "--format", "json"));

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("discrepancies")).anySatisfy(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("SUMMARY_INVALID");
            assertThat(d.get("file").asText()).isEqualTo(SUMMARY);
            assertThat(d.get("message").asText()).contains("no signature by a trusted key");
        });
    }

    @Test
    void deletingBothSummariesFailsVerifyNamingEach() throws Exception {
        Files.delete(ws.resolve(TEST_RESULT));
        Files.delete(ws.resolve(SUMMARY));

        CliRun run = verify();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(TEST_RESULT + ": SUMMARY_MISSING", SUMMARY + ": SUMMARY_MISSING",
                "verification FAILED");
    }

    private CliRun verify() {
        return CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust()));
    }

    private String trust() {
        return keys.resolve("trust.yaml").toString();
    }
}
