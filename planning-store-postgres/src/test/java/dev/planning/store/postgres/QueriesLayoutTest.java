package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.signing.TrustedKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PostgresStore#queries(Path, WorkspaceLayout, TrustedKeys)} reads the workspace's rulebook and
 * manifests where its layout puts them; the form without a layout reads the default layout's places.
 */
@Tag("slow")
@Tag("servers")
class QueriesLayoutTest {

    private static final WorkspaceLayout PLANS = new WorkspaceLayout("plans", "policy");

    @TempDir
    Path workspace;

    private final PostgresStore store = TestServers.store(false);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void pendingSignaturesReadTheRulebookWhereTheWorkspacesLayoutPutsIt() throws IOException {
        QueriesWorkspace.write(workspace, PLANS);
        // Where the default layout looks: a file that is no rulebook, refused if it is read.
        Files.createDirectories(workspace.resolve("rulebook"));
        Files.writeString(workspace.resolve("rulebook/rulebook.yaml"), "profiles: [", StandardCharsets.UTF_8);

        assertThat(store.queries(workspace, PLANS, TrustedKeys.none()).pendingSignatures())
                .as("no cycle is sealed: nothing pending, judged against policy/'s signing policy").isEmpty();
        assertThatThrownBy(() -> store.queries(workspace, TrustedKeys.none()).pendingSignatures())
                .as("the form without a layout reads the default layout's rulebook/")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("malformed YAML");
    }
}
