package dev.planning.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.InvalidInputException;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The message published for each event: a CloudEvents 1.0 JSON envelope (structured mode) whose
 * {@code data} is the event's log line as a JSON value, written compactly: a line the tool wrote
 * keeps its bytes, a line written by hand (a log {@code planning store migrate} imported) may not
 * (white space, escapes, number forms). {@code planningsha256} is the SHA-256 of the stored line, so
 * a consumer checks the hash chain by the attributes: each event's {@code data.prev_sha256} is the
 * {@code planningsha256} of the event before it (zeros for the first), as the example projection
 * in the module's test sources does.
 *
 * <pre class="language-json">{@code
 * {"specversion":"1.0","id":"evt_...","source":"planning://acme/fe/2025-09-02",
 *  "type":"dev.planning.state_transition","subject":"fe/2025-09-02","time":"2025-09-02T10:00:00Z",
 *  "datacontenttype":"application/json","planningrepository":"acme","planningsequence":3,
 *  "planningsha256":"...","data":{"type":"planning_event",...,"prev_sha256":"..."}}
 * }</pre>
 * The Kafka record key is {@link #key(String, CycleRef)}: every event of a cycle goes to one
 * partition, in order.
 */
final class CloudEventEnvelope {

    private static final ObjectMapper MAPPER = JsonMappers.json();

    private CloudEventEnvelope() {
    }

    /** The Kafka key of a cycle's events: {@code repository/stream/cycleId}. */
    static String key(String repository, CycleRef cycle) {
        return repository + "/" + cycle;
    }

    static byte[] encode(String repository, CycleRef cycle, int sequence, String sha256, String eventId,
            String eventType, String time, byte[] line) {
        JsonNode data;
        try {
            data = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            // The line's own: one the event codec read but this mapper does not (errs37: an IllegalStateException,
            // which the relay takes for a fault of its own since then; the line is quarantined, as a bad line).
            throw new InvalidInputException("cannot build the CloudEvents envelope of " + eventId + ": its line is"
                    + " not JSON this mapper reads (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return MAPPER.writeValueAsBytes(new Envelope("1.0", eventId, "planning://" + repository + "/" + cycle,
                    "dev.planning." + eventType.toLowerCase(Locale.ROOT), cycle.toString(), time, "application/json",
                    repository, sequence, sha256, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the CloudEvents envelope of " + eventId, e);
        }
    }

    /** Parses a published message (for consumers and tests). */
    static JsonNode decode(byte[] message) {
        try {
            return MAPPER.readTree(message);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a CloudEvents JSON envelope: " + e.getMessage(), e);
        }
    }

    /**
     * The envelope's attributes, in the order written: the CloudEvents context attributes, this
     * project's extension attributes, and the log line as {@code data}.
     */
    private record Envelope(String specversion, String id, String source, String type, String subject, String time,
            String datacontenttype, String planningrepository, int planningsequence, String planningsha256,
            JsonNode data) {
    }
}
