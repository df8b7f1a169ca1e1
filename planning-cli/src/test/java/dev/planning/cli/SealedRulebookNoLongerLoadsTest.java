package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * left17: a handoff sealed with a rulebook that this version's loader refuses (attack17: a file that
 * is not settings, a rule file or a rule test; a failure action that moves the cycle forward). The
 * rulebook a handoff was sealed with is the workspace's own, unchanged: {@code verify} cannot open the
 * workspace, and must say why the handoff cannot be verified and what to do, never pass.
 */
class SealedRulebookNoLongerLoadsTest {

    @TempDir
    Path dir;

    private Path ws;

    @BeforeEach
    void sealed() {
        ws = CycleScript.validatedExample(dir.resolve("sealed"));
    }

    private CliRun verify() {
        return CliRun.of(CycleScript.cycle(ws, "verify", "--trust", dir.resolve("sealed/keys/trust.yaml").toString()));
    }

    private static void assertNotVerifiedSayingWhatToDo(CliRun run, String file) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + file)
                .contains("does not load under this version's rules")
                .contains("cannot be verified until it is sealed again");
        assertThat(run.out()).doesNotContain("verified");
    }

    /** Failed before: the loader's refusal alone, which says nothing of the handoff or of sealing again. */
    @Test
    void aFileTheLoaderNowRefusesSaysTheHandoffCannotBeVerifiedUntilResealed() throws IOException {
        Files.writeString(ws.resolve("rulebook/notes.txt"), "why the thresholds are what they are\n");

        assertNotVerifiedSayingWhatToDo(verify(), "rulebook/notes.txt");
    }

    /** Failed before, as above. */
    @Test
    void aForwardFailureActionSaysTheHandoffCannotBeVerifiedUntilResealed() throws IOException {
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        String text = Files.readString(settings);
        String forward = text.replace("gates: [schema_lint], on_failure: PLANNED}",
                "gates: [schema_lint], on_failure: READY_FOR_HANDOFF}");
        assertThat(forward).isNotEqualTo(text);
        Files.writeString(settings, forward);

        assertNotVerifiedSayingWhatToDo(verify(), "rulebook/rulebook.yaml:");
    }

    /** Checks only: the rulebook is loaded when first needed, and refused the same way. */
    @Test
    void checksumsOnlySaysTheSame() throws IOException {
        Files.writeString(ws.resolve("rulebook/notes.txt"), "x\n");

        assertNotVerifiedSayingWhatToDo(CliRun.of(CycleScript.cycle(ws, "verify", "--checksums-only", "--trust",
                dir.resolve("sealed/keys/trust.yaml").toString())), "rulebook/notes.txt");
    }
}
