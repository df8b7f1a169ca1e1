package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.engine.fixtures.Plans;
import java.io.RandomAccessFile;
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

    /** A file of {@code length} bytes that takes no disk (sparse). */
    private Path sparse(String name, long length) throws Exception {
        Path file = workspace.resolve(name);
        try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
            huge.setLength(length);
        }
        return file;
    }

    @Test
    void aFileOfThreeGibibytesIsRefusedUnreadNotReadWhole() throws Exception {
        sparse("evidence.json", 3L << 30); // anyone who commits may write a file of any size

        assertThatThrownBy(() -> new FileArtifactStore(workspace).read("evidence.json"))
                .isInstanceOf(PlanningException.class)
                .hasMessage("cannot read evidence.json: it is over the 32 MiB a workspace file is read up to")
                .satisfies(e -> assertThat(((PlanningException) e).location().orElseThrow().file())
                        .isEqualTo("evidence.json"));
    }

    @Test
    void aFileOneByteOverTheBoundIsRefusedAndTheBoundIsTheWorkspaceFilesOne() throws Exception {
        sparse("contracts.yaml", FileArtifactStore.MAX_BYTES + 1);

        assertThat(FileArtifactStore.MAX_BYTES).isEqualTo(LayoutFiles.MAX_BYTES).isEqualTo(32L << 20);
        assertThatThrownBy(() -> new FileArtifactStore(workspace).read("contracts.yaml"))
                .isInstanceOf(PlanningException.class).hasMessageContaining("over the 32 MiB");
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
