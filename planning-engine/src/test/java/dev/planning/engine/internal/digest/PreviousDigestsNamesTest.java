package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mend28: a {@code digests/*-digest.md} file whose name stands for no cycle (its cycle id invalid) cannot be told
 * earlier or later than the cycle being published, so it is refused, naming it and the name expected, never
 * passed over as if it were not committed.
 */
class PreviousDigestsNamesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-16");
    private static final String DIGESTS = "frameworks/planning-fe/digests/";

    @TempDir
    Path workspace;

    private void write(String name) throws IOException {
        Path file = workspace.resolve(DIGESTS + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\n---\n");
    }

    @Test
    void aDigestWhoseNameStandsForNoCycleIsRefusedNamingTheFileAndTheNameExpected() throws IOException {
        write("2025-09-02 copy-digest.md");

        assertThatThrownBy(() -> PreviousDigests.before(workspace, WorkspaceLayout.DEFAULT, CYCLE, c -> List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.location())
                        .contains(SourceLocation.ofFile(DIGESTS + "2025-09-02 copy-digest.md")))
                .hasMessageContaining(DIGESTS + "2025-09-02 copy-digest.md")
                .hasMessageContaining("invalid cycle id '2025-09-02 copy'")
                .hasMessageContaining("<cycle-id>-digest.md");
    }

    @Test
    void aDigestNamedWithoutACycleIdIsRefused() throws IOException {
        write("-digest.md");

        assertThatThrownBy(() -> PreviousDigests.before(workspace, WorkspaceLayout.DEFAULT, CYCLE, c -> List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(DIGESTS + "-digest.md");
    }

    @Test
    void otherFilesOfTheDigestsDirectoryAreNoDigestsAndLeftAlone() throws IOException {
        write("README.md");

        assertThat(PreviousDigests.before(workspace, WorkspaceLayout.DEFAULT, CYCLE, c -> List.of())).isEmpty();
    }
}
