package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning rules hash} on a rulebook directory it cannot list: bad input, not an internal error; on a
 * rulebook holding a file the other commands refuse: its hash.
 */
class RulesHashCommandTest {

    @TempDir
    Path dir;

    @Test
    @EnabledOnOs(OS.LINUX)
    void aRulebookWithAnEntryThatCannotBeListedExitsTwoWithOneLocatedLine() throws Exception {
        Path rulebook = Files.createDirectories(dir.resolve("rulebook"));
        Files.writeString(rulebook.resolve("rulebook.yaml"), "version: \"1\"\n");
        // Permissions do not stop root, so the entry is made unreadable by its path's length: 16
        // levels of 255-byte names pass PATH_MAX (4,096 bytes), which no stat of its full path survives.
        String name = "d".repeat(255);
        try {
            run("cd \"$0\" && for i in $(seq 15); do mkdir " + name + " && cd " + name + "; done && : > " + name,
                    rulebook);

            CliRun run = CliRun.of("rules", "hash", rulebook.toString());

            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.printedStackTrace()).isFalse();
            assertThat(run.err().lines()).singleElement().asString()
                    // The entry's path, under the rulebook's entry, cut (it is thousands of characters long).
                    .startsWith("error: " + rulebook.resolve(name).resolve("d"))
                    .contains(Printable.cut(rulebook.resolve(name).resolve(name).toString(), Printable.LOCATION_CHARACTERS)
                            + ": cannot list rulebook directory " + rulebook)
                    .contains("expected a readable directory");
        } finally {
            // The JDK cannot delete what it cannot reach by path; rm walks the tree relative to each directory.
            run("rm -rf \"$0\"", rulebook.resolve(name));
        }
    }

    /**
     * claims35: docs/rules.md says a file a rulebook may not hold is refused by every command that loads the
     * rulebook; {@code rules hash} loads nothing: it hashes the directory as the coreutils recipe does, the stray
     * file included, so a reviewer's recomputed hash and the tool's still agree.
     */
    @Test
    void aStrayFileTheCommandsThatLoadTheRulebookRefuseIsHashedAsTheRecipeHashesIt() throws IOException {
        Path rulebook = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws")).resolve("rulebook");
        String clean = CliRun.of("rules", "hash", rulebook.toString()).out();
        Files.writeString(rulebook.resolve(".DS_Store"), "finder");

        CliRun hash = CliRun.of("rules", "hash", rulebook.toString());
        CliRun test = CliRun.of("rules", "test", rulebook.toString());

        assertThat(hash.exitCode()).as(hash.err()).isZero();
        assertThat(hash.out().trim()).matches("[0-9a-f]{64}").isNotEqualTo(clean.trim());
        assertThat(test.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(test.err()).contains(".DS_Store: a file the macOS Finder writes");
    }

    private static void run(String script, Path argument) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", script, argument.toString()).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
