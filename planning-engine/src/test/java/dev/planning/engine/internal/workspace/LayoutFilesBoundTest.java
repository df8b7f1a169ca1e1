package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.WorkspaceLayout;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seventh review (2026-12-04): what gates read through {@code GateContext.files().read} (the engine
 * itself fingerprints the contracts file and the capacity model that way before every gate run) was
 * read whole: a contracts file of 3 GiB, which anyone who commits may write, ended {@code gate} with an
 * {@code OutOfMemoryError}. A file over the bound is a {@link PlanningException} now, unread.
 */
class LayoutFilesBoundTest {

    @TempDir
    Path root;

    @Test
    void aFileOverTheBoundIsRefusedUnread() throws Exception {
        try (RandomAccessFile huge = new RandomAccessFile(root.resolve("contracts.yaml").toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: no disk, but a 3 GiB file to whoever reads it
        }

        assertThatThrownBy(() -> new LayoutFiles(root, WorkspaceLayout.DEFAULT).read("contracts.yaml"))
                .isInstanceOf(PlanningException.class).hasMessageContaining("over");
    }

    @Test
    void aFileWithinTheBoundIsRead() throws Exception {
        Files.writeString(root.resolve("contracts.yaml"), "contracts: []\n", StandardCharsets.UTF_8);

        assertThat(new LayoutFiles(root, WorkspaceLayout.DEFAULT).read("contracts.yaml")).get()
                .isEqualTo("contracts: []\n".getBytes(StandardCharsets.UTF_8));
    }
}
