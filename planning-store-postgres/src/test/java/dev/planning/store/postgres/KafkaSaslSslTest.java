package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleRef;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broker whose client listener speaks SASL over TLS ({@code SASL_SSL}) with PLAIN, SCRAM-SHA-256
 * and SCRAM-SHA-512 ({@link SaslSslBroker}, one broker for all), reached through the store file's
 * Kafka settings as the {@code planning} command reaches it. For each mechanism: a wrong password
 * is refused in words, the events wait in the outbox, and a relay with the right password publishes
 * them all, which a consumer with the same settings reads. A SCRAM credential is the mechanism's
 * own: the SCRAM-SHA-256 password does not log in with SCRAM-SHA-512. The TLS half fails closed as
 * well: a server certificate from a CA the client does not trust, or one that does not name the host
 * reached, is refused before any login, and the events wait.
 */
@Tag("slow")
@Tag("servers")
class KafkaSaslSslTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "sasl-ssl");

    private static SaslSslBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = SaslSslBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void aWrongPasswordIsRefusedAndTheRightOnePublishesEveryWaitingEvent(String mechanism) throws Exception {
        String password = switch (mechanism) {
            case "PLAIN" -> SaslSslBroker.PLAIN_PASSWORD;
            case "SCRAM-SHA-256" -> SaslSslBroker.SCRAM_256_PASSWORD;
            default -> SaslSslBroker.SCRAM_512_PASSWORD;
        };
        String user = mechanism.equals("PLAIN") ? SaslSslBroker.PLAIN_USER : SaslSslBroker.SCRAM_USER;
        KafkaSaslTest.refusedThenPublished(broker.secured(), dir, broker.settings(mechanism, user, "not-" + password),
                broker.settings(mechanism, user, password));
    }

    @Test
    void aScramCredentialIsItsMechanismsOwn() throws Exception {
        List<Throwable> causes = SecuredBroker.refusedSends(broker.storeFile(dir, "saslssl",
                broker.scram512(SaslSslBroker.SCRAM_256_PASSWORD)), CYCLE);

        assertThat(causes).anySatisfy(cause -> assertThat(cause).isInstanceOf(SaslAuthenticationException.class));
    }

    @Test
    void aServerCertificateFromACaTheClientDoesNotTrustIsRefusedAndTheEventsWait() throws Exception {
        Path otherCa = TestAuthority.create("not the broker's CA").writeCertificate(dir.resolve("other-ca.pem"));
        Map<String, String> settings = new HashMap<>(broker.scram512(SaslSslBroker.SCRAM_512_PASSWORD));
        settings.put("kafka.ssl.truststore.location", otherCa.toString());

        List<Throwable> causes = SecuredBroker.refusedSends(broker.storeFile(dir, "saslssl", settings), CYCLE);

        assertThat(causes).anySatisfy(cause -> assertThat(cause).isInstanceOf(SslAuthenticationException.class));
        assertThat(causes).noneSatisfy(cause -> assertThat(cause).isInstanceOf(SaslAuthenticationException.class));
    }

    @Test
    void aServerCertificateThatDoesNotNameTheHostReachedIsRefusedAndTheEventsWait() throws Exception {
        String byAddress = broker.bootstrapServers().replace("localhost", "127.0.0.1");
        assertThat(byAddress).startsWith("127.0.0.1:");

        List<Throwable> causes = SecuredBroker.refusedSends(SecuredBroker.storeFile(dir, "saslssl", byAddress,
                broker.scram512(SaslSslBroker.SCRAM_512_PASSWORD)), CYCLE);

        assertThat(causes).anySatisfy(cause -> assertThat(cause).isInstanceOf(SslAuthenticationException.class));
        assertThat(causes).anySatisfy(cause -> assertThat(cause).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("127.0.0.1"));
    }
}
