package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * errors19: a planning file holding a character YAML does not allow was reported in SnakeYAML's words,
 * "malformed YAML: special characters are not allowed", at line 1, column 1, whatever the character and
 * wherever it stood. The command line now names it as it names every character it must not print (its
 * escape) at its line and column, and never writes the character itself.
 */
class YamlCharacterMessagesTest {

    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"0007, \\u0007", "0000, \\u0000", "001B, \\u001B", "009B, \\u009B"})
    void aPlanFileHoldingAControlCharacterNamesItAtItsLineAndColumn(String hex, String escape) throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path plan = workspace.resolve(PLAN);
        String text = Files.readString(plan, StandardCharsets.UTF_8);
        // Line 14 is "    status: planned"; the character goes between "plan" and "ned".
        Files.writeString(plan, text.replaceFirst("    status: planned\n",
                "    status: plan" + (char) Integer.parseInt(hex, 16) + "ned\n"), StandardCharsets.UTF_8);

        CliRun run = CliRun.of("lint", "-w", workspace.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.out()).contains(PLAN + ":14:17: error: malformed YAML: the control character " + escape
                + " is not allowed in a YAML file; expected text: remove it")
                .doesNotContain("special characters").doesNotContain(String.valueOf((char) Integer.parseInt(hex, 16)));
    }

    @Test
    void aRulebookSettingsFileHoldingANulNamesItAtItsLineAndColumnExitTwo() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings, StandardCharsets.UTF_8) + "# a\u0000b\n",
                StandardCharsets.UTF_8);
        long line = Files.readString(settings, StandardCharsets.UTF_8).lines().count();

        CliRun run = CliRun.of("rules", "test", workspace.resolve("rulebook").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).contains("rulebook.yaml:" + line + ":4: malformed YAML: the control character \\u0000 is"
                + " not allowed in a YAML file").doesNotContain("\u0000");
    }
}
