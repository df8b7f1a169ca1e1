package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes compiling at once (a CI matrix, parallel builds) share one cache directory: the
 * first of them to write makes it. Each writer must find the directory usable whichever of them
 * made it, not give up on the cache because another made it between its check and its own mkdir.
 */
class CompiledRulebookCacheRaceTest {

    @TempDir
    Path temp;

    @Test
    void writersRacingToMakeTheCacheDirectoryAllFindItUsable() throws Exception {
        int writers = 4;
        int rounds = 200;
        Path rulebook = Files.createDirectories(temp.resolve("workspace/rulebook"));
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < rounds; round++) {
                Path directory = temp.resolve("caches/" + round);
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<Boolean>> usable = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    CompiledRulebookCache cache = CompiledRulebookCache.at(directory);
                    usable.add(pool.submit(() -> {
                        start.await();
                        return cache.usableFor(rulebook, true);
                    }));
                }
                for (Future<Boolean> result : usable) {
                    assertThat(result.get()).as("round %d: the cache directory is usable to every writer", round)
                            .isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
