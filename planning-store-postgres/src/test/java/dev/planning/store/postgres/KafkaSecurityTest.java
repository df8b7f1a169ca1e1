package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SASL login entry built from a user name and password is read back by Kafka's own JAAS parser
 * as exactly those two values and the mechanism's login module, whatever the password holds: a
 * quote, a backslash, a semicolon or a brace cannot end the value early nor add an option or a
 * second login module. The mechanisms allowed are exactly the three tested against a real broker
 * ({@code KafkaSaslTest}, {@code KafkaSaslSslTest}); any other is refused, saying which are allowed
 * and that OAUTHBEARER and GSSAPI are not offered.
 */
class KafkaSecurityTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with \"quotes\"", "back\\slash\\", "semi; colon", "\"; evil.Module required;",
        "brace } { x=y", "üñí©ødé", "trailing\\\"", "=equals="})
    void kafkasOwnParserReadsTheUserNameAndPasswordBackExactly(String secret) {
        for (String mechanism : new String[] {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}) {
            Properties props = new Properties();
            new KafkaSecurity(Map.of("kafka.security.protocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism", mechanism,
                    "kafka.sasl.username", "user " + secret, "kafka.sasl.password", secret)).applyTo(props);

            JaasContext context = JaasContext.loadClientContext(
                    Map.of("sasl.jaas.config", new Password(props.getProperty("sasl.jaas.config"))));

            assertThat(context.configurationEntries()).hasSize(1);
            AppConfigurationEntry entry = context.configurationEntries().get(0);
            assertThat(entry.getLoginModuleName()).isEqualTo(mechanism.equals("PLAIN")
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule");
            assertThat(entry.getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
            Map<String, Object> options = Map.copyOf(entry.getOptions());
            assertThat(options).containsOnly(Map.entry("username", "user " + secret), Map.entry("password", secret));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void theMechanismsTestedAgainstARealBrokerAreAccepted(String mechanism) {
        Properties props = new Properties();
        new KafkaSecurity(sasl(mechanism)).applyTo(props);

        assertThat(props).containsEntry("sasl.mechanism", mechanism).containsEntry("security.protocol", "SASL_SSL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OAUTHBEARER", "GSSAPI", "scram-sha-256", "plain", "SCRAM-SHA-1", "SCRAM-SHA-384",
        "PLAIN ", "DIGEST-MD5", "SCRAM-SHA-256,PLAIN"})
    void everyOtherMechanismIsRefusedSayingWhichAreAllowed(String mechanism) {
        assertThatThrownBy(() -> new KafkaSecurity(sasl(mechanism)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("kafka.sasl.mechanism: kafka.sasl.mechanism '" + mechanism + "' is not allowed (allowed:"
                        + " PLAIN, SCRAM-SHA-256, SCRAM-SHA-512; OAUTHBEARER and GSSAPI are not offered: they take a"
                        + " login callback class or a Kerberos set-up, which a store file does not give)");
    }

    private static Map<String, String> sasl(String mechanism) {
        return Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", mechanism,
                "kafka.sasl.username", "planner", "kafka.sasl.password", "secret");
    }
}
