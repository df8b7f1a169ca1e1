package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The path locks and their kept sidecar channels. Isolated: the kept channels are process-wide and
 * bounded ({@code OpenSidecars.MAX_OPEN}), so another test class writing event logs at the same time
 * (classes run in parallel in the fast set) could close the one a test here checks is kept
 * ({@code keepsTheSidecarOpenBetweenHolds} failed so once).
 */
@Isolated
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
                .isInstanceOf(LockFailedException.class)
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

    /** reliab21: a lock that cannot be taken is a located error naming the lock file and why, not an I/O exception. */
    @Test
    void aLockWhoseDirectoryIsARegularFileIsALockFailureNamingTheLockFileAndWhyAndRunsNothing() throws Exception {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        AtomicInteger ran = new AtomicInteger();

        assertThatThrownBy(() -> PathLock.holdingCreating(file.resolve("sub/a.jsonl"), ran::incrementAndGet))
                .isInstanceOf(LockFailedException.class)
                .hasMessageContaining("cannot take this lock (")
                .hasMessageContaining("plain")
                .satisfies(e -> assertThat(((LockFailedException) e).describe())
                        .startsWith(file.resolve("sub/a.jsonl.lock").toString() + ": "));
        assertThat(ran).hasValue(0);
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aLockFileThatIsADirectoryIsALockFailureToo() throws Exception {
        Path log = dir.resolve("a.jsonl");
        Files.createDirectories(PathLock.sidecar(log));

        assertThatThrownBy(() -> PathLock.holdingCreating(log, () -> "ran"))
                .isInstanceOf(LockFailedException.class)
                .hasMessageContaining("a.jsonl.lock is not a regular file");
    }

    /** The body's own I/O failure is the caller's to name: it is passed on as it is, never taken for the lock's. */
    @Test
    void anIoFailureOfTheBodyIsPassedOnAsItIsAndTheLockIsReleased() throws Exception {
        Path log = dir.resolve("a.jsonl");
        IOException thrown = new IOException("the body failed");

        assertThatThrownBy(() -> PathLock.holdingCreating(log, () -> {
            throw thrown;
        })).isSameAs(thrown);
        assertThat(PathLock.holdingCreating(log, () -> "again")).isEqualTo("again");
    }

    @Test
    void keepsNoInJvmLockForAKeyOnceNoThreadHoldsOrWaitsForIt() throws Exception {
        List<Path> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Path key = PathLock.key(dir.resolve("cycle-" + i + ".jsonl"));
            keys.add(key);
            PathLock.holding(key, () -> null);
        }

        assertThat(keys).noneMatch(PathLock::inUse);
    }

    @Test
    void dropsTheLockOnlyAfterTheLastOfTwoOverlappingUsersLeaves() throws Exception {
        Path key = PathLock.key(dir.resolve("a.jsonl"));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = pool.submit(() -> PathLock.holding(key, () -> {
                held.countDown();
                await(release);
                return null;
            }));
            await(held);
            Future<?> waiter = pool.submit(() -> PathLock.holding(key, () -> null));
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            waiter.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(PathLock.inUse(key)).isFalse();
    }

    @Test
    void threadsRacingOnOneKeyStillExcludeEachOtherWhileItsLockComesAndGoes() throws Exception {
        Path key = PathLock.key(dir.resolve("a.jsonl"));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        PathLock.holding(key, () -> {
                            if (inside.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            Thread.yield();
                            runs.incrementAndGet();
                            inside.decrementAndGet();
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(overlaps).hasValue(0);
        assertThat(runs).hasValue(threads * 300);
        assertThat(PathLock.inUse(key)).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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

    @Test
    void makesRoomByClosingTheLeastRecentlyUsedSidecarNotTheOneUsedAgain() throws Exception {
        List<Path> keys = new ArrayList<>();
        for (int i = 0; i <= OpenSidecars.MAX_OPEN; i++) {
            Path log = dir.resolve("lru-" + i + ".jsonl");
            Files.createFile(PathLock.sidecar(log));
            keys.add(PathLock.key(log));
        }
        for (int i = 0; i < OpenSidecars.MAX_OPEN; i++) {
            PathLock.holding(keys.get(i), () -> "held");
        }
        PathLock.holding(keys.get(0), () -> "used again, so now the most recent");

        PathLock.holding(keys.get(OpenSidecars.MAX_OPEN), () -> "needs room");

        assertThat(OpenSidecars.isKept(keys.get(OpenSidecars.MAX_OPEN))).isTrue();
        assertThat(OpenSidecars.isKept(keys.get(0))).isTrue();
        assertThat(OpenSidecars.isKept(keys.get(1))).isFalse();
        assertThat(keys.subList(2, OpenSidecars.MAX_OPEN)).allSatisfy(key -> assertThat(OpenSidecars.isKept(key)).isTrue());
    }

    @Test
    void givesAChannelKeptWithTheLockBackOnlyForTheFileItWasKeptFor() throws Exception {
        Path log = Files.createFile(dir.resolve("data.jsonl"));
        Files.createFile(PathLock.sidecar(log));
        Path key = PathLock.key(log);
        Object fileKey = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
        FileChannel channel = FileChannel.open(log, StandardOpenOption.READ);
        PathLock.holding(key, () -> "sidecar kept from now on");

        boolean keptIt = PathLock.holding(key, (PathLock.HeldBody<Boolean>) held -> held.keep(channel, fileKey));
        FileChannel again = PathLock.holding(key, (PathLock.HeldBody<FileChannel>) held -> held.kept(fileKey));
        FileChannel forAnother = PathLock.holding(key, (PathLock.HeldBody<FileChannel>) held -> held.kept("another file"));

        assertThat(keptIt).isTrue();
        assertThat(again).isSameAs(channel);
        assertThat(forAnother).isNull();
        // Asked for another file, the kept channel is closed and forgotten.
        assertThat(channel.isOpen()).isFalse();
        assertThat(PathLock.holding(key, (PathLock.HeldBody<Object>) PathLock.Held::keptFileKey)).isNull();
    }

    @Test
    void closesAChannelKeptWithTheLockWhenTheSidecarIsFoundReplaced() throws Exception {
        KeptChannel kept = keptChannel("replaced-data.jsonl");
        Path log = kept.log();
        Path key = kept.key();
        Object fileKey = kept.fileKey();
        FileChannel channel = kept.channel();

        Files.delete(PathLock.sidecar(log));
        Files.createFile(PathLock.sidecar(log));

        FileChannel after = PathLock.holding(key, (PathLock.HeldBody<FileChannel>) held -> held.kept(fileKey));
        assertThat(after).isNull();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesAChannelKeptWithTheLockWhenItsSidecarIsClosedToMakeRoom() throws Exception {
        List<Path> keys = new ArrayList<>();
        for (int i = 0; i <= OpenSidecars.MAX_OPEN; i++) {
            Path log = dir.resolve("room-" + i + ".jsonl");
            Files.createFile(PathLock.sidecar(log));
            keys.add(PathLock.key(log));
        }
        Path first = Files.createFile(dir.resolve("room-0.jsonl"));
        Object fileKey = Files.readAttributes(first, BasicFileAttributes.class).fileKey();
        FileChannel channel = FileChannel.open(first, StandardOpenOption.READ);
        PathLock.holding(keys.get(0), () -> "sidecar kept from now on");
        PathLock.holding(keys.get(0), (PathLock.HeldBody<Boolean>) held -> held.keep(channel, fileKey));

        for (int i = 1; i <= OpenSidecars.MAX_OPEN; i++) {
            PathLock.holding(keys.get(i), () -> "held");
        }

        assertThat(OpenSidecars.isKept(keys.get(0))).isFalse();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void keepsNoChannelWithALockWhoseSidecarItselfIsNotKept() throws Exception {
        Path log = Files.createFile(dir.resolve("new-sidecar.jsonl"));
        Path key = PathLock.key(log);
        Object fileKey = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
        FileChannel channel = FileChannel.open(log, StandardOpenOption.READ);
        try {
            // The sidecar this hold creates is not kept (its identity is not known), so neither is the channel.
            boolean keptIt = PathLock.holding(key, (PathLock.HeldBody<Boolean>) held -> held.keep(channel, fileKey));
            assertThat(keptIt).isFalse();
        } finally {
            channel.close();
        }
    }

    @Test
    void readsThroughAChannelKeptWithTheLockOnlyForTheFileItWasKeptFor() throws Exception {
        KeptChannel kept = keptChannel("read.jsonl");
        Path key = kept.key();
        Object fileKey = kept.fileKey();
        FileChannel channel = kept.channel();

        assertThat(PathLock.reading(key, fileKey, c -> c == channel ? "kept" : "another", () -> "by name"))
                .isEqualTo("kept");
        assertThat(PathLock.reading(key, "another file", c -> "kept", () -> "by name")).isEqualTo("by name");
        assertThat(PathLock.reading(key, null, c -> "kept", () -> "by name")).isEqualTo("by name");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void readsByNameWhileAHolderOfTheLockUsesTheKeptChannel() throws Exception {
        KeptChannel kept = keptChannel("busy.jsonl");
        Path key = kept.key();
        Object fileKey = kept.fileKey();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = pool.submit(() -> PathLock.holding(key, () -> {
                holding.countDown();
                await(done);
                return null;
            }));
            await(holding);

            assertThat(PathLock.reading(key, fileKey, c -> "kept", () -> "by name")).isEqualTo("by name");
            done.countDown();
            holder.get(10, TimeUnit.SECONDS);
        } finally {
            done.countDown();
            pool.shutdownNow();
        }
    }

    /** A log whose sidecar is kept open, with a channel on the log kept with its lock. */
    private record KeptChannel(Path log, Path key, Object fileKey, FileChannel channel) {
    }

    private KeptChannel keptChannel(String name) throws IOException {
        Path log = Files.createFile(dir.resolve(name));
        Files.createFile(PathLock.sidecar(log));
        Path key = PathLock.key(log);
        Object fileKey = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
        FileChannel channel = FileChannel.open(log, StandardOpenOption.READ);
        PathLock.holding(key, () -> "sidecar kept from now on");
        PathLock.holding(key, (PathLock.HeldBody<Boolean>) held -> held.keep(channel, fileKey));
        return new KeptChannel(log, key, fileKey, channel);
    }
}
