package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exit25: {@code attest --out} writes through the product's one atomic writer, so its temporary has the form the
 * product sweeps ({@code .<name>~<number>.tmp}), and what a killed write left beside the file an hour or more
 * before (either form: the earlier {@code .<name><number>.tmp} is what this wrote, and nothing swept it) goes with
 * the next write instead of living forever.
 */
class OutTemporariesTest {

    @TempDir
    Path dir;

    @Test
    void attestOutSweepsTheTemporariesAKilledAttestLeft() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", dir.resolve("keys").toString());
        Path out = Files.createDirectories(dir.resolve("out")).resolve("statement.json");
        for (String left : new String[] {".statement.json5581.tmp", ".statement.json~5581.tmp"}) {
            Path file = Files.writeString(out.resolveSibling(left), "half a statement");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        }

        CycleScript.ok(CycleScript.cycle(ws, "attest", "--key", dir.resolve("keys/PM.key.pem").toString(),
                "--out", out.toString()));

        assertThat(out).isRegularFile();
        try (Stream<Path> entries = Files.list(out.getParent())) {
            assertThat(entries).containsExactly(out);
        }
    }
}
