package dev.planning.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.internal.eventlog.EventLogQueries;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.engine.internal.seal.SignedRoles;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * PostgreSQL as the system of record for planning events: the entry point of this module.
 *
 * <pre>{@code
 * try (PostgresStore store = PostgresStore.builder()
 *         .jdbcUrl("jdbc:postgresql://db.example.org/planning?sslmode=verify-full")  // TLS: in the URL
 *         .user("planning").password(System.getenv("PLANNING_STORE_PASSWORD"))
 *         .repository("acme/payments")    // the tenant: many workspaces share one database
 *         .outbox(true)                   // also queue each event for Kafka (see OutboxRelay)
 *         .build()) {                     // runs the versioned migrations, opens a HikariCP pool
 *     PlanningWorkspace ws = Planning.builder().workspace(dir).eventStore(store.eventStore()).build();
 *     store.queries().portfolio();
 * }
 * }</pre>
 *
 * <p>The schema is created and upgraded by Flyway migrations ({@code db/planning/V*__*.sql} in this
 * jar, history in table {@code planning_schema_history}). Thread-safe; close it to close the pool
 * (a data source passed in is left open).
 *
 * <p>Reading a cycle ({@link PostgresEventStore#read}) re-hashes and chain-checks its lines; the
 * cross-cycle {@link #queries()} read the other columns and stay fast (what an edit of those columns
 * can then do, and what catches it: {@link #queries()}); the pending-signatures questions of
 * {@link #queries(java.nio.file.Path, TrustedKeys)} read every line of the repository, in one statement,
 * chains verified, as does every question of {@code PlanningWorkspace.queries(trust)} on a workspace built
 * on {@link #eventStore()}; {@link #check()} checks a whole repository's rows against their lines on demand
 * ({@code planning store check}).
 *
 * @since 0.1
 */
public final class PostgresStore implements AutoCloseable {

    /** The default of {@link Builder#lockTimeout}. */
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** The default of {@link Builder#statementTimeout}. */
    static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_TIMEOUT = Duration.ofDays(24);

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
    /** What {@link #REPOSITORY} accepts, in words. */
    static final String REPOSITORY_RULE = "expected 1-200 letters, digits, '.', '_', '/' or '-', starting with a"
            + " letter or digit (e.g. acme/payments)";

    private final DataSource dataSource;
    private final HikariDataSource owned;
    private final PostgresEventStore eventStore;
    private final PostgresCycleQueries queries;
    private final Transactions transactions;
    private final String repository;

    private PostgresStore(Builder builder) {
        this.owned = builder.dataSource == null ? pool(builder) : null;
        this.dataSource = owned != null ? owned : builder.dataSource;
        try {
            if (builder.migrate) {
                // Flyway holds two connections at once: migrate over the URL when the pool is ours,
                // so that a pool of one connection does not starve it.
                if (owned != null) {
                    migrate(Flyway.configure(PostgresStore.class.getClassLoader())
                            .dataSource(builder.jdbcUrl, builder.user, builder.password), "as the URL's options set them",
                            builder.jdbcUrl);
                } else {
                    migrate(dataSource);
                }
            }
            this.transactions = new Transactions(dataSource, builder.retryFor, owned != null
                    ? "lock_timeout " + shown(builder.lockTimeout) + ", statement_timeout " + shown(builder.statementTimeout)
                    : "as the data source given sets them");
            this.repository = builder.repository;
            this.eventStore = new AllLogsPostgresEventStore(transactions, builder.repository, builder.outbox);
            this.queries = new PostgresCycleQueries(transactions, builder.repository, Optional.empty());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A new builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates or upgrades the schema to this version's migrations.
     *
     * @param dataSource the database
     */
    public static void migrate(DataSource dataSource) {
        migrate(Flyway.configure(PostgresStore.class.getClassLoader()).dataSource(dataSource),
                "as the data source given sets them", "");
    }

    /** Migrates; {@code url} is the URL Flyway connects with ("" for a data source), kept out of its messages. */
    private static void migrate(org.flywaydb.core.api.configuration.FluentConfiguration configuration, String bounds,
            String url) {
        try {
            configuration
                    .locations("classpath:db/planning")
                    .table("planning_schema_history")
                    .baselineOnMigrate(false)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            // exit25: classified by the database's SQLSTATE among the causes, as the store's own work is: a database
            // that cannot be reached or is busy failed the command (exit 3); anything else is the input's (exit 2).
            SQLException sql = sqlException(e);
            if (sql != null) {
                PlanningException failure = Transactions.failure("migrate the planning schema", sql, bounds, "", "");
                if (failure instanceof dev.planning.api.SystemFailureException
                        || Transactions.unknownHost(sql) != null) {
                    throw failure;
                }
            }
            throw new PlanningException("cannot migrate the planning schema: " + withoutSecrets(e.getMessage(), url),
                    null, e);
        }
    }

    /**
     * The event store of the configured repository; never {@code null}.
     *
     * @return the event store of the configured repository; never {@code null}
     */
    public PostgresEventStore eventStore() {
        return eventStore;
    }

    /**
     * Cross-cycle queries over the configured repository, from its rows alone; never {@code null}.
     * The database holds events, not manifests, so these queries cannot verify a signature: no role
     * counts as signed in {@link CycleQueries#pendingSignatures} (a role a {@code SIGNATURE_ADDED}
     * row claims is reported unverified), and they know no rulebook, so {@link CycleQueries#pendingSignatures()}
     * is refused; use {@link #queries(java.nio.file.Path, TrustedKeys)}.
     * The queries answer from the rows' columns and the portfolio rows as the appends wrote them,
     * without re-hashing the lines (fast); {@link #check()} checks those against the lines.
     *
     * <p>So someone who can write the database, and holds no key, can change what the portfolio, the
     * expiring waivers and the refusals answer with an edit of one column or row that no read of a cycle
     * notices: delete or add a {@code planning_cycle} row (a cycle hidden from the portfolio, or one that
     * has no events shown in it), change its {@code state}, {@code events} or {@code updated_at}; change
     * an event row's {@code details} (a waiver's expiry, so that it is not listed), its {@code event_type}
     * or {@code occurred_at} (a refusal no longer listed, or outside {@code since}). What these queries
     * refuse rather than answer: a row naming a stream, cycle or state no append writes, and a row whose
     * type column says refusal while its line says otherwise. What catches the rest: {@link #check()}
     * reports each such edit (a column that is not its line's, a portfolio row that is not the fold of its
     * lines, a log without its portfolio row, a portfolio row without lines), and every read of the cycle
     * ({@link PostgresEventStore#read}: {@code status}, {@code advance}, {@code verify}) refuses an edited
     * line. The pending-signatures questions of {@link #queries(java.nio.file.Path, TrustedKeys)} answer
     * from the verified lines, so such edits change nothing there. These three stay on the columns because
     * answering from the lines means reading and hashing every line of the repository: at 10,000 cycles of
     * 10 events that took 3.3 s against the portfolio's 94 ms from its rows, whose target is 100 ms
     * (docs/BENCHMARKS.md, B6, a loaded machine); a consistent rewrite of a whole cycle
     * (lines re-chained, columns to match) is caught by neither, only by a copy kept elsewhere.
     *
     * @return the queries
     */
    public CycleQueries queries() {
        return queries;
    }

    /**
     * Cross-cycle queries over the configured repository whose pending signatures count a role as
     * signed only for a signature that verifies: in the cycle's manifest file under
     * {@code workspace} (the manifests stay files), over the manifest its {@code MANIFEST_SEALED}
     * row recorded, by a key {@code trust} lists for the role. They know the workspace's rulebook
     * ({@code rulebook/} under it, in the default layout, {@link WorkspaceLayout#DEFAULT}; a workspace of
     * another layout: {@link #queries(java.nio.file.Path, WorkspaceLayout, TrustedKeys)}), as
     * {@code Planning.cycleQueries(path, layout, trust)} over the files does: read, without compiling it, each time a pending-signatures question
     * is asked and only then, so that a role its signing policy does not name is refused and
     * {@link CycleQueries#pendingSignatures()} judges that policy and {@code trust}'s own, as
     * {@code verify} does. A rulebook that cannot be read refuses those questions (never an answer
     * judged against no policy); the portfolio, the waivers and the refusals do not read it. The
     * pending-signatures questions read every cycle's lines, hash chains verified, as the file store's
     * queries read its logs (all of the repository's lines in one ordered statement, each cycle then walked
     * as {@link PostgresEventStore#read} walks it, refusing as it refuses): which cycles are sealed, and whether one is completed, is the lines' say, not
     * that of the columns and {@code planning_cycle} rows the other questions answer from (an edit of one
     * column would otherwise hide a sealed handoff from the question).
     *
     * @param workspace the workspace whose manifest files and rulebook the pending-signatures questions read
     * @param trust the keys trusted to sign manifests, with the trust file's signing policy
     * @return the queries
     */
    public CycleQueries queries(Path workspace, TrustedKeys trust) {
        return queries(workspace, WorkspaceLayout.DEFAULT, trust);
    }

    /**
     * As {@link #queries(java.nio.file.Path, TrustedKeys)}, for a workspace laid out by {@code layout}:
     * the manifests and the rulebook ({@link WorkspaceLayout#rulebookDir()}) read where it puts them, as
     * {@code Planning.cycleQueries(path, layout, trust)} reads them over the files. Under the default
     * layout a workspace of another has no manifest where it is looked for, so every role would read
     * as missing and its rulebook as unreadable: pass the layout the workspace was built with.
     *
     * @param workspace the workspace whose manifest files and rulebook the pending-signatures questions read
     * @param layout    where the workspace's manifests and rulebook live
     * @param trust     the keys trusted to sign manifests, with the trust file's signing policy
     * @return the queries
     * @since 0.1
     */
    public CycleQueries queries(Path workspace, WorkspaceLayout layout, TrustedKeys trust) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(trust, "trust");
        Path root = workspace.toAbsolutePath().normalize();
        Supplier<Rulebook> rulebook = () -> RulebookLoader.loadForReading(root.resolve(layout.rulebookDir()), root);
        Supplier<SigningPolicy> policy = () -> rulebook.get().signing();
        return new PostgresCycleQueries(transactions, repository, Optional.of(new SignedRoles(root, layout, trust)),
                Optional.of(policy), trust, Optional.of(EventLogQueries.ofAllLogs(root, layout, eventStore::readAll,
                        eventStore::location, trust, rulebook)));
    }

    /**
     * Cross-cycle queries over the configured repository that know {@code workspace}: its manifest
     * files, where signatures are verified against {@code trust} (as {@link #queries(java.nio.file.Path,
     * TrustedKeys)}), and its rulebook, read when a pending-signatures question is asked: a role its
     * signing policy does not name is refused, and {@link CycleQueries#pendingSignatures()} judges that
     * policy and {@code trust}'s own, as {@code verify} does. The pending-signatures questions read the
     * cycles' lines, chains verified, as {@link #queries(java.nio.file.Path, TrustedKeys)}'s do.
     *
     * <pre>{@code
     * PlanningWorkspace ws = Planning.builder().workspace(dir).readOnly().build();
     * store.queries(ws, trust).pendingSignatures();   // what verify would refuse for a missing signature
     * }</pre>
     *
     * @param workspace the workspace whose manifests and rulebook the questions read
     * @param trust the keys trusted to sign manifests, with the trust file's signing policy
     * @return the queries
     * @since 0.1
     */
    public CycleQueries queries(PlanningWorkspace workspace, TrustedKeys trust) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(trust, "trust");
        Supplier<SigningPolicy> policy = () -> workspace.rulebook().signing();
        return new PostgresCycleQueries(transactions, repository, Optional.of(new SignedRoles(workspace.root(),
                workspace.layout(), trust)), Optional.of(policy), trust, Optional.of(EventLogQueries.ofAllLogs(
                workspace.root(), workspace.layout(), eventStore::readAll, eventStore::location, trust,
                workspace::rulebook)));
    }

    /**
     * Checks every row of the configured repository, in one snapshot, and reports every mistake
     * found (the check does not stop at the first). Per cycle: the lines are numbered 1, 2, 3, ...;
     * each line hashes to the SHA-256 stored with it and chains to the previous line's (in the line
     * and in the row's {@code prev_sha256}); each decodes as a planning event, and not one about another
     * cycle (its entity id naming one, as {@link PostgresEventStore#read} refuses it); the columns the
     * cross-cycle queries read ({@code event_id}, {@code event_type}, {@code from_state},
     * {@code to_state}, {@code occurred_at}, {@code details}) are the line's; and the cycle's
     * {@code planning_cycle} row (state, events, head, updated_at) is the fold of its lines. A
     * {@code planning_cycle} row with no lines is a mistake too, and so is the first line of a history the
     * lifecycle does not allow, as {@code status} folds it. One edit, one mistake: a rewritten
     * {@code prev_sha256} column is that column's mistake, an edited line is reported as edited and
     * not also compared with its row, a missing line is reported once. The lines are walked as
     * {@link PostgresEventStore#read} walks them (the read stops at the first mistake), streamed from
     * the database: the client holds one row, one cycle's running state and the mistakes found.
     *
     * <p>It cannot catch a consistent rewrite of a cycle: whoever can write the database can
     * replace a cycle's rows with another chain that hashes, chains and folds (as with log files,
     * only a copy kept elsewhere, such as the events published to Kafka, shows that). The queries
     * ({@link #queries()}) stay fast and do not check the lines; run this check to know the rows
     * they read agree with the record.
     *
     * @return what was checked and every mistake, sorted by stream, cycle and line
     * @throws PlanningException when the database cannot be read
     */
    public CheckResult check() {
        return new StoreCheck(transactions, repository).run();
    }

    /**
     * What {@link #check()} read and found.
     *
     * @param repository the repository (tenant) checked
     * @param cycles     how many cycles it holds (with lines, or only a {@code planning_cycle} row)
     * @param lines      how many event rows it holds
     * @param mistakes   every mistake listed, one per entry; empty when every check holds. A cycle's
     *                   mistakes past its first 50 are not listed: one last entry
     *                   of that cycle counts them
     * @param found      how many mistakes were found, listed or not (the entries counting the unlisted
     *                   ones are not mistakes themselves); the total {@code store check} prints
     * @since 0.1
     */
    public record CheckResult(String repository, int cycles, long lines, List<Mistake> mistakes, long found) {

        /**
         * A result; {@code mistakes} is copied.
         *
         * @param repository the repository (tenant) checked
         * @param cycles     how many cycles it holds
         * @param lines      how many event rows it holds
         * @param mistakes   every mistake listed
         * @param found      how many mistakes were found, listed or not
         */
        public CheckResult {
            Objects.requireNonNull(repository, "repository");
            mistakes = List.copyOf(mistakes);
            if (found < 0 || found == 0 != mistakes.isEmpty()) {
                throw new IllegalArgumentException("found " + found + " mistake(s) but " + mistakes.size()
                        + " listed");
            }
        }

        /**
         * A result whose mistakes are all listed: {@code found} is their number.
         *
         * @param repository the repository (tenant) checked
         * @param cycles     how many cycles it holds
         * @param lines      how many event rows it holds
         * @param mistakes   every mistake
         */
        public CheckResult(String repository, int cycles, long lines, List<Mistake> mistakes) {
            this(repository, cycles, lines, mistakes, mistakes.size());
        }

        /**
         * Whether every check held.
         *
         * @return whether there is no mistake
         */
        public boolean ok() {
            return mistakes.isEmpty();
        }
    }

    /**
     * One mistake {@link #check()} found: where, and what was expected and found.
     *
     * @param repository the repository (tenant)
     * @param stream     the row's stream
     * @param cycle      the row's cycle id
     * @param line       the line (event row number) it concerns; for a {@code planning_cycle} row, the
     *                   line it names or should name
     * @param message    what was expected and what was found
     */
    public record Mistake(String repository, String stream, String cycle, int line, String message) {

        /**
         * Where the mistake is, as the store's errors name a line:
         * {@code postgresql:<repository>/<stream>/<cycle>:<line>}, on one line: the stream and cycle
         * are the rows' text (the database takes any), every character not shown as itself written as
         * {@code \u005cuXXXX} ({@link Printable#line}).
         *
         * @return the location
         */
        public String location() {
            return Printable.line("postgresql:" + repository + "/" + stream + "/" + cycle + ":" + line);
        }

        /** The location and the message, on one line ({@link Printable#line}). */
        @Override
        public String toString() {
            return location() + ": " + Printable.line(message);
        }
    }

    /**
     * The pool (or the data source given), e.g. for an {@link OutboxRelay}; never {@code null}.
     *
     * @return the pool, or the data source given
     */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    private static HikariDataSource pool(Builder builder) {
        if (builder.jdbcUrl == null) {
            throw new IllegalStateException("jdbcUrl(String) or dataSource(DataSource) is required");
        }
        if (!builder.jdbcUrl.startsWith(StoreUrl.PREFIX)) {
            throw new InvalidInputException("the store URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host/db),"
                    + " found '" + redact(builder.jdbcUrl) + "'");
        }
        // store36: only the parameters of the allow-list reach the driver (see StoreUrl), each refusal naming one.
        List<String> problems = StoreUrl.problems(builder.jdbcUrl);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("the store URL " + redact(builder.jdbcUrl) + " is refused: "
                    + String.join("; ", problems));
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("planning-store");
        config.setJdbcUrl(builder.jdbcUrl);
        if (builder.user != null) {
            config.setUsername(builder.user);
        }
        if (builder.password != null) {
            config.setPassword(builder.password);
        }
        config.setMaximumPoolSize(builder.poolSize);
        // Every session of the pool bounds its waits, so that an append behind a lock another session
        // holds (an open transaction, a manual repair) ends with StoreBusyException instead of
        // waiting for ever; set when the connection is opened, after the URL's own options.
        config.setConnectionInitSql("SELECT set_config('lock_timeout', '" + builder.lockTimeout.toMillis()
                + "ms', false), set_config('statement_timeout', '" + builder.statementTimeout.toMillis() + "ms', false)");
        config.setConnectionTimeout(builder.connectTimeout.toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            String message = "cannot connect to the store at " + redact(builder.jdbcUrl) + ": "
                    + withoutSecrets(rootMessage(e), builder.jdbcUrl);
            SQLException sql = sqlException(e);
            String sqlState = sql == null ? null : sql.getSQLState();
            // pg24: a database that does not answer, or has no connection left, failed the command, not its
            // input (exit 3); wrong credentials, a database that does not exist, a certificate refused, stay
            // the input's (exit 2).
            UnknownHostException unknown = Transactions.unknownHost(e);
            if (unknown != null) {
                // exit25: a host the name service does not know is the configuration's to fix (exit 2), by its name.
                throw new PlanningException(withoutSecrets(Transactions.unknownHostLine("cannot connect to the store at "
                        + redact(builder.jdbcUrl), unknown, sqlState), builder.jdbcUrl), null, e);
            }
            if (sql != null && Transactions.unreachable(sql)) {
                throw new StoreUnreachableException(message + " (SQLSTATE " + sqlState + ")", e);
            }
            if (StoreBusyException.TOO_MANY_CONNECTIONS.equals(sqlState)) {
                throw new StoreBusyException(message + " (SQLSTATE " + sqlState + "): the store is busy: the server has"
                        + " as many connections as its max_connections allows; nothing was written and retrying is"
                        + " safe", StoreBusyException.Reason.CONNECTIONS, e);
            }
            throw new PlanningException(message + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")"), null, e);
        }
    }

    /** The first {@link java.sql.SQLException} in {@code e}'s causes that has a SQLSTATE, or {@code null}. */
    private static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql;
            }
        }
        return null;
    }

    /** A bound as its messages show it: {@code 10 s}, {@code 250 ms}. */
    static String shown(Duration bound) {
        long millis = bound.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * The URL without what may carry credentials: its query string ({@code ?password=}) and the user
     * information before a host ({@code postgresql://user:password@host}, as libpq and most services
     * write a database URL), each shown as {@code ...}. A password written raw may hold {@code /} or
     * {@code ?} (review27): the user information ends at the URL's last {@code @}, and where that
     * {@code @} stands after a {@code ?} (a password's or a query's) nothing after the scheme is shown.
     */
    static String redact(String url) {
        int start = authorityStart(url);
        int at = url.lastIndexOf('@');
        int query = url.indexOf('?');
        if (at > start && query >= 0 && at > query) {
            return url.substring(0, start) + "...";
        }
        String base = query < 0 ? url : url.substring(0, query);
        if (at > start) {
            base = base.substring(0, start) + "..." + base.substring(at);
        }
        return query < 0 ? base : base + "?...";
    }

    /** Whether {@code value} is a repository's name as {@link Builder#repository} accepts it. */
    static boolean validRepository(String value) {
        return REPOSITORY.matcher(value).matches();
    }

    /**
     * {@code text} (a message the driver, the pool or Flyway wrote, which may quote the URL or its host as
     * written) with the URL's user information and query string, wherever they appear, as {@code ...}.
     */
    static String withoutSecrets(String text, String url) {
        if (text == null) {
            return null;
        }
        // Each with its delimiter, so that a short one ("u" of u@host) does not replace every "u" of the text.
        String out = text;
        int start = authorityStart(url);
        int at = url.lastIndexOf('@');
        int query = url.indexOf('?');
        if (at > start && query >= 0 && at > query && start < url.length()) {
            // review27: ambiguous (a '?' in the password, or an '@' in the query): all after the scheme goes.
            out = out.replace(url.substring(start), "...");
        }
        if (query >= 0 && query + 1 < url.length()) {
            out = out.replace(url.substring(query), "?...");
        }
        if (at > start) {
            out = out.replace(url.substring(start, at + 1), "...@");
        }
        return out;
    }

    /** Where a URL's authority starts: after its {@code //}, or at 0 for a URL without one. */
    private static int authorityStart(String url) {
        int authority = url.indexOf("//");
        return authority < 0 ? 0 : authority + 2;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Configures a {@link PostgresStore}. */
    public static final class Builder {

        private String jdbcUrl;
        private String user;
        private String password;
        private DataSource dataSource;
        private String repository = "default";
        private boolean outbox;
        private boolean migrate = true;
        private int poolSize = 10;
        private Duration retryFor = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private boolean timeoutsSet;

        private Builder() {
        }

        /**
         * A {@code jdbc:postgresql://} URL; TLS is configured here ({@code sslmode=verify-full}, ...). Its parameters
         * are judged when the store is built, as {@link StoreConfig} says: one off the allow-list (a class to load,
         * {@code currentSchema}, {@code options}, ...) is refused naming it; an application that needs another passes
         * its own {@link #dataSource}.
         *
         * @param url a {@code jdbc:postgresql://} URL; TLS is configured here ({@code sslmode=verify-full}, ...)
         * @return this builder
         */
        public Builder jdbcUrl(String url) {
            this.jdbcUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * The database user (or in the URL).
         *
         * @param value the database user (or in the URL)
         * @return this builder
         */
        public Builder user(String value) {
            this.user = Objects.requireNonNull(value, "user");
            return this;
        }

        /**
         * The password; pass it from an environment variable or a secret store, never a command line.
         *
         * @param value the password; pass it from an environment variable or a secret store, never a command line
         * @return this builder
         */
        public Builder password(String value) {
            this.password = Objects.requireNonNull(value, "password");
            return this;
        }

        /**
         * Uses this data source instead of opening a pool; it is not closed by {@link #close()}.
         *
         * @param value the data source
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            return this;
        }

        /**
         * The repository (tenant) whose logs the store holds: letters, digits, {@code . _ / -}, at most
         * 200 characters; default {@code default}.
         *
         * @param value the repository's name
         * @return this builder
         */
        public Builder repository(String value) {
            Objects.requireNonNull(value, "repository");
            if (!REPOSITORY.matcher(value).matches()) {
                throw new InvalidInputException("invalid repository '" + value + "': " + REPOSITORY_RULE);
            }
            this.repository = value;
            return this;
        }

        /**
         * Whether each append also writes an outbox row for {@link OutboxRelay}; default off.
         *
         * @param enabled whether each append also writes an outbox row for {@link OutboxRelay}; default off
         * @return this builder
         */
        public Builder outbox(boolean enabled) {
            this.outbox = enabled;
            return this;
        }

        /**
         * Whether {@link #build()} runs the schema migrations; default on.
         *
         * @param enabled whether {@link #build()} runs the schema migrations; default on
         * @return this builder
         */
        public Builder migrate(boolean enabled) {
            this.migrate = enabled;
            return this;
        }

        /**
         * The pool's maximum size; default 10.
         *
         * @param size the pool's maximum size; default 10
         * @return this builder
         */
        public Builder poolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1");
            }
            this.poolSize = size;
            return this;
        }

        /**
         * How long a unit of work is retried while the database is unreachable; default 30 s.
         *
         * @param value how long; default 30 s
         * @return this builder
         */
        public Builder retryFor(Duration value) {
            this.retryFor = Objects.requireNonNull(value, "retryFor");
            return this;
        }

        /**
         * How long to wait for a connection from the pool; default 5 s.
         *
         * @param value how long; default 5 s
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /**
         * How long one statement of the store waits for a lock another session holds (PostgreSQL's
         * {@code lock_timeout}, set on every connection of the pool); default 10 s. An append that
         * waits longer (another session holds the cycle's portfolio row, say, in a transaction left
         * open) ends with {@link StoreBusyException}, nothing written; a lock released in time lets
         * it go on. Whole milliseconds, from 1 ms to 24 days; not with {@link #dataSource}, whose
         * sessions are its owner's to configure.
         *
         * @param value how long; default 10 s
         * @return this builder
         * @since 0.1
         */
        public Builder lockTimeout(Duration value) {
            this.lockTimeout = bound("lockTimeout", value);
            this.timeoutsSet = true;
            return this;
        }

        /**
         * How long one statement of the store may run (PostgreSQL's {@code statement_timeout}, set on
         * every connection of the pool); default 60 s. A statement cancelled by it ends its unit of
         * work with {@link StoreBusyException}, nothing written. Whole milliseconds, from 1 ms to 24
         * days; not with {@link #dataSource}, whose sessions are its owner's to configure.
         *
         * @param value how long; default 60 s
         * @return this builder
         * @since 0.1
         */
        public Builder statementTimeout(Duration value) {
            this.statementTimeout = bound("statementTimeout", value);
            this.timeoutsSet = true;
            return this;
        }

        private static Duration bound(String name, Duration value) {
            Objects.requireNonNull(value, name);
            // PostgreSQL reads 0 as "no bound" and keeps whole milliseconds up to 2^31 - 1.
            if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(MAX_TIMEOUT) > 0
                    || !value.equals(Duration.ofMillis(value.toMillis()))) {
                throw new IllegalArgumentException(name + " must be whole milliseconds from 1 ms to 24 days, got "
                        + value);
            }
            return value;
        }

        /**
         * Opens the pool and migrates the schema.
         *
         * @return the open store; the caller closes it
         * @throws PlanningException when the database cannot be reached or migrated
         */
        public PostgresStore build() {
            if (dataSource != null && timeoutsSet) {
                // A bound the store cannot enforce is refused, never silently dropped.
                throw new IllegalStateException("lockTimeout and statementTimeout configure the pool the store opens;"
                        + " with dataSource(DataSource) set them on the data source's own sessions (its URL's"
                        + " options=-c lock_timeout=10s, or its connection init SQL)");
            }
            return new PostgresStore(this);
        }
    }
}
