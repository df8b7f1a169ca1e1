package dev.planning.engine.internal.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@link RecentlyUsed}: bounded, least recently used out first, atomic updates. */
class RecentlyUsedTest {

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsedFirst() {
        RecentlyUsed<String, Integer> recent = new RecentlyUsed<>(2);
        recent.put("a", 1);
        recent.put("b", 2);
        assertThat(recent.get("a")).isEqualTo(1); // a used after b: b is now the least recently used

        recent.put("c", 3);

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.get("b")).isNull();
        assertThat(recent.get("a")).isEqualTo(1);
        assertThat(recent.get("c")).isEqualTo(3);
    }

    @Test
    void computeIfPresentReplacesOrForgetsOnlyWhatIsThere() {
        RecentlyUsed<String, Integer> recent = new RecentlyUsed<>(4);
        recent.put("a", 1);
        recent.put("b", 2);

        recent.computeIfPresent("a", (k, v) -> v + 10);
        recent.computeIfPresent("b", (k, v) -> null);
        recent.computeIfPresent("c", (k, v) -> 99);

        assertThat(recent.get("a")).isEqualTo(11);
        assertThat(recent.get("b")).isNull();
        assertThat(recent.get("c")).isNull();
        assertThat(recent.size()).isEqualTo(1);
    }

    @Test
    void removeForgetsAndNullValuesAndEmptyCapacitiesAreRefused() {
        RecentlyUsed<String, Integer> recent = new RecentlyUsed<>(1);
        recent.put("a", 1);

        recent.remove("a");

        assertThat(recent.get("a")).isNull();
        assertThatThrownBy(() -> recent.put("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RecentlyUsed<String, Integer>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updatesFromManyThreadsAreNeitherLostNorOverTheCapacity() throws InterruptedException {
        RecentlyUsed<Integer, Integer> recent = new RecentlyUsed<>(8);
        recent.put(0, 0);
        int threads = 8;
        int increments = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < increments; i++) {
                    recent.computeIfPresent(0, (k, v) -> v + 1);
                    recent.put(1 + (offset + i) % 6, i); // other keys come and go; 0 stays among the 7 used
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }

        assertThat(recent.get(0)).isEqualTo(threads * increments);
        assertThat(recent.size()).isLessThanOrEqualTo(8);
    }
}
