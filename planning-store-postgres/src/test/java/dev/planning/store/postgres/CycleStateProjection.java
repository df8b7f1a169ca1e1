package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The consumer side, as an example: a projection that keeps each cycle's state from the
 * CloudEvents on the topic. It applies a cycle's events by their {@code planningsequence}: one at
 * or below the last applied is a duplicate (delivery is at least once); one further ahead than the
 * next is an early copy that overtook a failed send, which the relay always sends again after its
 * predecessor, so it is skipped now and applied when it comes again in order. An event is identified
 * by its {@code source} and {@code id} together (CloudEvents' rule): ids are unique within a cycle only,
 * and a log {@code store migrate} imported may repeat another cycle's.
 */
final class CycleStateProjection {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final EventLineCodec codec = new EventLineCodec();
    private final Set<String> applied = new HashSet<>();
    private final Set<String> appliedIds = new HashSet<>();
    private final Map<String, CycleState> states = new HashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    private int duplicates;
    private int early;

    /** Applies one record; returns whether it was applied. */
    boolean apply(ConsumerRecord<String, byte[]> record) throws Exception {
        JsonNode envelope = MAPPER.readTree(record.value());
        String id = envelope.get("id").asText();
        int sequence = envelope.get("planningsequence").asInt();
        int previous = sequences.getOrDefault(record.key(), 0);
        if (sequence <= previous) {
            duplicates++;
            return false;
        }
        if (sequence > previous + 1) {
            early++;
            return false;
        }
        if (!applied.add(envelope.get("source").asText() + " " + id)) {
            throw new IllegalStateException(record.key() + ": event id " + id + " applied twice");
        }
        appliedIds.add(id);
        sequences.put(record.key(), sequence);
        byte[] line = MAPPER.writeValueAsString(envelope.get("data")).getBytes(StandardCharsets.UTF_8);
        PlanningEvent event = codec.decode(line).event();
        states.put(record.key(), ProjectedState.next(states.getOrDefault(record.key(), CycleState.PLANNED), event));
        return true;
    }

    Map<String, CycleState> states() {
        return Map.copyOf(states);
    }

    Map<String, Integer> sequences() {
        return Map.copyOf(sequences);
    }

    int duplicates() {
        return duplicates;
    }

    int early() {
        return early;
    }

    /** The event ids applied (an id two cycles share, once). */
    Set<String> applied() {
        return Set.copyOf(appliedIds);
    }

    /** How many events were applied, each (source, id) once. */
    int appliedCount() {
        return applied.size();
    }
}
