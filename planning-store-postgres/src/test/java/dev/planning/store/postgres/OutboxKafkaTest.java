package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.CycleQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
@Tag("servers")
class OutboxKafkaTest {

    @Test
    void publishesEachCommittedEventOnceInOrderPerCycleAsACloudEvent() throws Exception {
        String topic = "planning.events." + UUID.randomUUID();
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = relay(store, topic)) {
            List<CycleRef> cycles = List.of(new CycleRef("fe", "c1"), new CycleRef("be", "c2"), new CycleRef("fe", "c3"));
            Map<CycleRef, String> heads = new HashMap<>();
            for (CycleRef cycle : cycles) {
                heads.put(cycle, store.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash());
            }
            for (CycleRef cycle : cycles) {
                heads.put(cycle, store.eventStore().append(cycle,
                        Events.moved(cycle, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), heads.get(cycle)).hash());
            }
            CycleRef first = cycles.get(0);
            assertThatThrownBy(() -> store.eventStore().append(first,
                    Events.moved(first, CycleState.PLANNED, CycleState.PLANNED), RecordedEvent.GENESIS))
                    .isInstanceOf(ConcurrentTransitionException.class);

            CycleStateProjection projection = new CycleStateProjection();
            List<ConsumerRecord<String, byte[]>> records = consume(topic, store, projection, 6);

            String repository = store.eventStore().repository();
            assertThat(records).hasSize(6);
            assertThat(projection.sequences()).containsOnly(
                    Map.entry(repository + "/fe/c1", 2), Map.entry(repository + "/be/c2", 2),
                    Map.entry(repository + "/fe/c3", 2));
            for (CycleQueries.CycleSummary summary : store.queries().portfolio()) {
                assertThat(projection.states()).containsEntry(repository + "/" + summary.cycle(), summary.state());
            }
            JsonNode envelope = CloudEventEnvelope.decode(records.get(0).value());
            assertThat(envelope.get("specversion").asText()).isEqualTo("1.0");
            assertThat(envelope.get("type").asText()).isEqualTo("dev.planning.cycle_created");
            assertThat(envelope.get("data").get("prev_sha256").asText()).isEqualTo(RecordedEvent.GENESIS);
            assertThat(relay.pending()).isZero();
            assertThat(projection.duplicates()).isZero();
            assertThat(projection.early()).isZero();
        }
    }

    @Test
    void oneRelayPublishesEveryRepositoryOfTheDatabaseEachNamedInKeyAndEnvelope() throws Exception {
        String topic = "planning.events." + UUID.randomUUID();
        try (PostgresStore teamA = TestServers.store(true);
                PostgresStore teamB = TestServers.store(true);
                OutboxRelay relay = relay(teamA, topic)) {
            CycleRef cycle = new CycleRef("fe", "shared-name");
            teamA.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS);
            teamB.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS);

            List<ConsumerRecord<String, byte[]>> fromB = consume(topic, teamB, new CycleStateProjection(), 1);

            String b = teamB.eventStore().repository();
            assertThat(b).isNotEqualTo(teamA.eventStore().repository());
            assertThat(fromB).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(b + "/fe/shared-name");
                JsonNode envelope = CloudEventEnvelope.decode(record.value());
                assertThat(envelope.get("planningrepository").asText()).isEqualTo(b);
                assertThat(envelope.get("source").asText()).isEqualTo("planning://" + b + "/fe/shared-name");
            });
            assertThat(consume(topic, teamA, new CycleStateProjection(), 1)).singleElement()
                    .satisfies(record -> assertThat(record.key()).isEqualTo(teamA.eventStore().repository() + "/fe/shared-name"));
            assertThat(relay.pending()).as("both repositories' rows drained by the one relay").isZero();
        }
    }

    @Test
    void eventsWaitInTheOutboxWhileTheBrokerIsDownAndDrainInOrderWhenItReturns() throws Exception {
        String topic = "planning.events." + UUID.randomUUID();
        BrokerServer broker = TestServers.kafka().brokers().values().iterator().next();
        List<CycleRef> cycles = List.of(new CycleRef("fe", "d1"), new CycleRef("fe", "d2"));
        int perCycle = 20;
        try (PostgresStore store = TestServers.store(true);
                OutboxRelay relay = relay(store, topic)) {
            Map<CycleRef, String> heads = new HashMap<>();
            Set<String> appended = new HashSet<>();
            for (CycleRef cycle : cycles) {
                dev.planning.api.event.PlanningEvent created = Events.created(cycle);
                heads.put(cycle, store.eventStore().append(cycle, created, RecordedEvent.GENESIS).hash());
                appended.add(created.id());
            }
            consume(topic, store, new CycleStateProjection(), cycles.size());
            broker.shutdown();
            broker.awaitShutdown();
            try {
                for (int i = 1; i < perCycle; i++) {
                    for (CycleRef cycle : cycles) {
                        dev.planning.api.event.PlanningEvent moved =
                                Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED);
                        heads.put(cycle, store.eventStore().append(cycle, moved, heads.get(cycle)).hash());
                        appended.add(moved.id());
                    }
                }
                Thread.sleep(2000);
                assertThat(relay.pending()).isGreaterThan(0);
            } finally {
                broker.startup();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (relay.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(relay.pending()).isZero();

            CycleStateProjection projection = new CycleStateProjection();
            consume(topic, store, projection, cycles.size() * perCycle);
            String repository = store.eventStore().repository();
            assertThat(projection.sequences()).containsOnly(
                    Map.entry(repository + "/fe/d1", perCycle), Map.entry(repository + "/fe/d2", perCycle));
            assertThat(projection.applied()).isEqualTo(appended);
        }
    }

    static OutboxRelay relay(PostgresStore store, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        return OutboxRelay.start(store.dataSource(), OutboxRelay.producer(props), topic, Duration.ofMillis(200),
                Duration.ofSeconds(5));
    }

    /**
     * Reads the topic from the start into the projection until it has applied {@code count} events
     * of the store's repository (or a minute has passed); returns those records. (One relay serves
     * the whole database, so other tests' events may share the topic.)
     */
    static List<ConsumerRecord<String, byte[]>> consume(String topic, PostgresStore store,
            CycleStateProjection projection, int count) throws Exception {
        String mine = store.eventStore().repository() + "/";
        Properties props = new Properties();
        props.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        props.put("group.id", "test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (projection.appliedCount() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!record.key().startsWith(mine)) {
                        continue;
                    }
                    records.add(record);
                    projection.apply(record);
                }
            }
        }
        return records;
    }
}
