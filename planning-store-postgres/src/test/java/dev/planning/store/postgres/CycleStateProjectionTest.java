package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        String prev = RecordedEvent.GENESIS;
        for (int i = 0; i < ids.length; i++) {
            PlanningEvent e = events.get(i);
            PlanningEvent event = new PlanningEvent(ids[i], e.timestamp(), e.type(), e.fromState(), e.toState(),
                    e.entityId(), e.triggeredBy(), e.gateResults(), e.details());
            byte[] line = codec.encode(event, prev);
            prev = Sha256.hex(line);
            records.add(new ConsumerRecord<>("t", 0, offset++, CloudEventEnvelope.key("acme", cycle),
                    CloudEventEnvelope.encode("acme", cycle, i + 1, prev, event.id(), event.type().name(),
                            event.timestamp().toString(), line)));
        }
        return records;
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
}
