package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.testkit.process.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
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

    private record Run(int exit, String out) {
    }

    private Run runRecipe(Path ws, Path home) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "sealing.md"), StandardCharsets.UTF_8);
        int section = doc.indexOf("## Verification summaries at VALIDATED");
        int start = doc.indexOf("```sh\n", section) + "```sh\n".length();
        String block = doc.substring(start, doc.indexOf("```\n", start));
        assertThat(block).contains("jq", "base64 -d", "openssl pkeyutl -verify");
        Path script = dir.resolve("recipe.sh");
        String java = ChildProcesses.javaLauncher();
        Files.writeString(script, "set -euo pipefail\n"
                + "planning() { \"" + java + "\" \"" + ChildProcesses.temporaryDirectoryOption()
                + "\" -XX:TieredStopAtLevel=1 -cp \"$PLANNING_CP\" "
                + PlanningCommand.class.getName() + " \"$@\"; }\n" + block, StandardCharsets.UTF_8);
        Path out = dir.resolve("recipe.txt");
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(ws.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        bash.environment().put("HOME", home.toString());
        bash.environment().put("PLANNING_CP", System.getProperty("java.class.path"));
        // The recipe's mktemp directory is removed by its last line, which a failing verification
        // (the tampered run) never reaches: it goes under this test's directory, not the system's.
        bash.environment().put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
        Process process = bash.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
