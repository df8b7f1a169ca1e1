package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * misc41: arguments that name the wrong kind of thing. {@code keys generate --out /dev/null} said "cannot take this
 * lock (FileAlreadyExistsException)", a Java class name; {@code seal --prior ""} passed an empty manifest id on;
 * {@code verify -w W W}, the workspace given as the manifest, printed lines starting {@code \u003A
 * MANIFEST_INVALID: :} for the manifest's empty name. Each is now one clear line, exit 2.
 */
@Tag("slow")
@Tag("attack")
class MisusedArgumentAttackTest {

    @TempDir
    Path temp;

    @Test
    void keysGeneratedIntoAFileThatIsNoDirectorySayWhyInWordsNotAJavaClassName() {
        CliRun run = CliRun.of("keys", "generate", "--role", "PM", "--out", "/dev/null");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(run.err()).contains("/dev/null").contains("not a directory").doesNotContain("Exception");
    }

    @Test
    void sealWithAnEmptyPriorIsRefusedNotPassedOnAsAnEmptyManifestId() {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));

        CliRun run = CliRun.of("seal", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--allow-dirty", "--prior", " ");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--prior is empty");
    }

    @Test
    void verifyOfTheWorkspaceAsItsManifestIsRefusedInOneLine() {
        Path workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));

        CliRun run = CliRun.of("verify", "-w", workspace.toString(), workspace.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("is a directory").doesNotContain("MANIFEST_INVALID");
    }
}
