package dev.planning.cli;

import dev.planning.api.Printable;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.store.postgres.OutboxRelay;
import dev.planning.store.postgres.PostgresStore;
import dev.planning.store.postgres.StoreConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Chooses where events go: the workspace's files (the default), or the PostgreSQL store named by
 * {@code --store FILE}, {@code $PLANNING_STORE_CONFIG} or {@code $PLANNING_STORE_URL} (see
 * {@link StoreConfig}). Never takes a URL or password from the command line. Stores opened while a
 * command runs are closed when it ends ({@link #closeAll()}); when Kafka is configured, the events
 * the command committed are published first (those the broker does not take wait in the outbox).
 */
final class StoreSelection {

    private static final List<Opened> OPENED = new ArrayList<>();
    /** Every store configuration read in this process, whose secrets {@link #withoutSecrets} hides. */
    private static final Set<StoreConfig> READ = new LinkedHashSet<>();
    /** A URL's scheme and user information ({@code postgresql://user:password@}). */
    private static final Pattern USER_INFORMATION = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/@]+@");
    /** The setting that named the store this run read last ({@link StoreConfig.Resolved#source()}), or {@code null}. */
    private static volatile String source;

    private StoreSelection() {
    }

    /** The configured store, opened, or empty for the workspace's files (no workspace: see {@link #open(Path, Path)}). */
    static Optional<Opened> open(Path storeFile) {
        return open(storeFile, null);
    }

    /**
     * The configured store for a command over {@code workspace} ({@code null}: none), opened, or empty
     * for the workspace's files; a configuration file inside the workspace, or one git tracks, is
     * refused before anything connects ({@link StoreConfig#resolve(String, Optional, java.util.Map, Optional)}).
     */
    static Optional<Opened> open(Path storeFile, Path workspace) {
        return configured(storeFile, workspace).map(StoreSelection::open);
    }

    /**
     * The configured store's configuration, read but not connected to, or empty for the workspace's
     * files; refused as {@link #open(Path, Path)} refuses it.
     */
    static Optional<StoreConfig> configured(Path storeFile, Path workspace) {
        // The setting's rules (no URL, no connection string, no file inside the workspace or tracked by git) and its
        // precedence are the store's: StoreConfig.resolve, which names --store in its refusals.
        Optional<StoreConfig.Resolved> resolved = StoreConfig.resolve("--store", Optional.ofNullable(storeFile),
                System.getenv(), Optional.ofNullable(workspace));
        resolved.ifPresent(read -> {
            synchronized (READ) {
                READ.add(read.config());
            }
            source = read.source();
        });
        return resolved.map(StoreConfig.Resolved::config);
    }

    /**
     * Where the URL of the store this run read was written, for a hint (store36: the hint named
     * {@code PLANNING_STORE_URL} whatever setting chose the store): {@code $PLANNING_STORE_URL}, or the {@code url=}
     * line of the store file and the setting that named it ({@code --store FILE}, {@code $PLANNING_STORE_CONFIG FILE}).
     */
    static String urlSetting() {
        String read = source;
        if (read == null) {
            return "the store's url";
        }
        return read.startsWith("$PLANNING_STORE_URL") ? "$PLANNING_STORE_URL"
                : "the url= line of the store file (" + Printable.line(read) + ")";
    }

    /**
     * {@code text} without the secrets of every store configuration this process read ({@link
     * StoreConfig#withoutSecrets}), nor {@code $PLANNING_STORE_PASSWORD}, nor the user information of any URL
     * ({@code scheme://user:password@}, up to a space, a {@code /} or its {@code @}): what the stack trace that
     * {@code PLANNING_DEBUG} asks for prints of each exception's message (robust28).
     */
    static String withoutSecrets(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        synchronized (READ) {
            for (StoreConfig config : READ) {
                out = config.withoutSecrets(out);
            }
        }
        String password = System.getenv("PLANNING_STORE_PASSWORD");
        if (password != null && !password.isEmpty()) {
            out = out.replace(password, "(hidden)");
        }
        return USER_INFORMATION.matcher(out).replaceAll("$1...@");
    }

    /** The store {@code config} names, opened (closed by {@link #closeAll}). */
    static Opened open(StoreConfig config) {
        Opened opened = new Opened(config, config.open());
        synchronized (OPENED) {
            OPENED.add(opened);
        }
        return opened;
    }

    /**
     * Publishes what the commands committed (when Kafka is configured) and closes the stores. Events
     * the broker did not take stay in the outbox; a warning on {@code err} says so.
     */
    static void closeAll(PrintWriter err) {
        source = null;
        List<Opened> all;
        synchronized (OPENED) {
            all = new ArrayList<>(OPENED);
            OPENED.clear();
        }
        for (Opened opened : all) {
            try {
                if (opened.config().kafkaBootstrap().isPresent()) {
                    Published published = publishOnce(opened);
                    if (published.waiting() > 0) {
                        err.println("warning: " + published.waiting() + " event(s) wait in the outbox ("
                                + published.cause().map(cause -> "the broker did not take them: " + cause)
                                        .orElse("no send failed in this run: another relay may hold the outbox")
                                + "); they are published by the next run or by `planning store relay`");
                    }
                    warnQuarantined(opened, err);
                }
            } catch (RuntimeException e) {
                err.println("warning: events were not published (" + e.getMessage() + "); they wait in the"
                        + " outbox for the next run or `planning store relay`");
            } finally {
                opened.store().close();
            }
        }
    }

    /**
     * Drains the outbox once; returns how many events still wait and, when a send failed, why. A
     * broker that is down leaves the events waiting in the outbox for the next run (or
     * {@code planning store relay}).
     */
    static Published publishOnce(Opened opened) {
        try (OutboxRelay relay = OutboxRelay.manual(opened.store().dataSource(),
                OutboxRelay.producer(opened.config().kafkaProperties().orElseThrow()), opened.config().kafkaTopic(),
                Duration.ofSeconds(5))) {
            relay.drainOnce();
            return new Published(relay.pending(), relay.lastFailure().map(StoreSelection::oneLine));
        } catch (SQLException e) {
            throw new dev.planning.api.PlanningException("cannot read the outbox: " + e.getMessage(), null, e);
        }
    }

    /** The warning about a quarantined row, on one line: its event id and reason are the row's text. */
    static String warning(OutboxRelay.Quarantined q) {
        return Printable.line("warning: outbox row " + q.id() + " (" + q.repository() + "/" + cycleOf(q) + " line "
                + q.sequence() + ", event " + q.eventId() + ") is quarantined, not published, holding back "
                + q.heldBack() + " later event(s) of its cycle: " + q.reason());
    }

    /** The quarantined row's cycle, or {@code (no valid cycle)} when its stream or cycle id names none. */
    static String cycleOf(OutboxRelay.Quarantined q) {
        return q.cycle().map(CycleRef::toString).orElse("(no valid cycle)");
    }

    /**
     * One warning line per quarantined outbox row (never published; its cycle's later events wait
     * behind it); returns how many there are.
     */
    static int warnQuarantined(Opened opened, PrintWriter err) {
        try {
            List<OutboxRelay.Quarantined> rows = OutboxRelay.quarantined(opened.store().dataSource());
            for (OutboxRelay.Quarantined q : rows) {
                err.println(warning(q));
            }
            return rows.size();
        } catch (SQLException e) {
            throw new dev.planning.api.PlanningException("cannot read the outbox: " + e.getMessage(), null, e);
        }
    }

    /** A failure as one line: its type and message, the cause's when it only wraps one (a send's future). */
    static String oneLine(Throwable failure) {
        Throwable shown = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = shown.getMessage() == null ? "" : ": " + shown.getMessage().strip().replaceAll("\\s+", " ");
        return shown.getClass().getSimpleName() + message;
    }

    /**
     * What one publishing round left.
     *
     * @param waiting how many events still wait in the outbox
     * @param cause   the last send failure, in one line, when one failed
     */
    record Published(long waiting, Optional<String> cause) {
    }

    /** A store and the configuration it came from. */
    record Opened(StoreConfig config, PostgresStore store) {
    }
}
