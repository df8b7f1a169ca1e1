package dev.planning.engine.internal.eventlog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A small, thread-safe map of the most recently used entries: at most {@code capacity} of them, the
 * least recently used (read or written) dropped first. What {@link FileEventStore} remembers of logs
 * lives here: a few entries, each a handful of references, read and written around a file read or an
 * append that costs far more. The JDK's {@link LinkedHashMap} in access order, behind one lock, rather
 * than a Caffeine cache: a short command reads its logs once and never reads them back, and a Caffeine
 * cache cost such a command about 110 classes and, in Caffeine's class initialisation, the JDK's
 * logging back end (docs/benchmarks/cold-start.md, "Cold start, thirteenth pass").
 *
 * @param <K> the key
 * @param <V> the value; never {@code null}
 */
final class RecentlyUsed<K, V> {

    private final Map<K, V> entries;

    /** An empty map that keeps at most {@code capacity} entries (at least one). */
    RecentlyUsed(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value for {@code key}, or {@code null} when none is remembered; counts as a use. */
    synchronized V get(K key) {
        return entries.get(key);
    }

    /** Remembers {@code value} for {@code key}, dropping the least recently used entry when full. */
    synchronized void put(K key, V value) {
        entries.put(key, Objects.requireNonNull(value, "value"));
    }

    /** Forgets {@code key}. */
    synchronized void remove(K key) {
        entries.remove(key);
    }

    /**
     * Replaces the value for {@code key}, if there is one, by {@code remapping}'s answer, or forgets it
     * when the answer is {@code null}; atomically with respect to every other method.
     */
    synchronized void computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remapping) {
        entries.computeIfPresent(key, remapping);
    }

    /** How many entries are remembered; for tests. */
    synchronized int size() {
        return entries.size();
    }
}
