package dev.planning.store.postgres;

import dev.planning.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How the Kafka client reaches a broker that requires TLS, mutual TLS or a SASL login (PLAIN or
 * SCRAM): the few settings a store configuration may give, checked, and nothing else.
 *
 * <p>Only the keys of {@link #KEYS} are read, each value checked: Kafka's client settings include
 * many that name a class to load ({@code interceptor.classes}, {@code sasl.login.callback.handler.class},
 * {@code ssl.engine.factory.class}, a JAAS line naming any login module), so arbitrary
 * {@code kafka.*} keys are never passed through. The SASL login is given as a user name and a
 * password, from which the JAAS entry for the mechanism's own login module is built with both values
 * quoted; no JAAS line is taken from the user.
 *
 * <pre class="language-properties">{@code
 * kafka.security.protocol=SASL_SSL
 * kafka.ssl.truststore.location=/etc/planning/kafka-ca.pem
 * kafka.ssl.truststore.type=PEM
 * kafka.sasl.mechanism=SCRAM-SHA-512
 * kafka.sasl.username=planning
 * kafka.sasl.password=...
 * }</pre>
 *
 * <p>The SASL mechanisms are PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512; OAUTHBEARER and GSSAPI
 * (Kerberos) are refused, with the reason, as they need a login callback class or a Kerberos
 * set-up that these settings do not give.
 *
 * <p>Host-name checking of the broker's certificate is Kafka's default ({@code https}); turning it
 * off takes {@code kafka.ssl.endpoint.identification.algorithm=none}, written out. Passwords never
 * appear in a message of this class nor in its {@link #toString()}.
 *
 * @param settings the settings, keyed as in a store file ({@code kafka.security.protocol}, ...);
 *                 never {@code null}, empty for a plain connection
 * @since 0.1
 */
public record KafkaSecurity(Map<String, String> settings) {

    /**
     * The keys a store file may give, as a store file spells them;
     * {@link #environmentName(String)} names each one's environment variable.
     */
    public static final List<String> KEYS = List.of("kafka.security.protocol", "kafka.ssl.truststore.location",
            "kafka.ssl.truststore.type", "kafka.ssl.truststore.password", "kafka.ssl.keystore.location",
            "kafka.ssl.keystore.type", "kafka.ssl.keystore.password", "kafka.ssl.key.password",
            "kafka.ssl.endpoint.identification.algorithm", "kafka.sasl.mechanism", "kafka.sasl.username",
            "kafka.sasl.password");

    /** Each key's environment variable, spelled out so that a search for the variable finds it. */
    private static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("kafka.security.protocol", "PLANNING_KAFKA_SECURITY_PROTOCOL"),
            Map.entry("kafka.ssl.truststore.location", "PLANNING_KAFKA_SSL_TRUSTSTORE_LOCATION"),
            Map.entry("kafka.ssl.truststore.type", "PLANNING_KAFKA_SSL_TRUSTSTORE_TYPE"),
            Map.entry("kafka.ssl.truststore.password", "PLANNING_KAFKA_SSL_TRUSTSTORE_PASSWORD"),
            Map.entry("kafka.ssl.keystore.location", "PLANNING_KAFKA_SSL_KEYSTORE_LOCATION"),
            Map.entry("kafka.ssl.keystore.type", "PLANNING_KAFKA_SSL_KEYSTORE_TYPE"),
            Map.entry("kafka.ssl.keystore.password", "PLANNING_KAFKA_SSL_KEYSTORE_PASSWORD"),
            Map.entry("kafka.ssl.key.password", "PLANNING_KAFKA_SSL_KEY_PASSWORD"),
            Map.entry("kafka.ssl.endpoint.identification.algorithm",
                    "PLANNING_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM"),
            Map.entry("kafka.sasl.mechanism", "PLANNING_KAFKA_SASL_MECHANISM"),
            Map.entry("kafka.sasl.username", "PLANNING_KAFKA_SASL_USERNAME"),
            Map.entry("kafka.sasl.password", "PLANNING_KAFKA_SASL_PASSWORD"));
    private static final String PROTOCOL = "kafka.security.protocol";
    private static final String MECHANISM = "kafka.sasl.mechanism";
    private static final String USERNAME = "kafka.sasl.username";
    private static final String PASSWORD = "kafka.sasl.password";
    private static final String ENDPOINT = "kafka.ssl.endpoint.identification.algorithm";
    private static final Set<String> SECRETS = Set.of("kafka.ssl.truststore.password", "kafka.ssl.keystore.password",
            "kafka.ssl.key.password", PASSWORD);
    private static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final List<String> STORE_TYPES = List.of("PEM", "PKCS12", "JKS");
    private static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
    /** Why the other mechanisms Kafka knows are refused, said where one is. */
    private static final String NOT_OFFERED = "; OAUTHBEARER and GSSAPI are not offered: they take a login callback"
            + " class or a Kerberos set-up, which a store file does not give";
    private static final List<String> ENDPOINT_CHECKS = List.of("https", "none");

    /** The values of the settings that are secrets (the passwords), for {@link StoreConfig#withoutSecrets}. */
    List<String> secretValues() {
        return settings.entrySet().stream().filter(setting -> SECRETS.contains(setting.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    /** No security settings: a plain ({@code PLAINTEXT}) connection, as Kafka's client defaults. */
    public static final KafkaSecurity NONE = new KafkaSecurity(Map.of());

    /**
     * Creates the settings, checked as a store file's are.
     *
     * @param settings the settings, keyed as in a store file; never {@code null}
     * @throws InvalidInputException naming every key that is not allowed or whose value is not, and
     *         every setting missing or without effect; never showing a password
     */
    public KafkaSecurity {
        settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
        List<String> problems = problems(settings, key -> key + ": ");
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("\n", problems));
        }
    }

    /**
     * The environment variable that gives {@code key}: {@code PLANNING_KAFKA_} and the rest of the
     * key in capitals with {@code _} for {@code .} ({@code kafka.sasl.password} is
     * {@code PLANNING_KAFKA_SASL_PASSWORD}).
     *
     * @param key one of {@link #KEYS}
     * @return its environment variable's name
     * @throws IllegalArgumentException for a key not in {@link #KEYS}
     */
    public static String environmentName(String key) {
        String variable = VARIABLES.get(key);
        if (variable == null) {
            throw new IllegalArgumentException("not a Kafka security key: " + key);
        }
        return variable;
    }

    /**
     * What is wrong with {@code settings}, each problem in one line starting with where its key was
     * given ({@code where}): an unknown key, a value not allowed, a setting without effect under the
     * protocol, a required one missing (at the protocol's place). No line shows a secret's value.
     */
    static List<String> problems(Map<String, String> settings, Function<String, String> where) {
        List<String> problems = new ArrayList<>();
        String protocol = settings.getOrDefault(PROTOCOL, "PLAINTEXT");
        boolean ssl = protocol.equals("SSL") || protocol.equals("SASL_SSL");
        boolean sasl = protocol.startsWith("SASL_");
        for (Map.Entry<String, String> setting : new TreeMap<>(settings).entrySet()) {
            String key = setting.getKey();
            String value = setting.getValue();
            String at = where.apply(key);
            if (!KEYS.contains(key)) {
                problems.add(at + "unknown Kafka setting '" + key + "' (allowed: " + String.join(", ", KEYS)
                        + "; other client settings are not read, as some name a class to load)");
                continue;
            }
            if (value == null || value.isBlank()) {
                problems.add(at + key + " has no value");
                continue;
            }
            String shown = SECRETS.contains(key) ? "its value" : "'" + value + "'";
            List<String> allowed = switch (key) {
                case PROTOCOL -> PROTOCOLS;
                case "kafka.ssl.truststore.type", "kafka.ssl.keystore.type" -> STORE_TYPES;
                case MECHANISM -> MECHANISMS;
                case ENDPOINT -> ENDPOINT_CHECKS;
                default -> null;
            };
            if (allowed != null && !allowed.contains(value)) {
                problems.add(at + key + " " + shown + " is not allowed (allowed: " + String.join(", ", allowed)
                        + (key.equals(ENDPOINT) ? "; none turns the broker's host-name check off" : "")
                        + (key.equals(MECHANISM) ? NOT_OFFERED : "") + ")");
            }
            if (key.endsWith(".location") && !Files.isRegularFile(Path.of(value))) {
                problems.add(at + key + " names no file: " + value);
            }
            if ((key.equals(USERNAME) || key.equals(PASSWORD)) && value.chars().anyMatch(Character::isISOControl)) {
                problems.add(at + key + " holds a control character (a line break, a tab), which a SASL login"
                        + " entry cannot carry");
            }
            if (key.startsWith("kafka.ssl.") && !ssl) {
                problems.add(at + key + " has no effect with kafka.security.protocol " + protocol
                        + " (TLS settings apply with SSL or SASL_SSL)");
            }
            if (key.startsWith("kafka.sasl.") && !sasl) {
                problems.add(at + key + " has no effect with kafka.security.protocol " + protocol
                        + " (SASL settings apply with SASL_PLAINTEXT or SASL_SSL)");
            }
        }
        for (String store : List.of("truststore", "keystore")) {
            String location = "kafka.ssl." + store + ".location";
            for (String part : List.of("type", "password")) {
                String key = "kafka.ssl." + store + "." + part;
                if (settings.containsKey(key) && !settings.containsKey(location)) {
                    problems.add(where.apply(key) + key + " is given without " + location);
                }
            }
            String password = "kafka.ssl." + store + ".password";
            if ("PEM".equals(settings.get("kafka.ssl." + store + ".type")) && settings.containsKey(password)) {
                problems.add(where.apply(password) + password + " is not supported for a PEM " + store
                        + " (Kafka reads PEM files without a store password; an encrypted PEM key takes"
                        + " kafka.ssl.key.password)");
            }
        }
        if (settings.containsKey("kafka.ssl.key.password") && !settings.containsKey("kafka.ssl.keystore.location")) {
            problems.add(where.apply("kafka.ssl.key.password")
                    + "kafka.ssl.key.password is given without kafka.ssl.keystore.location");
        }
        if (sasl) {
            for (String required : List.of(MECHANISM, USERNAME, PASSWORD)) {
                if (!settings.containsKey(required)) {
                    problems.add(where.apply(PROTOCOL) + "kafka.security.protocol " + protocol + " needs " + required
                            + " (" + environmentName(required) + ")");
                }
            }
        }
        return problems;
    }

    /**
     * Puts these settings into a Kafka client's properties: the {@code kafka.} prefix taken off,
     * {@code none} for host-name checking as Kafka's empty value, and the SASL login as a
     * {@code sasl.jaas.config} entry for the mechanism's login module with the user name and password
     * quoted.
     *
     * @param props a producer's or consumer's properties, changed in place
     */
    public void applyTo(Properties props) {
        settings.forEach((key, value) -> {
            if (key.equals(USERNAME) || key.equals(PASSWORD)) {
                return;
            }
            props.put(key.substring("kafka.".length()), key.equals(ENDPOINT) && value.equals("none") ? "" : value);
        });
        if (settings.containsKey(USERNAME)) {
            String module = settings.get(MECHANISM).equals("PLAIN")
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            props.put("sasl.jaas.config", module + " required username=" + jaasQuoted(settings.get(USERNAME))
                    + " password=" + jaasQuoted(settings.get(PASSWORD)) + ";");
        }
    }

    /**
     * A value as a JAAS option's quoted string: Kafka parses the entry with a
     * {@link java.io.StreamTokenizer}, which reads {@code \\} and {@code \"} inside quotes as the
     * character itself; control characters are refused before this.
     */
    static String jaasQuoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The settings, each password shown as {@code (hidden)}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("KafkaSecurity[");
        new TreeMap<>(settings).forEach((key, value) -> text.append(text.length() > 14 ? ", " : "").append(key)
                .append('=').append(SECRETS.contains(key) ? "(hidden)" : value));
        return text.append(']').toString();
    }
}
