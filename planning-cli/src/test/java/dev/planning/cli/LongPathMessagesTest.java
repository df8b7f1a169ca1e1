package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.Printable;
import org.junit.jupiter.api.Test;

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

    @Test
    void aPathUnderTheBoundIsQuotedWhole() {
        String path = "z/".repeat(40) + "missing";
        CliRun run = CliRun.of("lint", "-w", path);

        assertThat(run.err()).startsWith("error: workspace directory not found: " + path + " (");
    }
}
