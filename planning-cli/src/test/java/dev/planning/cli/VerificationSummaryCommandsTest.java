package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code advance --to VALIDATED --summary-key FILE}: the summaries written as the cycle reaches VALIDATED. */
class VerificationSummaryCommandsTest {

    private static final String EVIDENCE = "frameworks/planning-fe/evidence/2025-09-02/";

    @TempDir
    Path dir;

    @Test
    void advancingIntoValidatedWithASummaryKeyWritesBothSummariesThatVerify() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path keys = CycleScript.keys(dir);
        CycleScript.toExecutedWithOutcomes(ws, keys);
        String trust = keys.resolve("trust.yaml").toString();

        CliRun wrong = CliRun.of(CycleScript.cycle(ws, "advance", "--to", "IMPROVE", "--trust", trust, "--summary-key",
                keys.resolve("QA.key.pem").toString()));
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err()).contains("--summary-key goes with --to VALIDATED");
        CycleScript.ok("keys", "generate", "--role", "QA", "--out", dir.resolve("other").toString());
        CliRun untrusted = CliRun.of(CycleScript.cycle(ws, "advance", "--to", "VALIDATED", "--trust", trust,
                "--summary-key", dir.resolve("other/QA.key.pem").toString()));
        assertThat(untrusted.exitCode()).isEqualTo(2);
        assertThat(untrusted.err()).contains("is not a key of", "nothing was recorded");
        assertThat(CycleScript.ok(CycleScript.cycle(ws, "status", "--trust", trust)).out())
                .contains("fe/2025-09-02: EXECUTED");

        CliRun run = CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "VALIDATED", "--trust", trust,
                "--summary-key", keys.resolve("QA.key.pem").toString(), "--format", "json"));

        JsonNode summaries = new ObjectMapper().readTree(run.out()).path("summaries");
        assertThat(summaries.path("test_result_path").asText()).isEqualTo(EVIDENCE + "test-result.intoto.json");
        assertThat(summaries.path("verification_summary_path").asText())
                .isEqualTo(EVIDENCE + "verification-summary.intoto.json");
        assertThat(summaries.path("verification_result").asText()).isEqualTo("PASSED");
        assertThat(ws.resolve(EVIDENCE + "verification-summary.intoto.json")).exists();
        CliRun verify = CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust));
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("verification summary " + EVIDENCE + "test-result.intoto.json verifies");
    }
}
