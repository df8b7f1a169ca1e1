package dev.planning.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reliab21: a signing killed ({@link StracedCli}: SIGKILL on entering the rename that puts the signed manifest
 * in place; strace's {@code -P} matches a rename by its first path only, the temporary's, so the renames
 * are counted) leaves its temporary file {@code .<manifest><digits>.tmp} beside the manifest. Every writer of
 * the manifest (seal and sign) holds the manifest's lock, so the next one removes it, as the trust file's and
 * the exported logs' writers do theirs. Before, the manifest's temporaries were never swept.
 */
@Tag("slow")
@Tag("crash")
@Tag("subprocess")
class ManifestTemporaryKillTest {

    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";
    private static final String RENAME = "rename,renameat,renameat2";

    @TempDir
    Path dir;

    @BeforeAll
    static void straceCanInject() throws Exception {
        StracedCli.requireFaultInjection();
    }

    @Test
    void aSigningKilledBeforeItsRenameLeavesATemporaryThatTheNextSigningRemoves() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path keys = dir.resolve("keys");
        assertThat(CliRun.of("keys", "generate", "--role", "PM", "--out", keys.toString()).exitCode()).isZero();
        assertThat(CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF").exitCode()).isZero();
        CliRun seal = CliRun.of("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02");
        assertThat(seal.exitCode()).as(seal.err()).isZero();
        List<String> sign = List.of("sign", ws.resolve(MANIFEST).toString(), "--role", "PM", "--key",
                keys.resolve("PM.key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString());

        // Killed at its first rename, then its second, ...: the renames before the manifest's are caches'
        // (their number depends on what is cached), so the kill that lands on the manifest's is found.
        boolean leftOne = false;
        for (int n = 1; n <= 20 && !leftOne; n++) {
            StracedCli.Run killed = StracedCli.run(RENAME, n, true, sign);
            if (killed.exitCode() == 0) {
                break;
            }
            assertThat(killed.exitCode()).as("killed by SIGKILL: " + killed.out() + killed.err()).isEqualTo(128 + 9);
            leftOne = !temporaries(ws).isEmpty();
        }
        assertThat(leftOne).as("a kill left the manifest's temporary file").isTrue();
        assertThat(temporaries(ws)).hasSize(1);

        CliRun again = CliRun.of(sign.toArray(String[]::new));

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(temporaries(ws)).isEmpty();
        assertThat(again.out()).contains("signed " + MANIFEST + " as PM");
    }

    private static List<String> temporaries(Path ws) throws Exception {
        try (Stream<Path> files = Files.list(ws.resolve(MANIFEST).getParent())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }
}
