package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The central store's configuration file, played by a contributor who can commit any file but holds
 * no key (sixth review). The file names the server and the repository (tenant) whose cycles a
 * workspace's events are read from and written to; a file the contributor can edit would let them
 * move this workspace's history into another tenant's cycles, or read another's as this one's (the
 * credentials come from the runner: a {@code .pgpass}, a client certificate, a trusted network). So a
 * store configuration inside the workspace, or one git tracks, is refused before anything connects,
 * as a trust file there is.
 */
@Tag("slow")
@Tag("attack")
class StoreConfigAttackTest {

    /** A server nobody listens on: a command that got as far as connecting fails there, not here. */
    private static final String CONFIG = "url=jdbc:postgresql://127.0.0.1:1/planning?connectTimeout=1\n"
            + "repository=another-team\n";

    @TempDir
    Path dir;

    @Test
    void aStoreConfigurationInsideTheWorkspaceIsRefusedBeforeAnythingConnects() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path config = Files.writeString(workspace.resolve("store.properties"), CONFIG);

        CliRun status = CliRun.of("status", "-w", workspace.toString(), "--store", config.toString());
        CliRun migrate = CliRun.of("store", "migrate", "-w", workspace.toString(), "--store", config.toString());

        for (CliRun run : new CliRun[] {status, migrate}) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("the store configuration that --store names lies inside the workspace")
                    .contains("give that path to --store").doesNotContain("127.0.0.1");
        }
    }

    @Test
    void aStoreConfigurationGitTracksBesideTheWorkspaceIsRefused() throws Exception {
        Path repository = Files.createDirectories(dir.resolve("repo"));
        Path workspace = CliRun.copyOf("fe-2025-09-02", repository.resolve("planning"));
        Path config = Files.writeString(Files.createDirectories(repository.resolve("ci")).resolve("store.properties"),
                CONFIG);
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Contributor", "c@example.org");
            git.commit().setMessage("plans and a store").setAuthor(who).setCommitter(who).setSign(false).call();
        }

        CliRun status = CliRun.of("status", "-w", workspace.toString(), "--store", config.toString());
        CliRun relay = CliRun.of("store", "quarantined", "--store", config.toString());

        for (CliRun run : new CliRun[] {status, relay}) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("store configuration").contains("committed to")
                    .doesNotContain("127.0.0.1");
            // errors18: the work tree named relative to where it was asked from, never by its absolute path.
            assertThat(run.err()).doesNotContain(repository + ")").doesNotContain(repository + ",");
        }
        assertThat(status.err()).contains("(work tree .., relative to the workspace)");
        assertThat(relay.err()).contains("(work tree .., relative to the store configuration's directory)");
    }
}
