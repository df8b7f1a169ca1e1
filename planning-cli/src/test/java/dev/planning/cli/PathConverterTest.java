package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The CLI converts path options itself ({@link PlanningCommand#path}, no reflective call): the
 * value and the message for a value that is no path are picocli's own.
 */
class PathConverterTest {

    @Command(name = "probe")
    static final class Probe {
        @Option(names = "--file")
        Path file;
    }

    @Test
    void aPathIsConvertedAsPicocliConvertsIt() {
        Probe ours = new Probe();
        Probe picocli = new Probe();
        new CommandLine(ours).registerConverter(Path.class, PlanningCommand::path).parseArgs("--file", "a/../b c");
        new CommandLine(picocli).parseArgs("--file", "a/../b c");
        assertThat(ours.file).isEqualTo(picocli.file).isEqualTo(Path.of("a/../b c"));
    }

    @Test
    void aValueThatIsNoPathIsRefusedInTheUsersTermsWithoutJavaClassNames() {
        CommandLine.ParameterException ours = catchThrowableOfType(CommandLine.ParameterException.class,
                () -> new CommandLine(new Probe()).registerConverter(Path.class, PlanningCommand::path)
                        .parseArgs("--file", "a\0b"));
        assertThat(ours.getMessage()).contains("--file", "'a\0b' is not a path (Nul character not allowed)")
                .doesNotContain("Exception").doesNotContain("java.nio");
    }

    @Test
    void theCommandLineRefusesAWorkspaceThatIsNoPathInOneLine() {
        CliRun status = CliRun.of("status", "-w", "a\0b");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        // The NUL is shown, not printed (ShownWriter).
        assertThat(status.err()).startsWith("error: invalid value for option '--workspace': 'a\\u0000b' is not a path"
                + " (Nul character not allowed)\n").doesNotContain("Exception");
    }
}
