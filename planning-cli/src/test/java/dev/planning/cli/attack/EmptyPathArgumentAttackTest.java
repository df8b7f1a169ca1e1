package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack41: an empty path argument, what a job's unset variable gives ({@code --out "$KEYS"}). Java reads
 * {@code ""} as the current directory, so each command took it for the directory it was run in: {@code keys
 * generate} wrote a private key there (a checkout, one {@code git add} from publishing it), and {@code rules diff
 * --base ""} run in the head rulebook's directory compared the head with itself and passed {@code --fail-on
 * weakens}. An empty path is now a usage error, exit 2, whatever the command. Each runs in a child JVM whose
 * working directory is a temporary one, so that nothing is written where the tests run.
 */
@Tag("slow")
@Tag("attack")
class EmptyPathArgumentAttackTest {

    @TempDir
    Path temp;

    @Test
    void aKeyGeneratedIntoAnEmptyOutDirectoryIsRefusedNotWrittenWhereTheCommandRuns() throws IOException {
        Path job = Files.createDirectories(temp.resolve("checkout"));

        CliRun run = CliRun.inChildJvmAt(job, "keys", "generate", "--role", "PM", "--out", "");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).contains("'' is not a path: an empty value names no file");
        try (Stream<Path> written = Files.list(job)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void rulesDiffWithAnEmptyBaseInTheHeadRulebooksDirectoryIsRefusedNotTheHeadComparedWithItself() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
        Path rulebook = workspace.resolve("rulebook/rulebook.yaml");
        String weakened = Files.readString(rulebook, StandardCharsets.UTF_8)
                .replace("critical_approvals: 3", "critical_approvals: 1");
        Files.writeString(rulebook, weakened, StandardCharsets.UTF_8);

        CliRun run = CliRun.inChildJvmAt(rulebook.getParent(), "rules", "diff", "-w", "..", "--base", "",
                "--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).contains("--base is empty");
    }

    @Test
    void rulesHashOfAnEmptyDirectoryArgumentIsRefusedNotTheHashOfWhereItRuns() throws IOException {
        Path job = Files.createDirectories(temp.resolve("job"));
        Files.writeString(job.resolve("rulebook.yaml"), "version: \"1.0\"\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.inChildJvmAt(job, "rules", "hash", "");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("'' is not a path");
    }
}
