package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathLockTest {

    @TempDir
    Path dir;

    @Test
    void createsTheSidecarAsAPlainFileAndRunsTheBody() throws Exception {
        Path log = dir.resolve("a.jsonl");

        assertThat(PathLock.holding(PathLock.key(log), () -> "ran")).isEqualTo("ran");
        assertThat(PathLock.sidecar(log)).isRegularFile();
    }

    @Test
    void refusesASidecarThatIsADanglingLinkAndCreatesNothingWhereItPoints() throws Exception {
        Path log = dir.resolve("ws/a.jsonl");
        Files.createDirectories(log.getParent());
        Path outside = dir.resolve("outside/created-by-the-lock");
        Files.createDirectories(outside.getParent());
        Files.createSymbolicLink(PathLock.sidecar(log), outside);

        assertThatThrownBy(() -> PathLock.holding(PathLock.key(log), () -> "ran"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a.jsonl.lock is a symbolic link");
        assertThat(outside).doesNotExist();
    }

    @Test
    void refusesASidecarLinkToAnExistingFileAndLeavesThatFileAlone() throws Exception {
        Path log = dir.resolve("ws/a.jsonl");
        Files.createDirectories(log.getParent());
        Path target = dir.resolve("victim.txt");
        Files.writeString(target, "keep");
        Files.createSymbolicLink(PathLock.sidecar(log), target);

        assertThatThrownBy(() -> PathLock.holding(PathLock.key(log), () -> "ran"))
                .hasMessageContaining("is a symbolic link");
        assertThat(Files.readString(target)).isEqualTo("keep");
    }

    @Test
    void refusesASidecarThatIsADirectory() throws Exception {
        Path log = dir.resolve("a.jsonl");
        Files.createDirectories(PathLock.sidecar(log));

        assertThatThrownBy(() -> PathLock.holding(PathLock.key(log), () -> "ran"))
                .hasMessageContaining("is not a regular file");
    }
}
