package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every date option of the CLI ({@code report --as-of}, {@code store expiring-waivers --until},
 * {@code store refusals --since}) refuses a value that is not a date with one message naming the
 * option, the value and {@code YYYY-MM-DD}, exit code 2, before the command does anything.
 */
class DateOptionsTest {

    @TempDir
    Path dir;

    /** A month or day out of range, empty, text, and forms {@code LocalDate.parse} alone would take or nearly. */
    private static final List<String> NOT_DATES = List.of("2025-13-01", "2025-02-30", "", "yesterday",
            "2025-9-2", "+2025-09-02", "+12025-09-02", "2025-09-02 ", "\uFF12\uFF10\uFF12\uFF15-09-02");

    static Stream<Arguments> badValues() {
        List<Arguments> cases = new ArrayList<>();
        for (String option : List.of("--as-of", "--until", "--since")) {
            for (String value : NOT_DATES) {
                cases.add(Arguments.of(option, value));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("badValues")
    void aValueThatIsNotADateIsRefusedNamingTheOptionTheValueAndTheForm(String option, String value) {
        CliRun run = CliRun.of(command(option, value));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("error: invalid value for option '" + option + "': '" + value
                + "' is not a date YYYY-MM-DD").endsWith("\nsee 'planning " + commandOf(option) + " --help'\n")
                .hasLineCount(2).doesNotContain("java.time").doesNotContain("Exception");
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(dir.resolve("site")).doesNotExist();
    }

    @Test
    void sinceAlsoNamesTheInstantItTakes() {
        CliRun run = CliRun.of(command("--since", "2025-09-02T25:00:00Z"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("error: invalid value for option '--since': '2025-09-02T25:00:00Z' is not a date"
                + " YYYY-MM-DD or an instant YYYY-MM-DDThh:mm:ssZ, such as 2025-09-02 or 2025-09-02T10:00:00Z\n"
                + "see 'planning store refusals --help'\n");
    }

    @Test
    void aDayIsTheDayAndADayOrInstantIsThatDaysStartInUtcOrTheInstant() {
        assertThat(new DateOptions.Day().convert("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(new DateOptions.DayOrInstant().convert("2024-02-29"))
                .isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(new DateOptions.DayOrInstant().convert("2025-09-02T10:00:00Z"))
                .isEqualTo(Instant.parse("2025-09-02T10:00:00Z"));
    }

    @Test
    void aGoodDateGetsPastTheOptionToTheCommand() {
        for (String option : List.of("--as-of", "--until", "--since")) {
            CliRun run = CliRun.of(command(option, "2024-02-29"));

            assertThat(run.err()).as(option).doesNotContainIgnoringCase("invalid value").contains(dir.resolve("none").toString());
        }
    }

    private static String commandOf(String option) {
        return switch (option) {
            case "--as-of" -> "report";
            case "--until" -> "store expiring-waivers";
            case "--since" -> "store refusals";
            default -> throw new IllegalArgumentException(option);
        };
    }

    /** The command of {@code option}, on a workspace that does not exist: only a bad date stops it before that. */
    private String[] command(String option, String value) {
        String none = dir.resolve("none").toString();
        return switch (option) {
            case "--as-of" -> new String[] {"report", "-w", none, "--html", dir.resolve("site").toString(),
                "--as-of", value};
            case "--until" -> new String[] {"store", "expiring-waivers", "-w", none, "--until", value};
            case "--since" -> new String[] {"store", "refusals", "-w", none, "--since", value};
            default -> throw new IllegalArgumentException(option);
        };
    }
}
