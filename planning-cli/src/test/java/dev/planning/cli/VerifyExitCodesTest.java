package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One meaning per exit code of {@code verify}: 0 verified, 1 does not verify, 2 could not verify. */
class VerifyExitCodesTest {

    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    private Path sealed() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        return ws;
    }

    @Test
    void withoutATrustFileVerifyPrintsOneClearLineAndExitsTwo() throws Exception {
        Path ws = sealed();

        CliRun run = CliRun.of(CycleScript.cycle(ws, "verify"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().contains("no trust file", "--trust FILE");
    }

    @Test
    void anInvalidManifestExitsOneWhetherNamedByFileOrByCycle() throws Exception {
        Path ws = sealed();
        Path keys = dir.resolve("keys");
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", keys.toString());
        String trust = keys.resolve("trust.yaml").toString();
        Files.writeString(ws.resolve(MANIFEST), "version: [\"1.0\"\n", StandardCharsets.UTF_8);

        CliRun byFile = CliRun.of("verify", ws.resolve(MANIFEST).toString(), "--trust", trust);
        CliRun byCycle = CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust));

        assertThat(byFile.exitCode()).as(byFile.out() + byFile.err()).isEqualTo(1);
        assertThat(byCycle.exitCode()).as(byCycle.out() + byCycle.err()).isEqualTo(1);
        assertThat(byFile.out()).contains("MANIFEST_INVALID", "verification FAILED");
        assertThat(byCycle.out()).contains("MANIFEST_INVALID", "verification FAILED");
    }
}
