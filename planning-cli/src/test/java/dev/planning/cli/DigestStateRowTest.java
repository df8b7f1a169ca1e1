package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning digest --trust FILE} checks the history past {@code PACKAGED} as {@code planning status}
 * does, and its State row says what status says (report20); without keys the row says the history cannot
 * be checked, never the state alone.
 */
@Tag("slow")
class DigestStateRowTest {

    private static final String DIGEST = "frameworks/planning-fe/digests/2025-09-02-digest.md";

    @TempDir
    Path dir;

    @Test
    void withTheTrustFileASignedHistoryShowsTheStateAlone() throws Exception {
        Path ws = CycleScript.validatedExample(dir);

        CycleScript.ok(CycleScript.cycle(ws, "digest", "--trust", dir.resolve("keys/trust.yaml").toString()));

        assertThat(Files.readString(ws.resolve(DIGEST), StandardCharsets.UTF_8)).contains("| State | VALIDATED |")
                .doesNotContain("UNSIGNED HISTORY");
    }

    @Test
    void withoutKeysTheStateRowSaysTheHistoryCannotBeChecked() throws Exception {
        Path ws = CycleScript.validatedExample(dir);

        CycleScript.ok(CycleScript.cycle(ws, "digest"));

        assertThat(Files.readString(ws.resolve(DIGEST), StandardCharsets.UTF_8))
                .contains("| State | VALIDATED \u2014 UNSIGNED HISTORY\\: the history past PACKAGED cannot be checked")
                .contains("needs --trust FILE");
    }
}
