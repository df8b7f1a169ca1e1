package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void keepsTheSidecarOpenBetweenHolds() throws Exception {
        Path log = dir.resolve("kept.jsonl");
        Files.createFile(PathLock.sidecar(log));
        Path key = PathLock.key(log);

        PathLock.holding(key, () -> "first");

        assertThat(OpenSidecars.isKept(key)).isTrue();
        assertThat(PathLock.holding(key, () -> "again")).isEqualTo("again");
    }

    @Test
    void opensTheSidecarAgainWhenItWasDeletedWhileKeptOpen() throws Exception {
        Path log = dir.resolve("deleted.jsonl");
        Files.createFile(PathLock.sidecar(log));
        Path key = PathLock.key(log);
        PathLock.holding(key, () -> "kept");
        Files.delete(PathLock.sidecar(log));

        PathLock.holding(key, () -> "after the delete");

        // Locking the deleted file would exclude nobody: the name is opened (made) again.
        assertThat(PathLock.sidecar(log)).isRegularFile();
    }

    @Test
    void refusesASidecarReplacedByALinkWhileKeptOpen() throws Exception {
        Path log = dir.resolve("ws/replaced.jsonl");
        Files.createDirectories(log.getParent());
        Files.createFile(PathLock.sidecar(log));
        Path key = PathLock.key(log);
        PathLock.holding(key, () -> "kept");
        Path target = dir.resolve("victim.txt");
        Files.writeString(target, "keep");
        Files.delete(PathLock.sidecar(log));
        Files.createSymbolicLink(PathLock.sidecar(log), target);

        assertThatThrownBy(() -> PathLock.holding(key, () -> "ran"))
                .hasMessageContaining("is a symbolic link");
        assertThat(OpenSidecars.isKept(key)).isFalse();
        assertThat(Files.readString(target)).isEqualTo("keep");
    }

    @Test
    void keepsAtMostTheLimitOfSidecarsOpen() throws Exception {
        List<Path> keys = new ArrayList<>();
        for (int i = 0; i < OpenSidecars.MAX_OPEN + 10; i++) {
            Path log = dir.resolve("many-" + i + ".jsonl");
            Files.createFile(PathLock.sidecar(log));
            keys.add(PathLock.key(log));
            PathLock.holding(keys.get(i), () -> "held");
        }

        assertThat(keys.stream().filter(OpenSidecars::isKept).count()).isLessThanOrEqualTo(OpenSidecars.MAX_OPEN);
        // The most recently used are the ones kept.
        assertThat(OpenSidecars.isKept(keys.get(keys.size() - 1))).isTrue();
    }
}
