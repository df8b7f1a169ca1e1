package dev.planning.store.postgres;

import java.util.Properties;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A JVM's life with the shared broker, for {@link TestServersTest}: starts it, publishes one record
 * and exits with status 0 while the broker still runs, as the benchmark and test JVMs do; the
 * JVM's shutdown hooks must stop the broker and remove its directory without changing that status.
 */
final class BrokerExit {

    private BrokerExit() {
    }

    public static void main(String[] args) throws Exception {
        String topic = TestServers.topic("exit");
        Properties props = new Properties();
        props.put("bootstrap.servers", TestServers.kafka().bootstrapServers());
        try (Producer<String, byte[]> producer = OutboxRelay.producer(props)) {
            producer.send(new ProducerRecord<>(topic, "k", new byte[] {1})).get();
        }
        System.out.println("published; exiting with status 0");
        System.out.flush();
        System.exit(0);
    }
}
