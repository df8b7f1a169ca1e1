package dev.planning.store.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The consumer example, runnable against the servers of {@code bin/store-servers}: reads the topic
 * from its start through {@link CycleStateProjection}, prints each event it applies
 * ({@code key sequence type}), then each cycle's state ({@code key STATE}).
 *
 * <pre>{@code
 * planning-store-postgres/test-main.sh ProjectionConsumer "$PLANNING_KAFKA_BOOTSTRAP" [TOPIC] [SECONDS]
 * }</pre>
 * (topic {@code planning.events} and 10 seconds when not given).
 */
public final class ProjectionConsumer {

    private ProjectionConsumer() {
    }

    public static void main(String[] args) throws Exception {
        String topic = args.length > 1 ? args[1] : StoreConfig.DEFAULT_TOPIC;
        Duration duration = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
        run(args[0], topic, duration, Integer.MAX_VALUE, System.out);
    }

    /**
     * Consumes {@code topic} from its start until {@code duration} has passed or {@code enough}
     * events were applied; returns the projection.
     */
    static CycleStateProjection run(String bootstrap, String topic, Duration duration, int enough, PrintStream out)
            throws Exception {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrap);
        return run(client, topic, duration, enough, out);
    }

    /**
     * As {@link #run(String, String, Duration, int, PrintStream)}, connecting with {@code client}:
     * a store configuration's {@link StoreConfig#kafkaProperties()} (bootstrap servers, TLS, SASL).
     */
    static CycleStateProjection run(Properties client, String topic, Duration duration, int enough, PrintStream out)
            throws Exception {
        Properties props = new Properties();
        props.putAll(client);
        props.put("group.id", "planning-projection-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        CycleStateProjection projection = new CycleStateProjection();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end && projection.applied().size() < enough) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (projection.apply(record)) {
                        JsonNode envelope = CloudEventEnvelope.decode(record.value());
                        out.println(record.key() + " " + envelope.get("planningsequence").asInt() + " "
                                + envelope.get("type").asText());
                    }
                }
            }
        }
        new TreeMap<>(projection.states()).forEach((cycle, state) -> out.println(cycle + " " + state));
        return projection;
    }
}
