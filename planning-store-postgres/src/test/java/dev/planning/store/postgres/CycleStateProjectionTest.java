package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The consumer example ({@link CycleStateProjection}) fed what a topic may deliver (sixth review):
 * duplicates, an early copy, reordering, and two cycles whose logs repeat each other's event ids (a
 * log {@code store migrate} imported is whoever committed it). No server: the envelopes are built as
 * the relay builds them.
 */
class CycleStateProjectionTest {

    private static final CycleRef ONE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef TWO = new CycleRef("fe", "2025-09-16");

    private final EventLineCodec codec = new EventLineCodec();
    private long offset;

    /** The envelopes of a cycle's log, in order, with the given event ids. */
    private List<ConsumerRecord<String, byte[]>> log(CycleRef cycle, String... ids) {
        List<PlanningEvent> events = List.of(Events.created(cycle), Events.moved(cycle, CycleState.PLANNED,
                CycleState.READY_FOR_HANDOFF));
        List<PlanningEvent> renamed = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            PlanningEvent e = events.get(i);
            renamed.add(new PlanningEvent(ids[i], e.timestamp(), e.type(), e.fromState(), e.toState(), e.entityId(),
                    e.triggeredBy(), e.gateResults(), e.details()));
        }
        return chain(cycle, renamed);
    }

    @Test
    void twoCyclesRepeatingEachOthersEventIdsAreBothApplied() throws Exception {
        List<ConsumerRecord<String, byte[]>> one = log(ONE, "evt_a", "evt_b");
        List<ConsumerRecord<String, byte[]>> two = log(TWO, "evt_a", "evt_b");
        CycleStateProjection projection = new CycleStateProjection();

        for (ConsumerRecord<String, byte[]> r : List.of(one.get(0), two.get(0), one.get(1), two.get(1))) {
            assertThat(projection.apply(r)).isTrue();
        }

        assertThat(projection.states()).containsOnly(
                Map.entry("acme/" + ONE, CycleState.READY_FOR_HANDOFF),
                Map.entry("acme/" + TWO, CycleState.READY_FOR_HANDOFF));
    }

    @Test
    void duplicatesAndAnEarlyCopyAreSkippedAndTheCycleEndsWhereItsLogDoes() throws Exception {
        List<ConsumerRecord<String, byte[]>> one = log(ONE, "evt_a", "evt_b");
        CycleStateProjection projection = new CycleStateProjection();

        // The second event overtakes the first (a failed send), then both come again, then duplicates.
        for (ConsumerRecord<String, byte[]> r : List.of(one.get(1), one.get(0), one.get(0), one.get(1), one.get(1))) {
            projection.apply(r);
        }

        assertThat(projection.early()).isEqualTo(1);
        assertThat(projection.duplicates()).isEqualTo(2);
        assertThat(projection.sequences()).containsOnly(Map.entry("acme/" + ONE, 2));
        assertThat(projection.states()).containsOnly(Map.entry("acme/" + ONE, CycleState.READY_FOR_HANDOFF));
    }

    // Twelfth review (2026-12-04): envelopes that are malformed, forged or disagree with their own
    // data. The example applied each whose planningsequence fitted, or skipped it as a duplicate,
    // whatever the rest said: a consumer copying it would follow a forged or damaged topic silently.

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code record} with its envelope changed by {@code edit}. */
    private static ConsumerRecord<String, byte[]> edited(ConsumerRecord<String, byte[]> record, Consumer<ObjectNode> edit)
            throws Exception {
        ObjectNode envelope = (ObjectNode) JSON.readTree(record.value());
        edit.accept(envelope);
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(),
                JSON.writeValueAsBytes(envelope));
    }

    @Test
    void aSequenceThatIsNotAPositiveWholeNumberIsRefusedNotTakenForADuplicate() throws Exception {
        ConsumerRecord<String, byte[]> first = log(ONE, "evt_a").get(0);
        for (Consumer<ObjectNode> edit : List.<Consumer<ObjectNode>>of(
                e -> e.put("planningsequence", "1"),
                e -> e.put("planningsequence", 1.5),
                e -> e.put("planningsequence", 4294967297L), // an int of 1 once cut to 32 bits
                e -> e.put("planningsequence", 0),
                e -> e.remove("planningsequence"),
                e -> e.putNull("id"),
                e -> e.put("specversion", "0.3"),
                e -> e.put("planningsha256", "AB".repeat(32)))) {
            CycleStateProjection projection = new CycleStateProjection();
            assertThatThrownBy(() -> projection.apply(edited(first, edit))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(first.key());
            assertThat(projection.states()).isEmpty();
        }
    }

    /**
     * attack28: the example read an envelope with Jackson's defaults, so a repeated attribute (the last taken, where
     * another reader may take the first) and anything after the envelope's value were applied without a word: an
     * envelope two readers read differently. It now reads exactly one JSON value with unique keys.
     */
    @Test
    void anEnvelopeThatIsNotExactlyOneJsonValueWithUniqueKeysIsRefused() throws Exception {
        ConsumerRecord<String, byte[]> first = log(ONE, "evt_a").get(0);
        String text = new String(first.value(), StandardCharsets.UTF_8);
        String forgedSource = "{\"source\":\"planning://other/" + TWO + "\"," + text.substring(1);
        for (String value : List.of(forgedSource, text + "{\"specversion\":\"1.0\"}", text + " x",
                text.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\",\"specversion\":\"1.0\""))) {
            CycleStateProjection projection = new CycleStateProjection();
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(first.topic(), first.partition(),
                    first.offset(), first.key(), value.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> projection.apply(record)).as(value).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(first.key() + ": envelope refused: not JSON");
            assertThat(projection.states()).isEmpty();
        }
        assertThat(new CycleStateProjection().apply(first)).isTrue();
    }

    /**
     * attack28: the example did not read {@code time} or {@code datacontenttype}, so an envelope without them, one
     * whose data is declared another media type, or one timed otherwise than its event was applied as it came.
     */
    @Test
    void anEnvelopeWithoutItsTimeAndMediaTypeOrDisagreeingWithThemIsRefused() throws Exception {
        ConsumerRecord<String, byte[]> first = log(ONE, "evt_a").get(0);
        for (Consumer<ObjectNode> edit : List.<Consumer<ObjectNode>>of(
                e -> e.remove("time"),
                e -> e.put("time", "2099-01-01T00:00:00Z"),
                e -> e.remove("datacontenttype"),
                e -> e.put("datacontenttype", "application/xml"))) {
            CycleStateProjection projection = new CycleStateProjection();
            assertThatThrownBy(() -> projection.apply(edited(first, edit))).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(first.key() + ": envelope refused: ");
            assertThat(projection.states()).isEmpty();
        }
    }

    @Test
    void anEnvelopeWhoseAttributesDisagreeWithItsKeyOrItsDataIsRefused() throws Exception {
        ConsumerRecord<String, byte[]> first = log(ONE, "evt_a").get(0);
        for (Consumer<ObjectNode> edit : List.<Consumer<ObjectNode>>of(
                e -> e.put("source", "planning://acme/" + TWO),
                e -> e.put("subject", TWO.toString()),
                e -> e.put("planningrepository", "other"),
                e -> e.put("id", "evt_other"),
                e -> e.put("type", "dev.planning.manifest_sealed"))) {
            CycleStateProjection projection = new CycleStateProjection();
            assertThatThrownBy(() -> projection.apply(edited(first, edit))).isInstanceOf(IllegalStateException.class);
            assertThat(projection.states()).isEmpty();
        }
    }

    /**
     * Key, source, subject and repository agree, but the event the data carries is about another
     * cycle (an event of TWO's log forged into ONE's envelope): refused as a forged envelope.
     */
    @Test
    void anEnvelopeWhoseDataIsAboutAnotherCycleThanItsSubjectIsRefused() throws Exception {
        ConsumerRecord<String, byte[]> first = log(ONE, "evt_a").get(0);
        ConsumerRecord<String, byte[]> forged = edited(first,
                e -> ((ObjectNode) e.get("data").get("event").get("payload")).put("entity_id", TWO.toString()));
        CycleStateProjection projection = new CycleStateProjection();

        assertThatThrownBy(() -> projection.apply(forged)).isInstanceOf(IllegalStateException.class)
                .hasMessage(first.key() + ": envelope refused: subject " + ONE + " is not the data's entity_id " + TWO);
        assertThat(projection.states()).isEmpty();
        assertThat(projection.apply(first)).isTrue();
    }

    @Test
    void anEventThatDoesNotChainToTheOneAppliedBeforeItIsRefused() throws Exception {
        List<ConsumerRecord<String, byte[]>> one = log(ONE, "evt_a", "evt_b");
        List<ConsumerRecord<String, byte[]>> other = log(ONE, "evt_x", "evt_y"); // another log of the same cycle
        CycleStateProjection projection = new CycleStateProjection();
        assertThat(projection.apply(one.get(0))).isTrue();

        // Its sequence is the next, but its data's prev_sha256 names another first event.
        assertThatThrownBy(() -> projection.apply(other.get(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("prev_sha256");
        assertThat(projection.sequences()).containsOnly(Map.entry("acme/" + ONE, 1));
    }

    @Test
    void aRepeatOfAnAppliedSequenceThatIsAnotherEventIsRefusedNotDroppedAsADuplicate() throws Exception {
        List<ConsumerRecord<String, byte[]>> one = log(ONE, "evt_a", "evt_b");
        List<ConsumerRecord<String, byte[]>> other = log(ONE, "evt_x");
        CycleStateProjection projection = new CycleStateProjection();
        assertThat(projection.apply(one.get(0))).isTrue();
        assertThat(projection.apply(one.get(0))).isFalse(); // the same event again: a duplicate

        assertThatThrownBy(() -> projection.apply(other.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sequence 1");
        assertThat(projection.duplicates()).isEqualTo(1);
    }

    /** The envelopes of a well-chained log of {@code events}, in order, as the relay builds them. */
    private List<ConsumerRecord<String, byte[]>> chain(CycleRef cycle, List<PlanningEvent> events) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        String prev = RecordedEvent.GENESIS;
        for (int i = 0; i < events.size(); i++) {
            PlanningEvent event = events.get(i);
            byte[] line = codec.encode(event, prev);
            prev = Sha256.hex(line);
            records.add(new ConsumerRecord<>("t", 0, offset++, CloudEventEnvelope.key("acme", cycle),
                    CloudEventEnvelope.encode("acme", cycle, i + 1, prev, event.id(), event.type().name(),
                            event.timestamp().toString(), line)));
        }
        return records;
    }

    /**
     * Review13 (2026-12-04): the example followed each event's {@code to_state} (the store's lenient
     * projection), so a well-chained topic (a log imported or a row written by whoever could) moved
     * the consumer's cycle where the lifecycle allows no move: PLANNED straight to COMPLETED, a move
     * from a state the cycle was not in, a second CYCLE_CREATED, an event after COMPLETED. The
     * engine's fold refuses each of these (CycleFold); so does the example now.
     */
    @Test
    void aWellChainedHistoryTheLifecycleDoesNotAllowIsRefused() throws Exception {
        List<List<PlanningEvent>> histories = List.of(
                List.of(Events.created(ONE), Events.moved(ONE, CycleState.PLANNED, CycleState.COMPLETED)),
                List.of(Events.created(ONE), Events.moved(ONE, CycleState.IMPROVE, CycleState.COMPLETED)),
                List.of(Events.created(ONE), Events.created(ONE)),
                List.of(Events.moved(ONE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF),
                        Events.moved(ONE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF)));
        for (List<PlanningEvent> history : histories) {
            List<ConsumerRecord<String, byte[]>> records = chain(ONE, history);
            CycleStateProjection projection = new CycleStateProjection();
            assertThat(projection.apply(records.get(0))).isTrue();

            assertThatThrownBy(() -> projection.apply(records.get(1))).as(history.toString())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("acme/" + ONE);
            assertThat(projection.sequences()).containsOnly(Map.entry("acme/" + ONE, 1));
        }
    }
}
