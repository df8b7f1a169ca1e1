package dev.planning.bench.jmh;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use just after any collection while it listens: after a collection the heap
 * holds what was reachable then (plus, after a young collection, old objects not yet examined), so
 * the largest such figure over a run is the live size to hold against a heap budget. The peaks of
 * the heap pools, summed, count eden at its fullest (garbage included) and each pool at its own
 * moment: an upper bound that can exceed {@code -Xmx} (see {@code docs/BENCHMARKS.md}, B1).
 */
final class LiveHeap implements AutoCloseable {

    private final AtomicLong max = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    /** Starts listening to every collector of this JVM. */
    LiveHeap() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                .mapToLong(MemoryUsage::getUsed).sum();
        // Non-heap pools (metaspace, code cache) are in the map too; they are small and change
        // little, but are left out by measuring the heap only: subtract them.
        long nonHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.NON_HEAP)
                .map(p -> info.getGcInfo().getMemoryUsageAfterGc().get(p.getName()))
                .mapToLong(u -> u == null ? 0 : u.getUsed()).sum();
        max.accumulateAndGet(used - nonHeap, Math::max);
        collections.incrementAndGet();
    }

    /** The most heap in use after a collection so far, in bytes; 0 if none ran. */
    long maxAfterGc() {
        return max.get();
    }

    /** How many collections were seen. */
    long collections() {
        return collections.get();
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Not registered: nothing to remove.
            }
        }
    }
}
