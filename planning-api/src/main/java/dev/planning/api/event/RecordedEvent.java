package dev.planning.api.event;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An event as stored in a cycle's log: the event, its 1-based line number, the SHA-256 of the
 * previous line it chains to, and the SHA-256 of its own line (what the next line chains to).
 *
 * @param line     1-based line number in the log
 * @param event    the event, never {@code null}
 * @param prevHash lower-case hex SHA-256 of the previous line; 64 zeros for the first line
 * @param hash     lower-case hex SHA-256 of this line's bytes, without the line feed
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record RecordedEvent(int line, PlanningEvent event, String prevHash, String hash) {

    /** The {@code prevHash} of a log's first line. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param line 1-based line number in the log
     * @param event the event, never {@code null}
     * @param prevHash lower-case hex SHA-256 of the previous line; 64 zeros for the first line
     * @param hash lower-case hex SHA-256 of this line's bytes, without the line feed
     */
    public RecordedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }
}
