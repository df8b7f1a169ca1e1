package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line that cannot be read is refused in one line that says what the command takes there,
 * then names the help to read, exit 2 ({@link UsageErrors}); a path given relative is shown with
 * where it resolved.
 */
class UsageErrorsTest {

    private static final String COMMANDS = "init, lint, gate, advance, status, import, digest, report, improve, seal,"
            + " keys, sign, verify, attest, rules, store, demo, help";

    @Test
    void anUnknownOptionNamesTheCommandsOptionsAndItsHelp() {
        assertRefused(CliRun.of("lint", "--nope"), "unknown option '--nope'; planning lint takes --cycle, --format,"
                + " --help, --rulebook, --store, --stream, --version, --workspace", "planning lint");
    }

    @Test
    void anUnknownCommandNamesTheCommandsAndTheLikelyOnes() {
        assertRefused(CliRun.of("stat"), "unknown command 'stat'; planning takes " + COMMANDS
                + "; did you mean status, attest or gate?", "planning");
        assertRefused(CliRun.of("rules", "frob"), "unknown command 'frob'; planning rules takes hash, test, diff, cache",
                "planning rules");
    }

    @Test
    void noCommandNamesTheCommands() {
        assertRefused(CliRun.of(), "a command is required: one of " + COMMANDS, "planning");
        assertRefused(CliRun.of("rules"), "a rules subcommand is required: one of hash, test, diff, cache",
                "planning rules");
    }

    @Test
    void anArgumentTooManySaysWhatTheCommandTakes() {
        assertRefused(CliRun.of("lint", "extra"), "unexpected argument 'extra'; planning lint takes options only",
                "planning lint");
        assertRefused(CliRun.of("verify", "a.yaml", "b.yaml"), "unexpected argument 'b.yaml'; planning verify takes MANIFEST",
                "planning verify");
    }

    /**
     * After {@code --} every argument is a positional one, though it looks like an option (picocli's report called
     * it an unknown option); one before {@code --} is still an unknown option.
     */
    @Test
    void anArgumentAfterTheEndOfOptionsIsAnUnexpectedArgumentNotAnUnknownOption() {
        assertRefused(CliRun.of("status", "-w", "ws", "--", "--stream", "fe"), "unexpected argument '--stream' (after"
                + " '--', an argument, not an option); planning status takes options only", "planning status");
        assertRefused(CliRun.of("verify", "m.yaml", "--", "--checksums-only"), "unexpected argument"
                + " '--checksums-only' (after '--', an argument, not an option); planning verify takes MANIFEST",
                "planning verify");
        assertRefused(CliRun.of("status", "--strem", "--", "--stream"), "unknown option '--strem'; planning status"
                + " takes --cycle, --format, --help, --rulebook, --store, --stream, --trust, --version, --workspace;"
                + " did you mean --store or --stream?", "planning status");
    }

    @Test
    void aMissingValueOrOptionSaysWhichAndWhatItHolds() {
        assertRefused(CliRun.of("lint", "-w"), "missing required parameter for option '--workspace' (DIR)", "planning lint");
        assertRefused(CliRun.of("gate", "--stream", "fe"), "missing required options: '--cycle=C', '--to=STATE'",
                "planning gate");
    }

    @Test
    void aPercentThatIsNoNumberIsRefusedInTheUsersTerms() {
        assertRefused(CliRun.of("rules", "test", "rb", "--fail-under", "abc"), "invalid value for option '--fail-under':"
                + " 'abc' is not a number from 0 to 100, such as 80 or 92.5", "planning rules test");
        assertRefused(CliRun.of("rules", "test", "rb", "--fail-under", "1e2"), "invalid value for option '--fail-under':"
                + " '1e2' is not a number from 0 to 100, such as 80 or 92.5", "planning rules test");
    }

    /**
     * Every option with a fixed set of values (an enum's, found by walking the command line, and
     * {@code rules diff --fail-on}) refuses another in one line that lists them in words, not as
     * picocli or {@code Arrays.toString} print a list ({@code [A, B, C]}).
     */
    @Test
    void aValueAnOptionWithFixedValuesDoesNotTakeIsRefusedInOneLineListingTheValuesInWords() {
        List<List<String>> options = new ArrayList<>();
        withFixedValues(DocumentedCommandsTest.planning(), options);
        options.add(List.of("rules", "diff", "--fail-on"));

        assertThat(options).extracting(o -> String.join(" ", o))
                .contains("gate --to", "advance --to", "keys generate --algorithm", "status --format", "lint --format");
        for (List<String> option : options) {
            List<String> args = new ArrayList<>(option);
            args.add("NOPE");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String command = String.join(" ", option.subList(0, option.size() - 1));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).as(String.join(" ", args)).matches("error: invalid value for option '"
                    + option.get(option.size() - 1) + "': [^\\[\\]\n]*'NOPE'[^\\[\\]\n]*\n"
                    + "see 'planning " + command + " --help'\n");
        }
    }

    @Test
    void anUnknownStateNamesEveryStateInWords() {
        assertRefused(CliRun.of("advance", "--to", "nowhere"), "invalid value for option '--to': unknown state"
                + " 'nowhere'; expected one of PLANNED, READY_FOR_HANDOFF, PACKAGED, EXECUTED, VALIDATED, IMPROVE,"
                + " COMPLETED", "planning advance");
    }

    /** Each option of {@code command} and the commands under it whose type is an enum, as the words that name it. */
    private static void withFixedValues(CommandLine command, List<List<String>> found) {
        for (CommandLine sub : command.getSubcommands().values()) {
            List<String> words = List.of(sub.getCommandSpec().qualifiedName(" ").split(" "));
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (option.type().isEnum()) {
                    List<String> named = new ArrayList<>(words.subList(1, words.size()));
                    named.add(option.longestName());
                    found.add(named);
                }
            }
            withFixedValues(sub, found);
        }
    }

    @Test
    void aRelativeWorkspaceOrRulebookThatIsNotThereIsShownWithWhereItResolved() {
        Path here = Path.of("").toAbsolutePath();

        CliRun workspace = CliRun.of("lint", "-w", "no-such-workspace/../missing");
        CliRun rulebook = CliRun.of("rules", "hash", "no-such-rulebook");
        CliRun absolute = CliRun.of("lint", "-w", here.resolve("missing").toString());

        assertThat(workspace.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(workspace.err()).isEqualTo("error: workspace directory not found: no-such-workspace/../missing ("
                + here.resolve("missing") + ")\n");
        assertThat(rulebook.err()).isEqualTo("error: rulebook directory not found: no-such-rulebook ("
                + here.resolve("no-such-rulebook") + ")\n");
        assertThat(absolute.err()).isEqualTo("error: workspace directory not found: " + here.resolve("missing") + "\n");
    }

    private static void assertRefused(CliRun run, String error, String command) {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: " + error + "\nsee '" + command + " --help'\n");
    }
}
