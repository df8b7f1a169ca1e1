package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.FileSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * status27: each command that writes for one cycle refuses a cycle that does not exist with exit 2 and one line
 * naming it ({@code sign}: naming the manifest it lacks), leaving every file and directory of the workspace (and each file's bytes) as they were; api26
 * covered {@code advance} and {@code import}.
 */
class NoSuchCycleCommandsTest {

    @TempDir
    static Path keyDir;

    @TempDir
    Path dir;

    private static Path keys;

    @BeforeAll
    static void aPmKey() {
        keys = keyDir.resolve("keys");
        assertThat(CliRun.of("keys", "generate", "--role", "PM", "--out", keys.toString()).exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seal", "sign", "digest", "improve", "attest --summaries"})
    void aWritingCommandOfACycleThatDoesNotExistIsBadUsageNamingItAndWritesNothing(String command)
            throws IOException {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Map<String, String> before = FileSnapshot.of(ws);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("-w", ws.toString()));
        switch (command) {
            // sign names the cycle by its manifest's path
            case "sign" -> args.addAll(List.of("--role", "PM", "--key", keys.resolve("PM.key.pem").toString(),
                    "--trust", keys.resolve("trust.yaml").toString(),
                    ws.resolve("frameworks/planning-fe/manifests/2025-09-20-handoff_manifest.yaml").toString()));
            case "improve" -> args.addAll(List.of("--next", "2025-10-01"));
            case "attest --summaries" -> args.addAll(List.of("--key", keys.resolve("PM.key.pem").toString(),
                    "--trust", keys.resolve("trust.yaml").toString()));
            default -> { }
        }
        if (!command.equals("sign")) {
            args.addAll(List.of("--stream", "fe", "--cycle", "2025-09-20"));
        }

        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        // sign names its cycle by the manifest's path, and refuses the file that is not there first
        assertThat(run.err()).contains(command.equals("sign") ? "2025-09-20-handoff_manifest.yaml: file does not exist"
                : "no such cycle fe/2025-09-20").hasLineCount(1);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(FileSnapshot.of(ws)).as("every file and directory, and each file's bytes").isEqualTo(before);
    }
}
