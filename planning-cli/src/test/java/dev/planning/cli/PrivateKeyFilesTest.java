package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateKeyFilesTest {

    @TempDir
    Path dir;

    private Path sealedWorkspace(Path keys) throws Exception {
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", keys.toString());
        return ws;
    }

    private static CliRun sign(Path ws, Path key) {
        return CliRun.of("sign", ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml").toString(),
                "--role", "PM", "--key", key.toString(), "--trust", key.resolveSibling("trust.yaml").toString());
    }

    @Test
    void refusesAPrivateKeyKeptInsideTheWorkspace() throws Exception {
        Path ws = sealedWorkspace(dir.resolve("ws/keys"));

        CliRun run = sign(ws, ws.resolve("keys/PM.key.pem"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("PM.key.pem").contains("inside the workspace");
    }

    @Test
    void refusesAPrivateKeyOthersCanRead() throws Exception {
        Path keys = dir.resolve("keys");
        Path ws = sealedWorkspace(keys);
        Files.setPosixFilePermissions(keys.resolve("PM.key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

        CliRun run = sign(ws, keys.resolve("PM.key.pem"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("chmod 600").contains("PM.key.pem");
    }

    @Test
    void signsWithAnOwnerOnlyKeyOutsideTheWorkspace() throws Exception {
        Path keys = dir.resolve("keys");
        Path ws = sealedWorkspace(keys);

        assertThat(sign(ws, keys.resolve("PM.key.pem")).exitCode()).isZero();
    }
}
