package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OutboxRelay#producer}'s codec check: a {@code compression.type} whose library is absent
 * (the {@code planning} command's jar leaves Kafka's codecs out) is refused in words, not left to
 * fail at the first send with a {@code NoClassDefFoundError}.
 */
class OutboxProducerCodecTest {

    private static Properties compression(String type) {
        Properties props = new Properties();
        props.put("bootstrap.servers", "127.0.0.1:9");
        props.put("compression.type", type);
        return props;
    }

    @ParameterizedTest
    @CsvSource({"zstd, com.github.luben:zstd-jni", "lz4, at.yawk.lz4:lz4-java",
        "snappy, org.xerial.snappy:snappy-java", "' ZSTD ', com.github.luben:zstd-jni"})
    void refusesACodecWhoseLibraryIsAbsentNamingTheLibrary(String type, String library) {
        assertThatThrownBy(() -> OutboxRelay.requireCodec(compression(type), className -> false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Kafka compression.type=" + type.strip().toLowerCase(Locale.ROOT)
                        + " needs " + library + ", which is not on the class path")
                .hasMessageContaining("use compression.type=none or gzip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip"})
    void acceptsTheCodecsThatNeedNoLibraryWithoutLookingForOne(String type) {
        OutboxRelay.requireCodec(compression(type), className -> {
            throw new AssertionError("looked for " + className);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "lz4", "snappy"})
    void buildsAProducerForACodecWhoseLibraryIsOnTheClassPath(String type) {
        // This module's class path has Kafka's codecs (kafka-clients' runtime dependencies): the
        // real class lookup finds them. A producer connects only when it sends, so none is needed.
        try (Producer<String, byte[]> producer = OutboxRelay.producer(compression(type))) {
            assertThat(producer).isNotNull();
            producer.close(Duration.ZERO);
        }
    }
}
