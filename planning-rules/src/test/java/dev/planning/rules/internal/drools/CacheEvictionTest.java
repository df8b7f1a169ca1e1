package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache directory is kept within its bound, least recently used first, and eviction deletes only
 * the regular, owner-only files the cache itself names, in a directory that passes the cache's checks.
 */
class CacheEvictionTest {

    private static final String MAGIC = "planning-kept-result test 1";

    @TempDir
    Path temp;

    private Path cache() throws IOException {
        Path directory = temp.resolve("cache");
        if (!Files.exists(directory)) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return directory;
    }

    private static String key(int n) {
        return CompiledRulebookCache.key(List.of("n"), List.of(Integer.toString(n).getBytes(StandardCharsets.UTF_8)));
    }

    /** A file of the cache's own shape: {@code KEY.lint}, owner-only, {@code size} bytes, modified {@code ageHours} ago. */
    private Path kept(int n, int size, int ageHours) throws IOException {
        Path file = cache().resolve(key(n) + ".lint");
        Files.write(file, new byte[size]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(ageHours))));
        return file;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(cache())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private Path workspace() throws IOException {
        return Files.createDirectories(temp.resolve("workspace"));
    }

    @Test
    void aSweepLeavesAtMostTheBoundsFilesAndKeepsTheMostRecentlyUsed() throws IOException {
        for (int n = 0; n < 10; n++) {
            kept(n, 100, 100 - n); // file 9 is the newest
        }

        int deleted = new CacheEviction(1_000_000, 3).sweep(cache(), null);

        assertThat(deleted).isEqualTo(7);
        assertThat(names()).containsExactlyInAnyOrder(key(7) + ".lint", key(8) + ".lint", key(9) + ".lint");
    }

    @Test
    void aSweepLeavesAtMostTheBoundsBytes() throws IOException {
        for (int n = 0; n < 10; n++) {
            kept(n, 1000, 100 - n);
        }

        new CacheEviction(3500, 1000).sweep(cache(), null);

        assertThat(names()).containsExactlyInAnyOrder(key(7) + ".lint", key(8) + ".lint", key(9) + ".lint");
    }

    @Test
    void theFileJustWrittenSurvivesEvenWhenItAloneExceedsTheBound() throws IOException {
        kept(1, 10, 1);
        Path written = kept(2, 5000, 50); // older time, but the one this process just wrote

        new CacheEviction(1000, 10).sweep(cache(), written);

        assertThat(names()).containsExactly(key(2) + ".lint");
    }

    @Test
    void writingThroughTheCacheKeepsItWithinItsBoundAndTheNewestResultReadable() throws IOException {
        Path rulebook = Files.createDirectories(workspace().resolve("rulebook"));
        for (int n = 0; n < 6; n++) {
            assertThat(CompiledRulebookCache.at(cache()).bounded(1_000_000, 2)
                    .storeResult(key(n), "lint", MAGIC, ("result " + n).getBytes(StandardCharsets.UTF_8), rulebook,
                            workspace())).isTrue();
            // each result an hour newer than the one before, so the order of use is the order written
            Files.setLastModifiedTime(cache().resolve(key(n) + ".lint"),
                    FileTime.from(Instant.now().minus(Duration.ofHours(10 - n))));
        }

        assertThat(names()).hasSize(2);
        assertThat(CompiledRulebookCache.at(cache()).readResult(key(5), "lint", MAGIC, 1000, rulebook, workspace()))
                .hasValueSatisfying(p -> assertThat(new String(p, StandardCharsets.UTF_8)).isEqualTo("result 5"));
        assertThat(CompiledRulebookCache.at(cache()).readResult(key(0), "lint", MAGIC, 1000, rulebook, workspace()))
                .isEmpty();
    }

    @Test
    void aResultThatChecksOutWhenReadCountsAsRecentlyUsed() throws IOException {
        Path rulebook = Files.createDirectories(workspace().resolve("rulebook"));
        CompiledRulebookCache cache = CompiledRulebookCache.at(cache());
        cache.storeResult(key(1), "lint", MAGIC, "old".getBytes(StandardCharsets.UTF_8), rulebook, workspace());
        cache.storeResult(key(2), "lint", MAGIC, "newer".getBytes(StandardCharsets.UTF_8), rulebook, workspace());
        Files.setLastModifiedTime(cache().resolve(key(1) + ".lint"), FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        Files.setLastModifiedTime(cache().resolve(key(2) + ".lint"), FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        assertThat(cache.readResult(key(1), "lint", MAGIC, 1000, rulebook, workspace())).isPresent();
        new CacheEviction(1_000_000, 1).sweep(cache(), null);

        assertThat(names()).containsExactly(key(1) + ".lint");
    }

    @Test
    void linksForeignNamesAndFilesOthersMayReadAreNeitherDeletedNorFollowed() throws IOException {
        Path outside = Files.writeString(temp.resolve("precious.txt"), "keep me");
        Files.setLastModifiedTime(outside, FileTime.from(Instant.now().minus(Duration.ofDays(30))));
        Path link = Files.createSymbolicLink(cache().resolve(key(1) + ".bin"), outside);
        Path notes = Files.writeString(cache().resolve("notes.txt"), "mine");
        Path shared = kept(2, 10, 500);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        Path directory = Files.createDirectory(cache().resolve(key(3) + ".lint"));
        Path ours = kept(4, 10, 400);
        Path newest = kept(5, 10, 1);

        new CacheEviction(1_000_000, 1).sweep(cache(), null);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(outside)).isEqualTo("keep me");
        assertThat(notes).exists();
        assertThat(shared).exists();
        assertThat(directory).isDirectory();
        assertThat(ours).doesNotExist();
        assertThat(newest).exists();
    }

    @Test
    void nothingIsDeletedInADirectoryThatFailsTheCachesChecks() throws IOException {
        for (int n = 0; n < 5; n++) {
            kept(n, 10, 10 - n);
        }
        Files.setPosixFilePermissions(cache(), PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(new CacheEviction(1, 1).sweep(cache(), null)).isZero();
        assertThatThrownBy(() -> CacheEviction.clear(cache())).isInstanceOf(IOException.class);
        assertThat(names()).hasSize(5);
    }

    @Test
    void nothingIsDeletedThroughADirectoryThatIsALink() throws IOException {
        for (int n = 0; n < 5; n++) {
            kept(n, 10, 10 - n);
        }
        Path link = Files.createSymbolicLink(temp.resolve("linked-cache"), cache());

        assertThat(new CacheEviction(1, 1).sweep(link, null)).isZero();
        assertThatThrownBy(() -> CacheEviction.clear(link)).isInstanceOf(IOException.class);
        assertThat(names()).hasSize(5);
    }

    @Test
    void aDirectorySwappedForALinkAfterItsCheckIsNotWhereFilesAreDeleted() throws IOException {
        Path entry = kept(1, 10, 1);
        // The user's own file elsewhere, named and protected like a cache entry.
        Path victim = Files.createDirectory(temp.resolve("victim"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path theirs = Files.write(victim.resolve(entry.getFileName()), new byte[10]);
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rw-------"));
        Path moved = temp.resolve("cache-moved");
        AtomicBoolean swapped = new AtomicBoolean();

        // Someone who may write the cache directory's parent swaps it for a link once it was checked
        // and opened (here: as its first entry is looked at).
        long[] cleared = CacheEviction.count(cache(), name -> {
            if (swapped.compareAndSet(false, true)) {
                try {
                    Files.move(temp.resolve("cache"), moved);
                    Files.createSymbolicLink(temp.resolve("cache"), victim);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return true;
        }, true);

        assertThat(swapped).isTrue();
        assertThat(theirs).exists();
        assertThat(moved.resolve(entry.getFileName())).doesNotExist();
        assertThat(cleared[0]).isEqualTo(1);
    }

    /** A temporary of the cache's, named {@code name}, owner-only, modified {@code ageMinutes} ago. */
    private Path temporary(String name, int ageMinutes) throws IOException {
        Path file = cache().resolve(name);
        Files.write(file, new byte[10]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(ageMinutes))));
        return file;
    }

    @Test
    void aStaleTemporaryFileIsDeletedAndAWriterInProgressIsLeftAlone() throws IOException {
        // The product's writer names them .KEY.SUFFIX~N.tmp (fold26); KEYN.tmp is how this cache named them before.
        Path stale = temporary("." + key(1) + ".lint~123456789.tmp", 120);
        Path fresh = temporary("." + key(2) + ".bin~987654321.tmp", 50);
        Path staleOld = temporary(key(3) + "123456789.tmp", 120);
        Path freshOld = temporary(key(4) + "987654321.tmp", 50);

        new CacheEviction(1_000_000, 1000).sweep(cache(), null);

        assertThat(stale).doesNotExist();
        assertThat(staleOld).doesNotExist();
        assertThat(fresh).exists();
        assertThat(freshOld).exists();
    }

    @Test
    void aTemporaryOfAnotherShapeIsNotTheCachesAndIsLeftWhateverItsAge() throws IOException {
        List<Path> others = List.of(temporary("." + key(1) + "~123.tmp", 600), temporary("." + key(1) + ".lint~x.tmp", 600),
                temporary(".cache-key~123.tmp", 600), temporary("." + key(1) + ".LINT~123.tmp", 600),
                temporary("." + key(1) + ".lint~123.tmp.bak", 600));

        new CacheEviction(1_000_000, 1000).sweep(cache(), null);
        long[] cleared = CacheEviction.clear(cache());

        assertThat(cleared).containsExactly(0, 0);
        assertThat(others).allMatch(Files::exists);
    }

    @Test
    void twoWritersOfOneResultAtOnceBothKeepItAndLeaveNoTemporary() throws Exception {
        Path workspace = workspace();
        Path rulebook = Files.createDirectories(workspace.resolve("rulebook"));
        Path cache = cache();
        byte[] result = "result".getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> writers = List.of(
                        pool.submit(() -> { start.await(); return CompiledRulebookCache.at(cache)
                                .storeResult(key(1), "lint", MAGIC, result, rulebook, workspace); }),
                        pool.submit(() -> { start.await(); return CompiledRulebookCache.at(cache)
                                .storeResult(key(1), "lint", MAGIC, result, rulebook, workspace); }));
                start.countDown();

                assertThat(writers.get(0).get()).as("round %d, first writer", round).isTrue();
                assertThat(writers.get(1).get()).as("round %d, second writer", round).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(CompiledRulebookCache.at(cache()).readResult(key(1), "lint", MAGIC, 1000, rulebook, workspace()))
                .hasValueSatisfying(p -> assertThat(p).isEqualTo(result));
        assertThat(names()).containsExactly(key(1) + ".lint");
    }

    @Test
    void writingAResultSweepsTheTemporaryACrashedWriterOfItLeftAnHourAgoNotAYoungerOne() throws IOException {
        Path rulebook = Files.createDirectories(workspace().resolve("rulebook"));
        Path crashed = temporary("." + key(1) + ".lint~123456789.tmp", 61);
        Path underWay = temporary("." + key(1) + ".lint~987654321.tmp", 59);

        assertThat(CompiledRulebookCache.at(cache()).storeResult(key(1), "lint", MAGIC,
                "result".getBytes(StandardCharsets.UTF_8), rulebook, workspace())).isTrue();

        assertThat(crashed).doesNotExist();
        assertThat(underWay).exists();
        assertThat(Files.getPosixFilePermissions(cache().resolve(key(1) + ".lint")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void clearDeletesEveryFileTheCacheNamedAndNothingElse() throws IOException {
        kept(1, 10, 1);
        kept(2, 20, 1);
        Path notes = Files.writeString(cache().resolve("notes.txt"), "mine");
        Path outside = Files.writeString(temp.resolve("precious.txt"), "keep me");
        Path link = Files.createSymbolicLink(cache().resolve(key(3) + ".bin"), outside);

        long[] cleared = CacheEviction.clear(cache());

        assertThat(cleared).containsExactly(2, 30);
        assertThat(names()).containsExactlyInAnyOrder("notes.txt", key(3) + ".bin");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(notes).exists();
        assertThat(Files.readString(outside)).isEqualTo("keep me");
    }

    @Test
    void twoSweepsAtOnceBothFinishAndLeaveTheBound() throws Exception {
        for (int n = 0; n < 200; n++) {
            kept(n, 10, 1000 - n);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> sweeps = List.of(
                    pool.submit(() -> { start.await(); return new CacheEviction(1_000_000, 50).sweep(cache(), null); }),
                    pool.submit(() -> { start.await(); return new CacheEviction(1_000_000, 50).sweep(cache(), null); }));
            start.countDown();
            int deleted = sweeps.get(0).get() + sweeps.get(1).get();

            assertThat(deleted).isEqualTo(150);
        } finally {
            pool.shutdownNow();
        }
        assertThat(names()).hasSize(50).contains(key(199) + ".lint");
    }

    @Test
    void theBoundFollowsTheEnvironmentAndABadValueMeansTheDefault() {
        CacheEviction set = CacheEviction.from(Map.of("PLANNING_CACHE_MAX_BYTES", "64M", "PLANNING_CACHE_MAX_FILES", "300"));
        assertThat(set.maxBytes()).isEqualTo(64L << 20);
        assertThat(set.maxFiles()).isEqualTo(300);
        assertThat(CacheEviction.from(Map.of("PLANNING_CACHE_MAX_BYTES", "2g")).maxBytes()).isEqualTo(2L << 30);
        assertThat(CacheEviction.from(Map.of("PLANNING_CACHE_MAX_BYTES", "4096")).maxBytes()).isEqualTo(4096);
        for (String bad : List.of("", "0", "-1", "1T", "12 MB", "99999999999999999G", "0x10")) {
            CacheEviction fallback = CacheEviction.from(Map.of("PLANNING_CACHE_MAX_BYTES", bad, "PLANNING_CACHE_MAX_FILES", bad));
            assertThat(fallback.maxBytes()).as(bad).isEqualTo(CacheEviction.DEFAULT_MAX_BYTES);
            assertThat(fallback.maxFiles()).as(bad).isEqualTo(CacheEviction.DEFAULT_MAX_FILES);
        }
        assertThat(CacheEviction.from(Map.of()).maxBytes()).isEqualTo(256L << 20);
    }

    @Test
    void aRunThatWritesManyFilesSweepsAnEighthOfTheBoundApartNotOnEveryWrite() throws IOException {
        CacheEviction eviction = new CacheEviction(1_000_000, 80);
        for (int n = 0; n < 100; n++) {
            eviction.written(cache(), kept(n, 10, 0), 10);
        }

        // A sweep after the first write and after every eleventh since: never more than 80 + 10 files.
        assertThat(names().size()).isLessThanOrEqualTo(90).isGreaterThanOrEqualTo(80);
        assertThat(Files.exists(cache().resolve(key(99) + ".lint"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
