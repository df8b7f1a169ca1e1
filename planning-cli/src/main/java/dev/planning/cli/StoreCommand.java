package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.WorkspaceLayout;
import dev.planning.store.postgres.OutboxRelay;
import dev.planning.store.postgres.StoreMigration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planning store}: the central PostgreSQL store, chosen by {@code --store FILE},
 * {@code $PLANNING_STORE_CONFIG} or {@code $PLANNING_STORE_URL}: move logs between files and the
 * database, ask questions across cycles, publish the outbox to Kafka.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "The central PostgreSQL store (--store FILE, $PLANNING_STORE_CONFIG or $PLANNING_STORE_URL):"
                + " migrate logs, cross-cycle queries, publish events to Kafka.",
        subcommands = {
            StoreCommand.Migrate.class,
            StoreCommand.Portfolio.class,
            StoreCommand.PendingSignatures.class,
            StoreCommand.ExpiringWaivers.class,
            StoreCommand.Refusals.class,
            StoreCommand.Relay.class
        })
final class StoreCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a store command is required");
    }

    /** The {@code --store FILE} option of the store commands. */
    static final class StoreOption {
        @Option(names = "--store", paramLabel = "FILE",
                description = "Store configuration file (default: $PLANNING_STORE_CONFIG or $PLANNING_STORE_URL).")
        Path file;

        StoreSelection.Opened open() {
            return StoreSelection.open(file).orElseThrow(() -> new InvalidInputException(
                    "no store configured: give --store FILE, or set PLANNING_STORE_CONFIG or PLANNING_STORE_URL"));
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Import the workspace's event logs into the store (each chain verified), or export the"
                    + " store's logs to files; lines keep their exact bytes both ways.")
    static final class Migrate implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOption store;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", defaultValue = ".",
                description = "Workspace directory (default: the current directory).")
        Path workspace;

        @Option(names = "--to-files", description = "Export from the store to the workspace's files instead of importing.")
        boolean toFiles;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            StoreSelection.Opened opened = store.open();
            List<StoreMigration.Moved> moved = toFiles
                    ? StoreMigration.exportFiles(opened.store().eventStore(), workspace, WorkspaceLayout.DEFAULT)
                    : StoreMigration.importFiles(workspace, WorkspaceLayout.DEFAULT, opened.store().eventStore());
            PrintWriter out = spec.commandLine().getOut();
            for (StoreMigration.Moved m : moved) {
                out.println(m.cycle() + ": " + m.lines() + " line(s), " + m.added() + " new");
            }
            out.println((toFiles ? "exported " : "imported ") + moved.size() + " cycle log(s) "
                    + (toFiles ? "to " + workspace : "into repository " + opened.config().repository()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "portfolio", mixinStandardHelpOptions = true,
            description = "Every cycle of the repository and the state its events lead to.")
    static final class Portfolio implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOption store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<CycleQueries.CycleSummary> cycles = store.open().store().queries().portfolio();
            for (CycleQueries.CycleSummary c : cycles) {
                out.println(c.cycle() + "\t" + c.state() + "\t" + c.events() + " event(s)\tlast " + c.updatedAt());
            }
            out.println(cycles.size() + " cycle(s)");
            return ExitCodes.OK;
        }
    }

    @Command(name = "pending-signatures", mixinStandardHelpOptions = true,
            description = "Sealed cycles, not completed, that lack a signature of a required role.")
    static final class PendingSignatures implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOption store;

        @Option(names = "--role", paramLabel = "ROLE", required = true,
                description = "A role that must sign (repeat for several), e.g. --role QA.")
        List<String> roles;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<CycleQueries.PendingSignatures> pending = store.open().store().queries()
                    .pendingSignatures(new LinkedHashSet<>(roles));
            for (CycleQueries.PendingSignatures p : pending) {
                out.println(p.cycle() + "\t" + p.state() + "\tsigned: " + String.join(",", p.signedRoles())
                        + "\tmissing: " + String.join(",", p.missingRoles()));
            }
            out.println(pending.size() + " cycle(s) wait for signatures");
            return ExitCodes.OK;
        }
    }

    @Command(name = "expiring-waivers", mixinStandardHelpOptions = true,
            description = "Waivers recorded as WAIVER_GRANTED events that expire on or before a date (default: in 7"
                    + " days). Waivers kept only in decision log files are not events and are not listed.")
    static final class ExpiringWaivers implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOption store;

        @Option(names = "--until", paramLabel = "DATE", description = "Last expiry date to list (YYYY-MM-DD).")
        String until;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LocalDate date = until == null ? LocalDate.now(ZoneOffset.UTC).plusDays(7) : date(until, "--until");
            PrintWriter out = spec.commandLine().getOut();
            List<CycleQueries.WaiverExpiry> waivers = store.open().store().queries().expiringWaivers(date);
            for (CycleQueries.WaiverExpiry w : waivers) {
                out.println(w.expires() + "\t" + w.cycle() + "\t" + w.rule().orElse("?") + " on " + w.item().orElse("?")
                        + "\tapproved by " + w.approver().orElse("?") + "\t(" + w.eventId() + ")");
            }
            out.println(waivers.size() + " waiver(s) expire by " + date);
            return ExitCodes.OK;
        }
    }

    @Command(name = "refusals", mixinStandardHelpOptions = true,
            description = "Refused transitions since a date or instant (default: the last 7 days), newest first.")
    static final class Refusals implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOption store;

        @Option(names = "--since", paramLabel = "WHEN", description = "YYYY-MM-DD or an ISO-8601 instant.")
        String since;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most this many (default 50).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Instant from = since == null ? Instant.now().minusSeconds(7 * 86400L) : instant(since);
            if (limit < 1) {
                throw new InvalidInputException("--limit must be at least 1, got " + limit);
            }
            PrintWriter out = spec.commandLine().getOut();
            List<CycleQueries.Refusal> refusals = store.open().store().queries().recentRefusals(from, limit);
            for (CycleQueries.Refusal r : refusals) {
                out.println(r.at() + "\t" + r.cycle() + "\t" + r.from().map(Enum::name).orElse("?") + " -> "
                        + r.requested().map(Enum::name).orElse("?") + "\t" + r.gateResults());
            }
            out.println(refusals.size() + " refusal(s) since " + from);
            return ExitCodes.OK;
        }
    }

    @Command(name = "relay", mixinStandardHelpOptions = true,
            description = "Publish the outbox to Kafka (kafka.bootstrap.servers / $PLANNING_KAFKA_BOOTSTRAP): with"
                    + " --once, what waits now, then exit (1 if events still wait); otherwise until stopped.")
    static final class Relay implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOption store;

        @Option(names = "--once", description = "Publish what waits now and exit.")
        boolean once;

        @Spec
        CommandSpec spec;

        @Override
        @SuppressWarnings("try") // the relay works while the block waits; it is only closed
        public Integer call() throws Exception {
            StoreSelection.Opened opened = store.open();
            java.util.Properties props = opened.config().kafkaProperties().orElseThrow(() -> new InvalidInputException(
                    "no Kafka configured: set kafka.bootstrap.servers in the store file or $PLANNING_KAFKA_BOOTSTRAP"));
            PrintWriter out = spec.commandLine().getOut();
            if (once) {
                long waiting = StoreSelection.publishOnce(opened);
                out.println(waiting == 0 ? "outbox drained" : waiting + " event(s) still wait in the outbox");
                return waiting == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            }
            try (OutboxRelay relay = OutboxRelay.start(opened.store().dataSource(), OutboxRelay.producer(props),
                    opened.config().kafkaTopic())) {
                out.println("relaying the outbox to " + opened.config().kafkaTopic() + "; stop with Ctrl-C");
                Thread.currentThread().join();
            }
            return ExitCodes.OK;
        }
    }

    private static LocalDate date(String text, String option) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(option + " '" + text + "' is not a date such as 2025-09-02");
        }
    }

    private static Instant instant(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("--since '" + text + "' is not a date (2025-09-02) or an instant"
                    + " (2025-09-02T10:00:00Z)");
        }
    }
}
