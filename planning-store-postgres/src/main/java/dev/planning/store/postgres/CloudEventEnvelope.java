package dev.planning.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.lifecycle.CycleRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The message published for each event: a CloudEvents 1.0 JSON envelope (structured mode) whose
 * {@code data} is the event's log line, unchanged, so a consumer can check the hash chain.
 *
 * <pre>{@code
 * {"specversion":"1.0","id":"evt_...","source":"planning://acme/fe/2025-09-02",
 *  "type":"dev.planning.state_transition","subject":"fe/2025-09-02","time":"2025-09-02T10:00:00Z",
 *  "datacontenttype":"application/json","planningrepository":"acme","planningsequence":3,
 *  "planningsha256":"...","data":{"type":"planning_event",...,"prev_sha256":"..."}}
 * }</pre>
 * The Kafka record key is {@link #key(String, CycleRef)}: every event of a cycle goes to one
 * partition, in order.
 */
final class CloudEventEnvelope {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CloudEventEnvelope() {
    }

    /** The Kafka key of a cycle's events: {@code repository/stream/cycleId}. */
    static String key(String repository, CycleRef cycle) {
        return repository + "/" + cycle;
    }

    static byte[] encode(String repository, CycleRef cycle, int sequence, String sha256, String eventId,
            String eventType, String time, byte[] line) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("specversion", "1.0");
        root.put("id", eventId);
        root.put("source", "planning://" + repository + "/" + cycle);
        root.put("type", "dev.planning." + eventType.toLowerCase(Locale.ROOT));
        root.put("subject", cycle.toString());
        root.put("time", time);
        root.put("datacontenttype", "application/json");
        root.put("planningrepository", repository);
        root.put("planningsequence", sequence);
        root.put("planningsha256", sha256);
        try {
            root.set("data", MAPPER.readTree(line));
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot build the CloudEvents envelope of " + eventId, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}
