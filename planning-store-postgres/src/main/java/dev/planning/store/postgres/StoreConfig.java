package dev.planning.store.postgres;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.git.OutsideRepository;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the central store is and how to reach it, read from the environment or from a
 * configuration file, never from a command line (so a password never shows in a process list or
 * a shell history).
 *
 * <p>Environment variables: {@code PLANNING_STORE_URL} (a {@code jdbc:postgresql://} URL; TLS by its
 * {@code sslmode}/{@code sslrootcert} parameters), {@code PLANNING_STORE_USER},
 * {@code PLANNING_STORE_PASSWORD}, {@code PLANNING_STORE_REPOSITORY} (default {@code default}),
 * {@code PLANNING_KAFKA_BOOTSTRAP} (enables the outbox) and {@code PLANNING_KAFKA_TOPIC} (default
 * {@code planning.events}), and the Kafka client's security settings of {@link KafkaSecurity}
 * ({@code PLANNING_KAFKA_SECURITY_PROTOCOL}, {@code PLANNING_KAFKA_SASL_PASSWORD}, ...; any other
 * {@code PLANNING_KAFKA_} variable is refused). {@code PLANNING_STORE_CONFIG} names a file instead.
 *
 * <p>The URL's parameters are judged against an allow-list before anything connects: TLS ({@code ssl},
 * {@code sslmode}, {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code sslpassword}, {@code sslNegotiation}),
 * the login ({@code user}, {@code password}, {@code channelBinding}) and how the server is reached
 * ({@code connectTimeout}, {@code socketTimeout}, {@code loginTimeout}, {@code tcpKeepAlive}, {@code targetServerType},
 * {@code loadBalanceHosts}, {@code hostRecheckSeconds}, {@code ApplicationName}); any other (one naming a class to
 * load, {@code currentSchema}, {@code options}, ...), one given twice, and a value off its list are refused at the
 * {@code url} line or {@code PLANNING_STORE_URL}, naming the parameter, never its value.
 *
 * <p>A configuration file is UTF-8 {@code key=value} lines ({@code #} comments) with the keys
 * {@code url}, {@code user}, {@code password}, {@code repository}, {@code kafka.bootstrap.servers},
 * {@code kafka.topic}, {@code lock.timeout}, {@code statement.timeout} and the {@link KafkaSecurity#KEYS};
 * any other key is refused, naming its line, and every bad line is reported, not only the first.
 *
 * <p>{@code lock.timeout} ({@code PLANNING_STORE_LOCK_TIMEOUT}; default 10 s) and {@code statement.timeout}
 * ({@code PLANNING_STORE_STATEMENT_TIMEOUT}; default 60 s) bound how long a statement of the store waits
 * for a lock another session holds and how long it may run ({@link PostgresStore.Builder#lockTimeout},
 * {@link PostgresStore.Builder#statementTimeout}): a whole number followed by {@code ms}, {@code s} or
 * {@code min} ({@code 500ms}, {@code 10s}, {@code 2min}), from 1 ms to 24 days.
 *
 * @param url        the JDBC URL, never {@code null}
 * @param user       the user, when not in the URL
 * @param password   the password, when not in the URL
 * @param repository the repository (tenant), never {@code null}
 * @param kafkaBootstrap Kafka's bootstrap servers, when events are to be published
 * @param kafkaTopic the topic, never {@code null}
 * @param kafkaSecurity how the Kafka client reaches the broker (TLS, SASL), never {@code null}
 * @param lockTimeout how long a statement of the store waits for a lock another session holds, never {@code null}
 * @param statementTimeout how long a statement of the store may run, never {@code null}
 * @since 0.1
 */
public record StoreConfig(String url, Optional<String> user, Optional<String> password, String repository,
        Optional<String> kafkaBootstrap, String kafkaTopic, KafkaSecurity kafkaSecurity, Duration lockTimeout,
        Duration statementTimeout) {

    /** The default topic. */
    public static final String DEFAULT_TOPIC = "planning.events";

    private static final Set<String> KEYS = keys();
    /**
     * What may be quoted as a key, shaped as every key is (lower-case words joined by {@code .}, {@code _} or
     * {@code -}): anything else before a line's first {@code =} may be a value, a secret (a base64 password ends
     * with {@code =}).
     */
    private static final Pattern KEY = Pattern.compile("(?=.{1,64}$)[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*");
    /** A timeout as the file and the environment write it: a whole number (at most 10 digits) and a unit. */
    private static final Pattern TIMEOUT = Pattern.compile("([1-9][0-9]{0,9})(ms|s|min)");
    private static final Set<String> ENVIRONMENT_KAFKA = Set.of("PLANNING_KAFKA_BOOTSTRAP", "PLANNING_KAFKA_TOPIC");
    /** A URL's scheme (two characters at least, so that a Windows drive letter is a file's). */
    private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");
    /** How {@link #resolve(Optional, Map, Optional)}'s refusals name its file. */
    private static final String FILE_ARGUMENT = "the file argument";
    /** How a refusal and {@link Resolved#source()} name the environment's file setting. */
    private static final String CONFIG_VARIABLE = "$PLANNING_STORE_CONFIG";
    /** How {@link Resolved#source()} names the environment's URL setting. */
    private static final String URL_VARIABLE = "$PLANNING_STORE_URL";

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param url the JDBC URL, never {@code null}
     * @param user the user, when not in the URL
     * @param password the password, when not in the URL
     * @param repository the repository (tenant), never {@code null}
     * @param kafkaBootstrap Kafka's bootstrap servers, when events are to be published
     * @param kafkaTopic the topic, never {@code null}
     * @param kafkaSecurity how the Kafka client reaches the broker, never {@code null}
     * @param lockTimeout how long a statement of the store waits for a lock another session holds, never {@code null}
     * @param statementTimeout how long a statement of the store may run, never {@code null}
     */
    public StoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(kafkaTopic, "kafkaTopic");
        Objects.requireNonNull(kafkaSecurity, "kafkaSecurity");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
    }

    /**
     * A configuration with the default timeouts (10 s for a lock, 60 s for a statement).
     *
     * @param url the JDBC URL, never {@code null}
     * @param user the user, when not in the URL
     * @param password the password, when not in the URL
     * @param repository the repository (tenant), never {@code null}
     * @param kafkaBootstrap Kafka's bootstrap servers, when events are to be published
     * @param kafkaTopic the topic, never {@code null}
     * @param kafkaSecurity how the Kafka client reaches the broker, never {@code null}
     * @since 0.1
     */
    public StoreConfig(String url, Optional<String> user, Optional<String> password, String repository,
            Optional<String> kafkaBootstrap, String kafkaTopic, KafkaSecurity kafkaSecurity) {
        this(url, user, password, repository, kafkaBootstrap, kafkaTopic, kafkaSecurity,
                PostgresStore.DEFAULT_LOCK_TIMEOUT, PostgresStore.DEFAULT_STATEMENT_TIMEOUT);
    }

    /**
     * A configuration whose Kafka client connects without TLS or SASL ({@link KafkaSecurity#NONE}).
     *
     * @param url the JDBC URL, never {@code null}
     * @param user the user, when not in the URL
     * @param password the password, when not in the URL
     * @param repository the repository (tenant), never {@code null}
     * @param kafkaBootstrap Kafka's bootstrap servers, when events are to be published
     * @param kafkaTopic the topic, never {@code null}
     */
    public StoreConfig(String url, Optional<String> user, Optional<String> password, String repository,
            Optional<String> kafkaBootstrap, String kafkaTopic) {
        this(url, user, password, repository, kafkaBootstrap, kafkaTopic, KafkaSecurity.NONE);
    }

    /**
     * The store configured by {@code file} when given, else by {@code PLANNING_STORE_CONFIG}, else
     * by {@code PLANNING_STORE_URL} and its companions; empty when none is set (files are used).
     * As {@link #resolve(String, Optional, Map, Optional)}, the file named "the file argument" in a refusal.
     *
     * @param file a configuration file, if given
     * @param env the process environment
     * @return the configured store, if any
     * @throws InvalidInputException for an unreadable or invalid file
     */
    public static Optional<StoreConfig> resolve(Optional<Path> file, Map<String, String> env) {
        return resolve(file, env, Optional.empty());
    }

    /**
     * As {@link #resolve(String, Optional, Map, Optional)} without the setting that named the configuration, the file
     * named "the file argument" in a refusal.
     *
     * @param file      a configuration file, when given
     * @param env       the environment ({@code PLANNING_STORE_CONFIG}, {@code PLANNING_STORE_URL}, ...)
     * @param workspace the workspace the command works on, when it has one
     * @return the configuration, or empty when none is set (files are used)
     * @throws InvalidInputException for an unreadable or invalid file, or one inside the workspace or
     *         tracked by git
     * @since 0.1
     */
    public static Optional<StoreConfig> resolve(Optional<Path> file, Map<String, String> env,
            Optional<Path> workspace) {
        return resolve(FILE_ARGUMENT, file, env, workspace).map(Resolved::config);
    }

    /**
     * The store's setting, resolved once for every caller (the command line's {@code --store}, the Maven plugin's
     * {@code <storeConfig>}, an embedder): the configuration file {@code file} names when given, else the one
     * {@code PLANNING_STORE_CONFIG} names, else {@code PLANNING_STORE_URL} and its companions; empty when none is set
     * (the workspace's files are used). What it returns says which of them named the store ({@link Resolved#source()}).
     *
     * <p>A configuration file is read only from outside the repository. It names the server and the repository
     * (tenant) whose cycles the workspace's events are read from and written to, so a file that anyone who can commit
     * may edit would let them move this workspace's history into another tenant's cycles, or read another's as this
     * one's, with the credentials the runner holds (a {@code .pgpass}, a client certificate, a trusted network).
     * Refused, before anything connects: a file inside the workspace (links followed), and a file, or a link to one,
     * that git tracks in the work tree holding the workspace or the file (as a trust file is refused). A file there
     * that no commit put in place (a secret the CI mounts) is read.
     *
     * <p>A setting that names a file never carries the URL or a password: a value that starts with a URL's scheme
     * ({@code postgresql://user:password@host}, {@code jdbc:postgresql:...}; two characters at least before the
     * {@code :}, so a Windows drive letter is a file's), and a value at which no file is that holds {@code =} or
     * {@code @} (a libpq connection string {@code host=db password=...}, a URL without its scheme), are refused
     * without being quoted, naming the setting ({@code setting}, or {@code $PLANNING_STORE_CONFIG}); so does the
     * refusal of a file inside the workspace or tracked by git. A file that cannot be read or parsed is refused at
     * its name, line and column ({@link #fromFile}).
     *
     * @param setting   the name of the caller's file setting, as its users write it, for its refusals and
     *                  {@link Resolved#source()} ({@code --store}, {@code <storeConfig>})
     * @param file      the file that setting gives, when given
     * @param env       the environment ({@code PLANNING_STORE_CONFIG}, {@code PLANNING_STORE_URL}, ...)
     * @param workspace the workspace the command works on, when it has one
     * @return the configuration and the setting that named it, or empty when none is set (files are used)
     * @throws InvalidInputException for a value that may hold a secret, an unreadable or invalid file, or one inside
     *         the workspace or tracked by git, each naming the setting; for an invalid environment
     * @since 0.1
     */
    public static Optional<Resolved> resolve(String setting, Optional<Path> file, Map<String, String> env,
            Optional<Path> workspace) {
        Objects.requireNonNull(setting, "setting");
        if (file.isPresent()) {
            return Optional.of(new Resolved(fromSetting(setting, file.get(), workspace),
                    setting + " " + file.get()));
        }
        String named = env.get("PLANNING_STORE_CONFIG");
        if (named != null && !named.isBlank()) {
            return Optional.of(new Resolved(fromSetting(CONFIG_VARIABLE, Path.of(named), workspace),
                    CONFIG_VARIABLE + " " + named));
        }
        return fromEnvironment(env).map(config -> new Resolved(config, URL_VARIABLE));
    }

    /**
     * A store configuration and the setting that named it ({@link #resolve(String, Optional, Map, Optional)}).
     *
     * @param config the configuration, never {@code null}
     * @param source the setting that named it, for messages: the caller's setting and its file
     *               ({@code <storeConfig> /etc/planning/store.properties}), {@code $PLANNING_STORE_CONFIG} and its
     *               file, or {@code $PLANNING_STORE_URL}; never a secret (a value that may hold one is refused)
     * @since 0.1
     */
    public record Resolved(StoreConfig config, String source) {

        /**
         * Creates the record; the record's comment says what each component holds.
         *
         * @param config the configuration, never {@code null}
         * @param source the setting that named it, never {@code null}
         */
        public Resolved {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(source, "source");
        }
    }

    /** {@code PLANNING_STORE_URL} and its companions, when the URL is set. */
    private static Optional<StoreConfig> fromEnvironment(Map<String, String> env) {
        String url = env.get("PLANNING_STORE_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Optional<String> bootstrap = opt(env.get("PLANNING_KAFKA_BOOTSTRAP"));
        Map<String, String> byVariable = new TreeMap<>();
        KafkaSecurity.KEYS.forEach(key -> byVariable.put(KafkaSecurity.environmentName(key), key));
        Map<String, String> security = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        new TreeMap<>(env).forEach((variable, value) -> {
            // A blank variable counts as unset, as PLANNING_STORE_URL's companions do.
            if (!variable.startsWith("PLANNING_KAFKA_") || ENVIRONMENT_KAFKA.contains(variable) || value.isBlank()) {
                return;
            }
            String key = byVariable.get(variable);
            if (key == null) {
                errors.add(variable + ": unknown Kafka variable (allowed: PLANNING_KAFKA_BOOTSTRAP,"
                        + " PLANNING_KAFKA_TOPIC, " + String.join(", ", byVariable.keySet())
                        + "; other client settings are not read, as some name a class to load)");
            } else {
                security.put(key, value);
            }
        });
        errors.addAll(KafkaSecurity.problems(security, key -> KafkaSecurity.environmentName(key) + ": "));
        if (!security.isEmpty() && bootstrap.isEmpty()) {
            errors.add("PLANNING_KAFKA_BOOTSTRAP: not set, so the Kafka security variables ("
                    + String.join(", ", security.keySet().stream().map(KafkaSecurity::environmentName).toList())
                    + ") have no effect");
        }
        StoreUrl.problems(url).forEach(problem -> errors.add("PLANNING_STORE_URL: " + problem));
        Duration lockTimeout = timeout(env.get("PLANNING_STORE_LOCK_TIMEOUT"), PostgresStore.DEFAULT_LOCK_TIMEOUT,
                "PLANNING_STORE_LOCK_TIMEOUT: ", errors);
        Duration statementTimeout = timeout(env.get("PLANNING_STORE_STATEMENT_TIMEOUT"),
                PostgresStore.DEFAULT_STATEMENT_TIMEOUT, "PLANNING_STORE_STATEMENT_TIMEOUT: ", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the store's environment is invalid:\n" + String.join("\n", errors));
        }
        return Optional.of(new StoreConfig(url, opt(env.get("PLANNING_STORE_USER")),
                opt(env.get("PLANNING_STORE_PASSWORD")),
                opt(env.get("PLANNING_STORE_REPOSITORY")).orElse("default"), bootstrap,
                opt(env.get("PLANNING_KAFKA_TOPIC")).orElse(DEFAULT_TOPIC), new KafkaSecurity(security), lockTimeout,
                statementTimeout));
    }

    /**
     * The file {@code setting} names, read only from outside the repository, and only when its name cannot hold a
     * secret (see {@link #resolve(String, Optional, Map, Optional)}).
     */
    private static StoreConfig fromSetting(String setting, Path file, Optional<Path> workspace) {
        String given = file.toString();
        // attack27: any scheme (postgresql://user:password@host, as libpq writes it), never repeated in the message.
        if (URL_SCHEME.matcher(given).lookingAt()) {
            throw new InvalidInputException(setting + " names a store configuration file, not a URL: put the URL in"
                    + " $PLANNING_STORE_URL or in the file's url= line (so no password shows where the setting is"
                    + " written)");
        }
        // review27: a libpq connection string (host=db password=...) or a URL without its scheme (//user:pw@host)
        // names no file; every refusal of a file quotes its name, so one shaped as either is not quoted.
        if ((given.indexOf('=') >= 0 || given.indexOf('@') >= 0) && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(setting + " names a store configuration file, and no file is at the name"
                    + " given (not shown: with its '=' or '@' it may be a connection string holding a password): put"
                    + " the URL in $PLANNING_STORE_URL or in the file's url= line, and name the file");
        }
        String that = "the store configuration that " + setting + " names";
        String why = ", where anyone who can commit chooses the server and the repository (tenant) this"
                + " workspace's events are read from and written to; move it outside the repository and give that"
                + " path to " + setting;
        if (workspace.isPresent()) {
            OutsideRepository.require(file, workspace.get(), that + " lies inside the workspace" + why,
                    workTree -> that + " is committed to the workspace's git repository (work tree " + workTree
                            + ")" + why);
        }
        // Asked from the file's directory as the user typed it, so that what a refusal names (the work tree, an
        // index that cannot be read) is named as the user reaches it, never by the machine's absolute path.
        Path parent = file.getParent() == null ? Path.of(".") : file.getParent();
        Optional<Path> workTree = OutsideRepository.trackedIn(file, parent);
        if (workTree.isPresent()) {
            throw new InvalidInputException(that + " is committed to a git repository (work tree "
                    + OutsideRepository.shownFrom(parent, workTree.get())
                    + (parent.isAbsolute() ? ", relative to the store configuration's directory" : "") + ")" + why,
                    SourceLocation.ofFile(given));
        }
        return fromFile(file, that);
    }

    /**
     * Reads a configuration file (see the class comment), wherever it lies: the commands take it
     * through {@link #resolve(Optional, Map, Optional)}, which reads it only from outside the repository.
     *
     * @param file the configuration file
     * @return the configuration it holds
     */
    public static StoreConfig fromFile(Path file) {
        return fromFile(file, "the store configuration");
    }

    /**
     * As {@link #fromFile(Path)}, a file that cannot be read refused as {@code that} ("the store configuration that
     * --store names"): the file is the refusal's location, the setting that named it its words (store36).
     */
    private static StoreConfig fromFile(Path file, String that) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("is a directory: " + that + " must be a file of key=value lines",
                    SourceLocation.ofFile(name));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            if (!DirectoryEntries.usersToFix(file, e)) {
                // fail36: a read the disk failed (EIO) was told as a file to make readable, exit 2.
                throw DirectoryEntries.cannotRead(file, name, "the store it names cannot be opened", e);
            }
            // The file as given (the location) and the file system's reason: the exception's message is the path again.
            throw new InvalidInputException("cannot read " + that + " (" + (e instanceof NoSuchFileException
                    ? "not found" : Shown.reason(e)) + "); expected a readable file of key=value lines",
                    SourceLocation.ofFile(name), e);
        }
        // Strict UTF-8 as every planning file: a bad byte refused at its line and column, a byte-order mark
        // dropped (it was read as part of the first key).
        List<String> lines = YamlDocuments.decodeUtf8(bytes, name).lines().toList();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0) {
                errors.add(name + ":" + (i + 1) + ":1: expected key=value");
            } else if (!KEY.matcher(key).matches()) {
                // attack27: "password: c2Vj...=" has no key before its '=': what stands there is the value.
                errors.add(name + ":" + (i + 1) + ":1: expected key=value, the key one of "
                        + String.join(", ", new TreeSet<>(KEYS)) + " (the line is not shown: it may hold a secret)");
            } else if (!KEYS.contains(key)) {
                errors.add(name + ":" + (i + 1) + ":1: unknown key '" + key + "' (allowed: "
                        + String.join(", ", new TreeSet<>(KEYS)) + (key.startsWith("kafka.")
                                ? "; other Kafka client settings are not read, as some name a class to load" : "")
                        + ")");
            } else if (values.put(key, line.substring(eq + 1).strip()) != null) {
                errors.add(name + ":" + (i + 1) + ":1: key '" + key + "' is given twice");
            } else {
                lineOf.put(key, i + 1);
            }
        }
        Map<String, String> security = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (KafkaSecurity.KEYS.contains(key)) {
                security.put(key, value);
            }
        });
        errors.addAll(KafkaSecurity.problems(security, key -> name + ":" + lineOf.get(key) + ":1: "));
        if (!security.isEmpty() && opt(values.get("kafka.bootstrap.servers")).isEmpty()) {
            String first = security.keySet().iterator().next();
            errors.add(name + ":" + lineOf.get(first) + ":1: " + first + " without kafka.bootstrap.servers has no"
                    + " effect (no events are published)");
        }
        Duration lockTimeout = timeout(values.get("lock.timeout"), PostgresStore.DEFAULT_LOCK_TIMEOUT,
                name + ":" + lineOf.get("lock.timeout") + ":1: lock.timeout: ", errors);
        Duration statementTimeout = timeout(values.get("statement.timeout"), PostgresStore.DEFAULT_STATEMENT_TIMEOUT,
                name + ":" + lineOf.get("statement.timeout") + ":1: statement.timeout: ", errors);
        if (!values.containsKey("url") || values.get("url").isEmpty()) {
            errors.add(name + ": missing key 'url' (a jdbc:postgresql:// URL)");
        } else {
            StoreUrl.problems(values.get("url")).forEach(problem -> errors.add(name + ":" + lineOf.get("url")
                    + ":1: url: " + problem));
        }
        if (errors.size() == 1) {
            // The line names the file, line and column itself.
            throw new InvalidInputException(errors.get(0));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("invalid store configuration " + name + ": " + errors.size() + " errors:\n  "
                    + String.join("\n  ", errors));
        }
        return new StoreConfig(values.get("url"), opt(values.get("user")), opt(values.get("password")),
                opt(values.get("repository")).orElse("default"), opt(values.get("kafka.bootstrap.servers")),
                opt(values.get("kafka.topic")).orElse(DEFAULT_TOPIC), new KafkaSecurity(security), lockTimeout,
                statementTimeout);
    }

    /**
     * A timeout as written ({@code 500ms}, {@code 10s}, {@code 2min}), the default when not given; a value
     * of another form, or out of range, adds an error starting with {@code where} and gives the default.
     */
    private static Duration timeout(String value, Duration byDefault, String where, List<String> errors) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        Matcher written = TIMEOUT.matcher(value.strip());
        if (written.matches()) {
            long amount = Long.parseLong(written.group(1));
            Duration duration = switch (written.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
            if (duration.compareTo(Duration.ofDays(24)) <= 0) {
                return duration;
            }
        }
        errors.add(where + "expected a whole number of ms, s or min from 1 ms to 24 days (10s, 500ms, 2min), found '"
                + value.strip() + "'");
        return byDefault;
    }

    /**
     * Opens the store this configuration names, with the outbox on when Kafka is configured.
     *
     * @return the open store; the caller closes it
     */
    public PostgresStore open() {
        PostgresStore.Builder builder = PostgresStore.builder().jdbcUrl(url).repository(repository)
                .outbox(kafkaBootstrap.isPresent()).lockTimeout(lockTimeout).statementTimeout(statementTimeout);
        user.ifPresent(builder::user);
        password.ifPresent(builder::password);
        return builder.build();
    }

    /**
     * The client properties for {@link OutboxRelay#producer(Properties)} (or a consumer of the
     * topic), when Kafka is configured: the bootstrap servers and the {@link KafkaSecurity} settings.
     *
     * @return the client properties, when Kafka is configured
     */
    public Optional<Properties> kafkaProperties() {
        return kafkaBootstrap.map(servers -> {
            Properties props = new Properties();
            props.put("bootstrap.servers", servers);
            kafkaSecurity.applyTo(props);
            return props;
        });
    }

    /**
     * {@code text} without this configuration's secrets (robust28), for what prints a message that may quote
     * them (the command line's stack trace under {@code PLANNING_DEBUG}): the URL's user information and query
     * string, wherever they appear, as {@code ...} (as a refused connection's message shows them), the password and
     * the Kafka passwords, wherever they appear, as {@code (hidden)}.
     *
     * @param text the text, or {@code null}
     * @return the text without the secrets; {@code null} for {@code null}
     * @since 0.1
     */
    public String withoutSecrets(String text) {
        String out = PostgresStore.withoutSecrets(text, url);
        if (out == null) {
            return null;
        }
        List<String> secrets = new ArrayList<>(kafkaSecurity.secretValues());
        password.ifPresent(secrets::add);
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, "(hidden)");
            }
        }
        return out;
    }

    /** Never shows a password. */
    @Override
    public String toString() {
        return "StoreConfig[" + PostgresStore.redact(url) + ", repository=" + repository
                + (kafkaSecurity.settings().isEmpty() ? "" : ", " + kafkaSecurity) + "]";
    }

    private static Set<String> keys() {
        Set<String> keys = new HashSet<>(Set.of("url", "user", "password", "repository",
                "kafka.bootstrap.servers", "kafka.topic", "lock.timeout", "statement.timeout"));
        keys.addAll(KafkaSecurity.KEYS);
        return Set.copyOf(keys);
    }

    private static Optional<String> opt(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
