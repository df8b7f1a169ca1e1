package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.fixtures.FaultyFileSystemProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SealedInputs#sweep}: what a full {@code verify} killed before it deleted its pinned inputs
 * left is removed by the next pin, and nothing else: only a directory named for a process that is
 * gone, owned as this process's are, untouched for an hour.
 */
class SealedInputsSweepTest {

    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void removesTheStaleDirectoryOfAProcessThatIsGoneAndKeepsEverythingElse() throws Exception {
        Path ours = Files.createDirectory(tmp.resolve(name(ProcessHandle.current().pid(), start(ProcessHandle.current()))));
        long dead = deadPid();
        Path left = pinned(name(dead, 1_700_000_000_000L), NOW.minus(Duration.ofHours(2)));
        Path recent = pinned(name(dead, 1_700_000_000_001L), NOW.minus(Duration.ofMinutes(30)));
        Path live = pinned(name(ProcessHandle.current().pid(), start(ProcessHandle.current())) + "7",
                NOW.minus(Duration.ofHours(2)));
        Path reused = pinned(name(ProcessHandle.current().pid(), start(ProcessHandle.current()) - 60_000), NOW.minus(Duration.ofHours(2)));
        Path notOurs = pinned("planning-sealed-by-someone", NOW.minus(Duration.ofHours(2)));
        Path aFile = Files.writeString(tmp.resolve(name(dead, 5)), "x", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(aFile, FileTime.from(NOW.minus(Duration.ofHours(2))));
        Path target = Files.createDirectories(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve(name(dead, 6)), target);

        SealedInputs.sweep(tmp, ours, NOW);

        assertThat(left).doesNotExist();
        assertThat(recent.resolve("plan.yaml")).exists();
        assertThat(live.resolve("plan.yaml")).exists();
        assertThat(reused).doesNotExist();
        assertThat(notOurs.resolve("plan.yaml")).exists();
        assertThat(aFile).exists();
        assertThat(link).isSymbolicLink();
        assertThat(target).isDirectory();
        assertThat(ours).isDirectory();
        Files.delete(link);
    }

    /**
     * errs37: pinned inputs the disk fails to delete ({@code EIO}, through the ordinary {@code Files} calls by
     * {@link FaultyFileSystemProvider}) were an {@code UncheckedIOException}, which {@code verify} showed as an
     * internal error; they are the system's failure (exit 3).
     */
    @Test
    void pinnedInputsTheDiskFailsToDeleteAreTheSystemsFailure() throws Exception {
        Path left = pinned(name(deadPid(), 1_700_000_000_000L), NOW.minus(Duration.ofHours(2)));
        FaultyFileSystemProvider disk = FaultyFileSystemProvider.answeringEio(left);

        assertThatThrownBy(() -> SealedInputs.delete(disk.path(left)))
                .isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot delete the sealed inputs written to recompute the verdicts"
                        + " (Input/output error): the system failed, not the input");
        assertThat(left.resolve("plan.yaml")).exists();
    }

    @Test
    void aPinSweepsWhatAKilledProcessLeftInTheTemporaryDirectory() throws Exception {
        Path system = Path.of(System.getProperty("java.io.tmpdir"));
        Path left = Files.createDirectories(system.resolve(name(deadPid(), 1_700_000_000_000L) + "9"));
        Files.writeString(left.resolve("plan.yaml"), "tasks: []\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path workspace = SealFixture.readyExample(tmp);
        HandoffManifest manifest = SealFixture.open(workspace).seal(SealFixture.CYCLE, SealOptions.defaults())
                .manifest().orElseThrow();

        Path pinned;
        try (SealedInputs inputs = new SealedInputs(workspace, WorkspaceLayout.DEFAULT, manifest, SealFixture.CYCLE)) {
            pinned = inputs.pin();
        }
        try {
            assertThat(left).doesNotExist();
            assertThat(SealedInputs.OWNED.matcher(pinned.getFileName().toString()).matches()).isTrue();
            assertThat(pinned.getFileName().toString()).startsWith(name(ProcessHandle.current().pid(),
                    start(ProcessHandle.current())));
        } finally {
            SealedInputs.delete(pinned);
        }
    }

    @Test
    void aPinnedDirectoryIsNamedForItsProcessAndStart() {
        Path pinned = Path.of(System.getProperty("java.io.tmpdir")).resolve(
                name(ProcessHandle.current().pid(), start(ProcessHandle.current())) + "123");

        assertThat(SealedInputs.OWNED.matcher(pinned.getFileName().toString()).matches()).isTrue();
        assertThat(SealedInputs.OWNED.matcher("planning-sealed-123").matches()).isFalse();
        assertThat(SealedInputs.OWNED.matcher("planning-sealed-1-2-3/../x").matches()).isFalse();
    }

    private static String name(long pid, long start) {
        return SealedInputs.PREFIX + pid + "-" + start + "-";
    }

    private static long start(ProcessHandle process) {
        return process.info().startInstant().orElseThrow().toEpochMilli();
    }

    /** A directory as pin leaves it, holding a file, last touched at {@code when}. */
    private Path pinned(String name, Instant when) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name.endsWith("-") ? name + "42" : name));
        Files.writeString(dir.resolve("plan.yaml"), "tasks: []\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(dir, FileTime.from(when));
        return dir;
    }

    /** The id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        long pid = process.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }
}
