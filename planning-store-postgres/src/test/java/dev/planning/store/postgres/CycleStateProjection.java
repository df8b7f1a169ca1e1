package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The consumer side, as an example: a projection that keeps each cycle's state from the
 * CloudEvents on the topic. It applies a cycle's events by their {@code planningsequence}: one at
 * or below the last applied is a duplicate (delivery is at least once); one further ahead than the
 * next is an early copy that overtook a failed send, which the relay always sends again after its
 * predecessor, so it is skipped now and applied when it comes again in order. An event is identified
 * by its {@code source} and {@code id} together (CloudEvents' rule): ids are unique within a cycle only,
 * and a log {@code store migrate} imported may repeat another cycle's.
 *
 * <p>It fails closed (twelfth review): an envelope is refused, with an {@link IllegalStateException} naming
 * the record's key, unless it is exactly one JSON value with unique keys and every attribute it reads has the
 * form the relay writes ({@code specversion} 1.0, {@code datacontenttype} {@code application/json}, a
 * {@code planningsequence} that is a whole number from 1 to 2^31-1, a {@code planningsha256} of 64 lower-case
 * hex digits), its {@code source}, {@code subject} and {@code planningrepository} name the record's key, its
 * {@code data} decodes as an event line whose entity id, event id, timestamp and type are the envelope's
 * {@code subject}, {@code id}, {@code time} and {@code type}, and, when applied, its data's
 * {@code prev_sha256} is the {@code planningsha256} of the event applied before it (zeros for the first). A
 * repeat of an applied sequence is a duplicate only when it carries the same {@code planningsha256}; another
 * event at that sequence is refused. An applied event moves the cycle as the engine's strict fold does
 * ({@code CycleFold}): a move the lifecycle does not allow, from a state the cycle is not in, a second
 * {@code CYCLE_CREATED} or anything after {@code COMPLETED} is refused, however well chained (review13). What
 * this proves is the topic's agreement with itself, not who wrote it: anyone who can write to the topic can
 * write a consistent chain (see the threat model's word on the event log).
 */
final class CycleStateProjection {

    /** Exactly one JSON value with unique keys (attack28): an envelope two readers read alike. */
    private static final ObjectMapper MAPPER = JsonMappers.strictJson();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final EventLineCodec codec = new EventLineCodec();
    private final Set<String> applied = new HashSet<>();
    private final Set<String> appliedIds = new HashSet<>();
    private final Map<String, CycleState> states = new HashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    /** Each cycle's applied events' {@code planningsha256}, by sequence (index 0 is sequence 1). */
    private final Map<String, List<String>> hashes = new HashMap<>();
    private int duplicates;
    private int early;

    /** Applies one record; returns whether it was applied. */
    boolean apply(ConsumerRecord<String, byte[]> record) throws Exception {
        String key = record.key();
        JsonNode envelope;
        try {
            envelope = MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw refused(key, "not JSON");
        }
        if (envelope == null || !envelope.isObject()) {
            throw refused(key, "not a JSON object");
        }
        if (!"1.0".equals(text(key, envelope, "specversion"))) {
            throw refused(key, "specversion is not 1.0");
        }
        String id = text(key, envelope, "id");
        JsonNode seq = envelope.get("planningsequence");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToInt() || seq.intValue() < 1) {
            throw refused(key, "planningsequence is not a whole number from 1 to " + Integer.MAX_VALUE);
        }
        int sequence = seq.intValue();
        String sha256 = text(key, envelope, "planningsha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw refused(key, "planningsha256 is not 64 lower-case hex digits");
        }
        String repository = text(key, envelope, "planningrepository");
        String subject = text(key, envelope, "subject");
        if (key == null || !key.equals(repository + "/" + subject)
                || !text(key, envelope, "source").equals("planning://" + key)) {
            throw refused(key, "source, subject or planningrepository names another cycle than the record's key");
        }
        if (!"application/json".equals(text(key, envelope, "datacontenttype"))) {
            throw refused(key, "datacontenttype is not application/json");
        }
        String time = text(key, envelope, "time");
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            throw refused(key, "data is not a JSON object");
        }
        EventLineCodec.Line line;
        try {
            line = codec.decode(MAPPER.writeValueAsBytes(data));
        } catch (PlanningException e) {
            throw refused(key, "data is not an event line: " + e.getMessage());
        }
        PlanningEvent event = line.event();
        if (!event.entityId().equals(subject)) {
            throw refused(key, "subject " + subject + " is not the data's entity_id " + event.entityId());
        }
        if (!event.id().equals(id)) {
            throw refused(key, "id " + id + " is not the data's event id " + event.id());
        }
        if (!time.equals(event.timestamp().toString())) {
            throw refused(key, "time " + time + " is not the data's timestamp " + event.timestamp());
        }
        if (!text(key, envelope, "type").equals("dev.planning." + event.type().name().toLowerCase(Locale.ROOT))) {
            throw refused(key, "type is not the data's event type " + event.type());
        }
        List<String> chain = hashes.computeIfAbsent(key, k -> new ArrayList<>());
        int previous = sequences.getOrDefault(key, 0);
        if (sequence <= previous) {
            if (!chain.get(sequence - 1).equals(sha256)) {
                throw refused(key, "sequence " + sequence + " was applied as another event (planningsha256 "
                        + chain.get(sequence - 1) + ", not " + sha256 + ")");
            }
            duplicates++;
            return false;
        }
        if (sequence > previous + 1) {
            early++;
            return false;
        }
        String expectedPrev = previous == 0 ? RecordedEvent.GENESIS : chain.get(previous - 1);
        if (!line.prevHash().equals(expectedPrev)) {
            throw refused(key, "sequence " + sequence + " has prev_sha256 " + line.prevHash() + ", not "
                    + expectedPrev + " of the event applied before it");
        }
        CycleState state = states.getOrDefault(key, CycleState.PLANNED);
        if (state == CycleState.COMPLETED) {
            throw refused(key, "sequence " + sequence + " follows the cycle's COMPLETED");
        }
        CycleState next;
        try {
            // The engine's strict fold, not the store's lenient projection: a well-chained topic may
            // still hold a history the lifecycle does not allow (a log imported, a row written).
            next = CycleFold.apply(key, state, new RecordedEvent(sequence, event, line.prevHash(), sha256),
                    sequence == 1);
        } catch (EventLogCorruptedException e) {
            throw refused(key, e.getMessage());
        }
        if (!applied.add(envelope.get("source").asText() + " " + id)) {
            throw new IllegalStateException(key + ": event id " + id + " applied twice");
        }
        appliedIds.add(id);
        sequences.put(key, sequence);
        chain.add(sha256);
        states.put(key, next);
        return true;
    }

    private static String text(String key, JsonNode envelope, String attribute) {
        JsonNode value = envelope.get(attribute);
        if (value == null || !value.isTextual()) {
            throw refused(key, attribute + " is not a string");
        }
        return value.textValue();
    }

    private static IllegalStateException refused(String key, String why) {
        return new IllegalStateException(key + ": envelope refused: " + why);
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
