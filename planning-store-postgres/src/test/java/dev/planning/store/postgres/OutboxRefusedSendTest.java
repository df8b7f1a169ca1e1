package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's producer returns most refusals as a future that has already failed, each after blocking
 * up to {@code max.block.ms}: a refused login, metadata not had in time. The relay then tries no
 * further row that round, so a wrong password costs one refused send per round, not one per waiting
 * event (the {@code planning} command with 24 waiting events and a wrong SCRAM password spent about
 * a minute in {@code store relay --once} before); every row waits. A record refused for a reason of
 * its own is quarantined and the other cycles' rows are still sent, as before. A producer stand-in
 * records the sends; the outbox is a real PostgreSQL database of this test's own.
 */
@Tag("slow")
@Tag("servers")
class OutboxRefusedSendTest {

    private static final CycleRef FIRST = new CycleRef("fe", "r1");
    private static final CycleRef SECOND = new CycleRef("fe", "r2");

    @TempDir
    Path dir;

    @Test
    void aSendRefusedBeforeSendingEndsTheRoundAndEveryRowWaits() throws Exception {
        List<String> sent = new ArrayList<>();
        SaslAuthenticationException refused = new SaslAuthenticationException("Authentication failed");
        try (PostgresStore store = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "refused", "localhost:1",
                Map.of())).open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(), producer(sent, record -> refused),
                        "planning.events", Duration.ofSeconds(5))) {
            appendThree(store, FIRST);
            appendThree(store, SECOND);

            assertThat(relay.drainOnce()).isZero();

            assertThat(sent).as("one try, not one per waiting row").hasSize(1);
            assertThat(relay.pending()).isEqualTo(6);
            assertThat(SecuredBroker.causes(relay.lastFailure().orElseThrow())).contains(refused);
        }
    }

    @Test
    void aRecordRefusedForItsOwnSakeIsQuarantinedAndTheOtherCycleIsStillSent() throws Exception {
        List<String> sent = new ArrayList<>();
        try (PostgresStore store = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "refused", "localhost:1",
                Map.of())).open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(), producer(sent,
                        record -> record.key().endsWith("/r1") ? new RecordTooLargeException("too large") : null),
                        "planning.events", Duration.ofSeconds(5))) {
            appendThree(store, FIRST);
            appendThree(store, SECOND);

            assertThat(relay.drainOnce()).isEqualTo(3);

            assertThat(sent).filteredOn(key -> key.endsWith("/r2")).hasSize(3);
            assertThat(relay.quarantined()).singleElement().satisfies(q -> assertThat(q.cycle()).contains(FIRST));
        }
    }

    /** A Kafka producer stand-in: records each send's key; a send fails at once with what {@code failure} gives. */
    @SuppressWarnings("unchecked")
    private static Producer<String, byte[]> producer(List<String> sent,
            Function<ProducerRecord<String, byte[]>, RuntimeException> failure) {
        return (Producer<String, byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "send" -> {
                        ProducerRecord<String, byte[]> record = (ProducerRecord<String, byte[]>) args[0];
                        sent.add(record.key());
                        RuntimeException failed = failure.apply(record);
                        yield failed == null ? CompletableFuture.completedFuture(null)
                                : CompletableFuture.failedFuture(failed);
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "producer stand-in";
                    default -> null;
                });
    }

    private static void appendThree(PostgresStore store, CycleRef cycle) {
        String head = store.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
        for (int i = 1; i < 3; i++) {
            head = store.eventStore().append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head)
                    .hash();
        }
    }
}
