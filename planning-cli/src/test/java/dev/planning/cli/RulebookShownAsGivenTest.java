package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * unread17: a rulebook outside the workspace, given as a relative {@code --rulebook}, is named in
 * errors as the user gave it, never by the absolute path the user did not write (which also shows the
 * user's directories, and a workspace name's hostile text).
 */
class RulebookShownAsGivenTest {

    @TempDir
    Path dir;

    private Path ws;

    @BeforeEach
    void workspace() {
        ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
    }

    /** The rulebook {@code outside} as this JVM's working directory reaches it: what a user types. */
    private static String given(Path outside) {
        return Path.of("").toAbsolutePath().relativize(outside).toString();
    }

    /** The test directory's absolute path where a path starts (a line's start or after a space): never shown. */
    private Pattern absolute() {
        return Pattern.compile("(?m)(^|\\s)" + Pattern.quote(dir.toString()));
    }

    private Path rulebookCopy(String name) throws IOException {
        Path rulebook = dir.resolve(name);
        WorkspaceCopies.copy(ws.resolve("rulebook"), rulebook);
        return rulebook;
    }

    /** Failed before: "rulebook settings not found: /tmp/.../empty/rulebook.yaml". */
    @Test
    void settingsNotFoundNameTheRulebookAsGiven() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/rules"));

        CliRun run = CliRun.of("lint", "-w", ws.toString(), "--rulebook", given(empty.getParent()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("rulebook settings not found: " + given(empty.getParent()) + "/rulebook.yaml")
                .doesNotContain(" " + dir);
    }

    /** Failed before: the settings' error was located at the absolute path. */
    @Test
    void anInvalidSettingsFileOutsideTheWorkspaceIsLocatedAsGiven() throws IOException {
        Path rulebook = rulebookCopy("rb");
        Files.writeString(rulebook.resolve("rulebook.yaml"), "version: 1\nbogus: [\n");

        CliRun run = CliRun.of("lint", "-w", ws.toString(), "--rulebook", given(rulebook));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + given(rulebook) + "/rulebook.yaml:").doesNotContain(" " + dir);
    }

    /** Failed before: a policy that does not compile was located at the absolute path of its rule file. */
    @Test
    void aRuleThatDoesNotCompileOutsideTheWorkspaceIsLocatedAsGiven() throws IOException {
        Path rulebook = rulebookCopy("rb");
        Files.writeString(rulebook.resolve("rules/compliance.drl"), "\nrule \"x\" when then garbage( end\n",
                StandardOpenOption.APPEND);

        CliRun run = CliRun.of("gate", "-w", ws.toString(), "--rulebook", given(rulebook), "--stream", "fe", "--cycle",
                "2025-09-02", "--to", "READY_FOR_HANDOFF");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + given(rulebook) + "/rules/compliance.drl:")
                .doesNotContain(" " + dir);
    }

    /**
     * left17: a gate's finding about a file that does not exist is placed at the gate's entry in the
     * rulebook's profile. Failed before: located at the absolute path of the rulebook's settings.
     */
    @Test
    void aGateFindingPlacedInARulebookOutsideTheWorkspaceIsLocatedAsGiven() throws IOException {
        Path rulebook = rulebookCopy("rb");
        Files.delete(ws.resolve("frameworks/planning-fe/storymaps/2025-09-02-story_map.md"));

        CliRun run = CliRun.of("gate", "-w", ws.toString(), "--rulebook", given(rulebook), "--stream", "fe", "--cycle",
                "2025-09-02", "--to", "READY_FOR_HANDOFF");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains(given(rulebook) + "/rulebook.yaml:").doesNotContainPattern(absolute());
    }

    /** left17: a profile naming a gate that is not available. Failed before: located at the absolute path. */
    @Test
    void anUnknownGateInARulebookOutsideTheWorkspaceIsLocatedAsGiven() throws IOException {
        Path rulebook = rulebookCopy("rb");
        Path settings = rulebook.resolve("rulebook.yaml");
        Files.writeString(settings, Files.readString(settings).replace("gates: [release_readiness]}",
                "gates: [release_readiness, no_such_gate]}"));

        CliRun run = CliRun.of("lint", "-w", ws.toString(), "--rulebook", given(rulebook));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(given(rulebook) + "/rulebook.yaml:").contains("no_such_gate")
                .doesNotContainPattern(absolute());
    }

    /**
     * left17: lint's finding about a directory (no planning streams) is placed at the rulebook entry that
     * needs it. Failed before: located at the absolute path of the rulebook's settings.
     */
    @Test
    void aDirectoryFindingPlacedInARulebookOutsideTheWorkspaceIsLocatedAsGiven() throws IOException {
        Path rulebook = rulebookCopy("rb");
        Files.delete(ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml"));
        Files.delete(ws.resolve("frameworks/planning-fe/storymaps/2025-09-02-story_map.md"));
        Files.delete(ws.resolve("frameworks/planning-fe/tasks"));
        Files.delete(ws.resolve("frameworks/planning-fe/storymaps"));

        CliRun run = CliRun.of("lint", "-w", ws.toString(), "--rulebook", given(rulebook));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains(given(rulebook) + "/rulebook.yaml:").doesNotContainPattern(absolute());
    }
}
