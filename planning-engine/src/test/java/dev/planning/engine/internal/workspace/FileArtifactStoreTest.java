package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.fixtures.Plans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileArtifactStoreTest {

    @TempDir
    Path workspace;

    @Test
    void writesReadsAndListsByWorkspaceRelativePath() {
        FileArtifactStore store = new FileArtifactStore(workspace);

        store.write("d/b.txt", "b".getBytes(StandardCharsets.UTF_8));
        store.writeOnce("d/a.txt", "a".getBytes(StandardCharsets.UTF_8));

        assertThat(store.read("d/a.txt")).hasValueSatisfying(bytes -> assertThat(bytes).asString().isEqualTo("a"));
        assertThat(store.read("d/none.txt")).isEmpty();
        assertThat(store.exists("d/b.txt")).isTrue();
        assertThat(store.list("d")).containsExactly("d/a.txt", "d/b.txt");
        assertThat(store.list("nothing")).isEmpty();
    }

    @Test
    void refusesToWriteOutsideTheWorkspaceAndWritesNothing(@TempDir Path outside) throws Exception {
        FileArtifactStore store = new FileArtifactStore(workspace);
        Files.createSymbolicLink(workspace.resolve("escape"), outside);

        assertThatThrownBy(() -> store.write("../x.txt", new byte[1])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.write("escape/x.txt", new byte[1])).isInstanceOf(InvalidInputException.class);
        assertThat(Plans.filesUnder(outside)).isEmpty();
        assertThat(Plans.filesUnder(workspace)).isEmpty();
    }
}
