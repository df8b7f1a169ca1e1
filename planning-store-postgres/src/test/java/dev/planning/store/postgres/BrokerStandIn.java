package dev.planning.store.postgres;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A Kafka producer stand-in that answers like a broker: each send returns a future not yet done, settled at the
 * relay's {@code flush}, failed with what {@code failure} gives for the record (null: acknowledged). It records each
 * send as {@code key#sequence}, in the order sent.
 */
final class BrokerStandIn {

    private static final Pattern SEQUENCE = Pattern.compile("\"planningsequence\":(\\d+)");

    private final List<String> sent = new ArrayList<>();
    private final List<Runnable> unsettled = new ArrayList<>();
    private final Function<ProducerRecord<String, byte[]>, RuntimeException> failure;

    BrokerStandIn(Function<ProducerRecord<String, byte[]>, RuntimeException> failure) {
        this.failure = failure;
    }

    /** The sends so far, each {@code key#sequence}, in the order sent. */
    List<String> sent() {
        return sent;
    }

    /** The producer, for the relay. */
    @SuppressWarnings("unchecked")
    Producer<String, byte[]> producer() {
        return (Producer<String, byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "send" -> send((ProducerRecord<String, byte[]>) args[0]);
                    case "flush" -> {
                        unsettled.forEach(Runnable::run);
                        unsettled.clear();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "broker stand-in";
                    default -> null;
                });
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        Matcher sequence = SEQUENCE.matcher(new String(record.value(), StandardCharsets.UTF_8));
        sent.add(record.key() + "#" + (sequence.find() ? sequence.group(1) : "?"));
        RuntimeException failed = failure.apply(record);
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        unsettled.add(() -> {
            if (failed == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failed);
            }
        });
        return future;
    }
}
