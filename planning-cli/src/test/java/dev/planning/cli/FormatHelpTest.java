package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Each command's {@code --help} names the output formats that command prints and no other
 * ({@link FormatOption}); a format it does not print is refused naming the same ones.
 */
class FormatHelpTest {

    private static final String EVERY = "text, json, junit, sarif or markdown";
    private static final String TEXT_JSON = "text or json";

    /** What each command prints, as its help must name it; a new command with --format fails until listed. */
    private static final Map<String, String> FORMATS = new TreeMap<>(Map.ofEntries(
            Map.entry("lint", EVERY), Map.entry("gate", EVERY), Map.entry("advance", EVERY),
            Map.entry("rules test", "text, json, junit or markdown"),
            Map.entry("verify", "text, json or markdown"), Map.entry("rules diff", "text, json or markdown"),
            Map.entry("status", TEXT_JSON), Map.entry("digest", TEXT_JSON), Map.entry("import", TEXT_JSON),
            Map.entry("improve", TEXT_JSON), Map.entry("report", TEXT_JSON), Map.entry("seal", TEXT_JSON),
            Map.entry("sign", TEXT_JSON), Map.entry("store portfolio", TEXT_JSON),
            Map.entry("store pending-signatures", TEXT_JSON), Map.entry("store expiring-waivers", TEXT_JSON),
            Map.entry("store refusals", TEXT_JSON), Map.entry("store check", TEXT_JSON)));

    private static final Pattern FORMAT_HELP = Pattern.compile("--format=FORMAT\\s+(Output format: [^\\n]*(?:\\n {10,}[^\\n]*)*)");

    @Test
    void everyCommandsHelpNamesExactlyTheFormatsItPrints() {
        Map<String, String> helps = new TreeMap<>();
        for (String command : withFormat(DocumentedCommandsTest.planning())) {
            CliRun help = CliRun.of((command + " --help").split(" "));
            assertThat(help.exitCode()).as(command).isZero();
            Matcher format = FORMAT_HELP.matcher(help.out());
            assertThat(format.find()).as(command + ": " + help.out()).isTrue();
            helps.put(command, format.group(1).replaceAll("\\s+", " "));
        }

        Map<String, String> expected = new TreeMap<>();
        FORMATS.forEach((command, formats) -> expected.put(command, "Output format: " + formats + " (default: text)."));
        assertThat(helps).isEqualTo(expected);
    }

    @Test
    void aFormatACommandDoesNotPrintIsRefusedNamingTheOnesItsHelpNames() {
        String example = CliRun.example("fe-2025-09-02").toString();

        CliRun status = CliRun.of("status", "-w", example, "--format", "sarif");
        CliRun rulesTest = CliRun.of("rules", "test", example + "/rulebook", "--format", "sarif");

        assertThat(status.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(status.err()).isEqualTo("error: invalid value for option '--format': 'sarif' is not available for this command;"
                + " use " + TEXT_JSON + "\nsee 'planning status --help'\n");
        assertThat(rulesTest.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(rulesTest.err())
                .isEqualTo("error: invalid value for option '--format': 'sarif' is not available for this command;"
                        + " use text, json, junit or markdown\nsee 'planning rules test --help'\n");
    }

    /**
     * The README says where users look which commands print which formats ("Commands that report
     * findings take {@code --format text|json}; {@code lint}, {@code gate}, ... also {@code junit}, ..."):
     * for each format beyond text and JSON, the commands it names are the ones whose help names it.
     */
    @Test
    void theReadmeNamesForEachFormatTheCommandsThatPrintIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        Matcher paragraph = Pattern.compile("Commands that report findings take `--format text\\|json`(.*?)\\(for"
                + " `\\$GITHUB_STEP_SUMMARY`\\)").matcher(readme);
        assertThat(paragraph.find()).as("the README's paragraph on --format").isTrue();
        Map<String, List<String>> named = new TreeMap<>();
        Matcher also = Pattern.compile("((?:`[a-z ]+`(?:, | and ))*`[a-z ]+`) also `([a-z]+)`").matcher(paragraph.group(1));
        while (also.find()) {
            named.put(also.group(2), Pattern.compile("`([a-z ]+)`").matcher(also.group(1)).results()
                    .map(m -> m.group(1)).sorted().toList());
        }

        Map<String, List<String>> printed = new TreeMap<>();
        for (String format : List.of("junit", "sarif", "markdown")) {
            printed.put(format, FORMATS.entrySet().stream().filter(e -> e.getValue().contains(format))
                    .map(Map.Entry::getKey).sorted().toList());
        }
        assertThat(named).isEqualTo(printed);
    }

    /** Every command, by its name as typed after {@code planning}, that has a {@code --format} option. */
    private static List<String> withFormat(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandLine sub : command.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--format") != null) {
                names.add(sub.getCommandSpec().qualifiedName(" ").substring("planning ".length()));
            }
            names.addAll(withFormat(sub));
        }
        return names;
    }
}
