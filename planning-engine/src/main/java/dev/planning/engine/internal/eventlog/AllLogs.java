package dev.planning.engine.internal.eventlog;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * An {@link dev.planning.api.store.EventStore} that reads every cycle's log at once, in a number of
 * round trips that does not grow with the cycles (the PostgreSQL store: one ordered statement). The
 * cross-cycle queries over a workspace's own store ({@link EventLogQueries#ofStore}) read through it
 * instead of listing the cycles and reading each.
 */
@API(status = INTERNAL)
public interface AllLogs {

    /**
     * Every cycle with at least one event and its events, as {@code cycles()} lists the cycles and
     * {@code read(cycle)} returns each: each cycle's hash chain verified as {@code read} verifies it,
     * the first mistake refused as it refuses it ({@link dev.planning.api.EventLogCorruptedException}
     * naming the line), never skipped; a record that names no cycle refused, never passed over.
     *
     * @return each cycle with at least one event and its events, sorted by stream then cycle id
     */
    Map<CycleRef, List<RecordedEvent>> readAll();
}
