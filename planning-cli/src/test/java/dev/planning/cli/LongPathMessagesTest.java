package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.Printable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mend28: a path argument that names nothing is quoted in its one-line error cut at 200 characters (each part of
 * {@code given (resolved)}; an error's location at 409, room for both parts), as a cycle id is cut at 80 ({@code Printable.cut}): a 6,000-character path made a
 * 12,000-character line that buried what was expected.
 */
class LongPathMessagesTest {

    private static final String DEEP = "x/".repeat(3000) + "missing";
    private static final String FLAT = "y".repeat(6000);

    private static void assertOneShortLine(CliRun run, String expected, String quoted) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("error: " + expected + quoted.substring(0, 200) + "...")
                .hasSizeLessThan(600).endsWith("\n");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void aLongWorkspacePathThatNamesNothingIsCutInItsError() {
        assertOneShortLine(CliRun.of("lint", "-w", DEEP), "workspace directory not found: ", DEEP);
        assertOneShortLine(CliRun.of("lint", "-w", FLAT), "workspace directory not found: ", FLAT);
    }

    @Test
    void aLongRulebookPathThatNamesNothingIsCutInItsError() {
        assertOneShortLine(CliRun.of("rules", "hash", DEEP), "rulebook directory not found: ", DEEP);
    }

    @Test
    void aLongBaseThatCannotBeExaminedIsCutInItsError() {
        CliRun run = CliRun.of("rules", "diff", "-w", ".", "--base", FLAT);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        // The location is cut with room for a path as given and where it resolved (PlanningException.describe).
        assertThat(run.err()).hasSizeLessThan(1000).startsWith("error: " + FLAT.substring(0, Printable.LOCATION_CHARACTERS) + "...: cannot read "
                + FLAT.substring(0, 200) + "...").contains("whether --base names a rulebook directory or a git revision");
        assertThat(run.err().lines()).hasSize(1);
    }

    /** claims35: README's exit codes say a quoted cycle id is cut at 80 characters; so is a stream name. */
    @Test
    void aLongCycleIdOrStreamIsQuotedCutAtEightyCharacters(@TempDir Path dir) {
        String ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws")).toString();
        String id = "c".repeat(6000);

        CliRun cycle = CliRun.of("gate", "-w", ws, "--stream", "fe", "--cycle", id, "--to", "READY_FOR_HANDOFF");
        CliRun stream = CliRun.of("gate", "-w", ws, "--stream", id, "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");

        assertThat(cycle.exitCode()).as(cycle.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(cycle.err()).startsWith("error: invalid cycle id '" + id.substring(0, 80) + "...': ");
        assertThat(stream.exitCode()).as(stream.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(stream.err()).startsWith("error: invalid stream '" + id.substring(0, 80) + "...': ");
        assertThat(cycle.err().lines()).hasSize(1);
        assertThat(stream.err().lines()).hasSize(1);
    }

    @Test
    void aPathUnderTheBoundIsQuotedWhole() {
        String path = "z/".repeat(40) + "missing";
        CliRun run = CliRun.of("lint", "-w", path);

        assertThat(run.err()).startsWith("error: workspace directory not found: " + path + " (");
    }
}
