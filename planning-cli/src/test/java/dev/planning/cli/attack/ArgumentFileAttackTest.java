package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack30: picocli's argument files. Before, an argument starting with {@code @} was replaced by the
 * words of the file it names ({@code @reports/x} by what {@code reports/x} holds), so a contributor who
 * commits {@code @x} and {@code x} beside the reports a CI job imports with {@code cd reports && planning
 * import ... *} chose arguments the job never gave: reports from elsewhere on the runner, other options.
 * Every argument is now taken as written: {@code @x} is a file named {@code @x}.
 */
@Tag("slow")
@Tag("attack")
class ArgumentFileAttackTest {

    private static final String REPORT = """
            <testsuite name="cart" tests="1"><testcase classname="Cart" name="adds"/></testsuite>
            """;

    @TempDir
    Path temp;

    @Test
    void anArgumentStartingWithAnAtSignIsAFileNameNotTheArgumentsAFileHolds() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path elsewhere = temp.resolve("elsewhere/TEST-not-named.xml");
        Files.createDirectories(elsewhere.getParent());
        Files.writeString(elsewhere, REPORT, StandardCharsets.UTF_8);
        Path words = temp.resolve("reports/x");
        Files.createDirectories(words.getParent());
        Files.writeString(words, elsewhere + "\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("import", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "@" + words);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).contains("@" + words);
        assertThat(workspace.resolve("frameworks/planning-fe/outcomes/2025-09-02")).doesNotExist();
    }

    @Test
    void anOptionHeldInAFileIsNotAnOption() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path words = temp.resolve("opts");
        Files.writeString(words, "--stream\nfe\n--cycle\n2025-09-02\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("status", "-w", workspace.toString(), "@" + words);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).contains("unexpected argument '@" + words + "'");
    }
}
