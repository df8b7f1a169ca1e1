package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The runnable consumer example prints the events it applies and each cycle's state. */
@Tag("slow")
@Tag("servers")
class ProjectionConsumerTest {

    @Test
    void printsEachAppliedEventThenEachCyclesState() throws Exception {
        String topic = TestServers.topic("planning.events." + UUID.randomUUID());
        CycleRef cycle = new CycleRef("fe", "watched");
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = OutboxKafkaTest.relay(store, topic)) {
            String head = store.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
            store.eventStore().append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
            String key = store.eventStore().repository() + "/fe/watched";
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                ProjectionConsumer.run(TestServers.kafka().bootstrapServers(), topic, Duration.ofSeconds(60), 2, out);
            }

            assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                    key + " 1 dev.planning.cycle_created",
                    key + " 2 dev.planning.state_transition",
                    key + " READY_FOR_HANDOFF");
            assertThat(relay.pending()).isZero();
        }
    }
}
