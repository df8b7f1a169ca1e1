package dev.planning.cli;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.Planning;
import dev.planning.store.postgres.OutboxRelay;
import dev.planning.store.postgres.PostgresStore;
import dev.planning.store.postgres.StoreConfig;
import dev.planning.store.postgres.StoreMigration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planning store}: the central PostgreSQL store, chosen by {@code --store FILE},
 * {@code $PLANNING_STORE_CONFIG} or {@code $PLANNING_STORE_URL}: move logs between files and the
 * database, ask questions across cycles (answered by the workspace's event log files when no store
 * is configured), publish the outbox to Kafka.
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
            StoreCommand.Relay.class,
            StoreCommand.Quarantined.class,
            StoreCommand.Check.class
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
            return open(null);
        }

        /** The store for a command over {@code workspace} ({@code null}: none; see {@link StoreSelection#open(Path, Path)}). */
        StoreSelection.Opened open(Path workspace) {
            return StoreSelection.open(file, workspace).orElseThrow(() -> new InvalidInputException(
                    "no store configured: give --store FILE, or set PLANNING_STORE_CONFIG or PLANNING_STORE_URL"));
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Import the workspace's event logs into the store (each chain verified; every log or"
                    + " none), or export the store's logs to files; lines keep their exact bytes both ways.")
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
            StoreSelection.Opened opened = store.open(workspace);
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

    /**
     * Where the cross-cycle queries answer from: the configured PostgreSQL store, or else the
     * workspace's event log files (the same questions, the same answers).
     */
    static final class QuerySource {
        @Option(names = "--store", paramLabel = "FILE",
                description = "Store configuration file (default: $PLANNING_STORE_CONFIG or $PLANNING_STORE_URL; with"
                        + " none, the workspace's event log files answer).")
        Path file;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", defaultValue = ".",
                description = "Workspace whose event logs answer when no store is configured (default: the current"
                        + " directory).")
        Path workspace;

        /**
         * The queries and how the output names their source ({@code files} or {@code postgresql:<repository>});
         * they verify no signature (pending signatures ask {@link #openKnowingTheWorkspace}).
         */
        Source open() {
            return StoreSelection.open(file, workspace)
                    .map(opened -> new Source(opened.store().queries(), "postgresql:" + opened.config().repository(),
                            "repository " + opened.config().repository()))
                    .orElseGet(() -> {
                        requireWorkspace();
                        return new Source(Planning.cycleQueries(workspace), "files", eventLogsOf());
                    });
        }

        /** The workspace's event logs as the summary line names them: the workspace as the user gave it. */
        private String eventLogsOf() {
            return "the event logs of " + Printable.line(workspace.toString());
        }

        private void requireWorkspace() {
            if (!Files.isDirectory(workspace)) {
                throw new InvalidInputException("no store configured and workspace " + Printable.path(workspace)
                        + " is not a directory: give --store FILE, set PLANNING_STORE_CONFIG or"
                        + " PLANNING_STORE_URL, or -w a workspace");
            }
        }

        /**
         * The queries that know the workspace (its rulebook, read-only, in {@code rulebook} or its own
         * {@code rulebook/}; its manifests) and {@code trust}: they refuse a role the rulebook's signing
         * policy does not name, and judge the workspace's signing policy as {@code verify} does.
         */
        Source openKnowingTheWorkspace(Path rulebook, dev.planning.api.signing.TrustedKeys trust) {
            // Checked before anything connects: the store cannot stand in for the workspace.
            Optional<StoreConfig> config = StoreSelection.configured(file, workspace);
            if (config.isEmpty()) {
                requireWorkspace();
            } else {
                requireWorkspaceBesideTheStore(rulebook);
            }
            Optional<StoreSelection.Opened> store = config.map(StoreSelection::open);
            Planning.Builder builder = Planning.builder().workspace(workspace).readOnly();
            if (rulebook != null) {
                builder.rulebook(rulebook);
            }
            store.ifPresent(opened -> builder.eventStore(opened.store().eventStore()));
            dev.planning.api.PlanningWorkspace ws = builder.build();
            return store.map(opened -> new Source(opened.store().queries(ws, trust),
                    "postgresql:" + opened.config().repository(), "repository " + opened.config().repository()))
                    .orElseGet(() -> new Source(ws.queries(trust), "files", eventLogsOf()));
        }

        /**
         * The store holds events only: the signatures are verified on the workspace's manifest files and
         * the signing policy is its rulebook's, so the question needs the workspace (and a rulebook) even
         * with a store, and says so rather than naming a missing directory alone.
         */
        private void requireWorkspaceBesideTheStore(Path rulebook) {
            String why = ": with --store too, pending-signatures verifies each signature on the workspace's"
                    + " manifest files and judges its rulebook's signing policy, neither of which the store holds";
            if (!Files.isDirectory(workspace)) {
                throw new InvalidInputException("workspace " + Printable.line(workspace.toString())
                        + " is not a directory" + why + "; give -w the workspace whose cycles the store holds");
            }
            Path rules = rulebook != null ? rulebook : workspace.resolve(WorkspaceLayout.DEFAULT.rulebookDir());
            if (!Files.isDirectory(rules)) {
                throw new InvalidInputException("rulebook directory " + Printable.line(rules.toString())
                        + " not found" + why + "; give -w the workspace, or --rulebook DIR");
            }
        }
    }

    /** Queries, and their source as JSON ({@code store}) and text name it. */
    record Source(CycleQueries queries, String name, String described) {
    }

    /**
     * A query's exit code: a log whose hash chain is broken, found while answering, is a check that does not hold
     * (exit 1, its line {@code <log>:<line>: <what is wrong>}), as {@code status} and {@code verify} report one,
     * not bad input (cycles28: {@code store portfolio} said exit 2 where {@code status} said 1). A command that
     * acts on the cycle ({@code gate}, {@code advance}, ...) refuses it as unreadable input (exit 2).
     */
    static Integer judged(CommandSpec spec, Supplier<Integer> query) {
        try {
            return query.get();
        } catch (EventLogCorruptedException broken) {
            spec.commandLine().getErr().println("error: " + StoreSelection.withoutSecrets(broken.describe()));
            return ExitCodes.CHECK_FAILED;
        }
    }

    @Command(name = "portfolio", mixinStandardHelpOptions = true,
            description = "Every cycle of the repository (or workspace) and the state its events lead to.")
    static final class Portfolio implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        QuerySource source;

        @picocli.CommandLine.Mixin
        FormatOption format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return judged(spec, this::query);
        }

        private Integer query() {
            Source from = source.open();
            List<CycleQueries.CycleSummary> cycles = from.queries().portfolio();
            Object json = StoreReports.portfolio(from.name(), cycles);
            Reports.print(spec.commandLine().getOut(), format.format, json, () -> listing(cycles,
                    c -> c.cycle() + "\t" + c.state() + "\t" + c.events() + " event(s)\tlast " + c.updatedAt(),
                    cycles.size() + " cycle(s) in " + from.described()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "pending-signatures", mixinStandardHelpOptions = true,
            description = "Sealed cycles whose signatures do not meet the workspace's signing policy, exactly those"
                    + " verify refuses for their signatures (completed ones included): the rulebook's policy and the"
                    + " --trust file's own (or, when neither requires a signature, one by a trusted key); with --role,"
                    + " cycles not completed, each role asked on its own (a role the rulebook's policy does not name"
                    + " is refused). With --store too it reads the workspace (-w) and its rulebook: the store holds"
                    + " events, not manifests or the policy. Each cycle shows every unmet requirement:"
                    + " its roles and min, how many distinct keys that verify signed for it, how many more are"
                    + " missing. A signature counts only when it verifies: in the cycle's manifest (under -w), by a"
                    + " key the --trust file lists for the role; a SIGNATURE_ADDED event alone never does (it is"
                    + " shown as unverified). Without --trust no signature is verified, so nothing is met.")
    static final class PendingSignatures implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        QuerySource source;

        @picocli.CommandLine.Mixin
        TrustOption trust;

        @picocli.CommandLine.Mixin
        FormatOption format;

        @Option(names = "--role", paramLabel = "ROLE",
                description = "Ask by role instead: a role that must sign (repeat for several), e.g. --role QA;"
                        + " without it, the workspace's signing policy is judged.")
        List<String> roles;

        @Option(names = "--rulebook", paramLabel = "DIR",
                description = "Rulebook directory whose signing policy applies (default: <workspace>/rulebook).")
        Path rulebook;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return judged(spec, this::query);
        }

        private Integer query() {
            dev.planning.api.signing.TrustedKeys keys = trust.read(source.workspace);
            Source from = source.openKnowingTheWorkspace(rulebook, keys);
            List<CycleQueries.PendingSignatures> pending = ask(from.queries(), roles);
            Object json = StoreReports.pendingSignatures(from.name(), roles, pending);
            Reports.print(spec.commandLine().getOut(), format.format, json, () -> {
                String judged = roles != null ? "" : trust.trust == null ? ", judged against the rulebook's signing"
                        + " policy" : ", judged against the signing policies of the rulebook and the trust file";
                String unverified = trust.trust != null ? ""
                        : "no --trust file: no signature was verified, so none counts as signed\n";
                return listing(pending, StoreCommand::row, pending.size() + " cycle(s) wait for signatures in "
                        + from.described() + judged) + unverified;
            });
            return ExitCodes.OK;
        }
    }

    /**
     * The question {@code pending-signatures} asks: the workspace's signing policy, or the roles given. A
     * role the rulebook's signing policy does not name is the user's mistake (exit 2); any other
     * exception, an {@link IllegalArgumentException} included, is not, and is never reported as one.
     */
    static List<CycleQueries.PendingSignatures> ask(CycleQueries queries, List<String> roles) {
        if (roles == null) {
            return queries.pendingSignatures();
        }
        try {
            return queries.pendingSignatures(new LinkedHashSet<>(roles));
        } catch (CycleQueries.UnknownRoleException e) {
            throw new InvalidInputException("--role: " + e.getMessage());
        }
    }

    @Command(name = "expiring-waivers", mixinStandardHelpOptions = true,
            description = "Waivers the store's events record (each sealed cycle's decision log waivers, recorded"
                    + " with MANIFEST_SEALED, and WAIVER_GRANTED events an application records) that expire on or"
                    + " before a date (default: in 7 days), expired ones included, and every waiver with no expiry"
                    + " date (flagged 'no expiry'). A decision log's waivers are seen once its cycle is sealed.")
    static final class ExpiringWaivers implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        QuerySource source;

        @picocli.CommandLine.Mixin
        FormatOption format;

        @Option(names = "--until", paramLabel = "DATE", converter = DateOptions.Day.class,
                description = "Last expiry date to list (YYYY-MM-DD).")
        LocalDate until;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return judged(spec, this::query);
        }

        private Integer query() {
            LocalDate date = until == null ? LocalDate.now(ZoneOffset.UTC).plusDays(7) : until;
            Source from = source.open();
            List<CycleQueries.WaiverExpiry> waivers = from.queries().expiringWaivers(date);
            Object json = StoreReports.expiringWaivers(from.name(), date, waivers);
            Reports.print(spec.commandLine().getOut(), format.format, json, () -> listing(waivers, StoreCommand::row,
                    waivers.size() + " waiver(s) expire by " + date + " in " + from.described()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "refusals", mixinStandardHelpOptions = true,
            description = "Refused transitions since a date or instant (default: the last 7 days), newest first.")
    static final class Refusals implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        QuerySource source;

        @picocli.CommandLine.Mixin
        FormatOption format;

        @Option(names = "--since", paramLabel = "WHEN", converter = DateOptions.DayOrInstant.class,
                description = "YYYY-MM-DD or an ISO-8601 instant.")
        Instant since;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most this many (default 50).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return judged(spec, this::query);
        }

        private Integer query() {
            Instant from = since == null ? Instant.now().minusSeconds(7 * 86400L) : since;
            if (limit < 1) {
                throw new InvalidInputException("--limit must be at least 1, got " + limit);
            }
            Source source = this.source.open();
            List<CycleQueries.Refusal> refusals = source.queries().recentRefusals(from, limit);
            Object json = StoreReports.refusals(source.name(), from, limit, refusals);
            Reports.print(spec.commandLine().getOut(), format.format, json, () -> listing(refusals, StoreCommand::row,
                    refusals.size() + " refusal(s) since " + from + " in " + source.described()));
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
            Properties props = opened.config().kafkaProperties().orElseThrow(() -> new InvalidInputException(
                    "no Kafka configured: set kafka.bootstrap.servers in the store file or $PLANNING_KAFKA_BOOTSTRAP"));
            PrintWriter out = spec.commandLine().getOut();
            if (once) {
                long waiting = StoreSelection.publishOnce(opened).waiting();
                int quarantined = StoreSelection.warnQuarantined(opened, spec.commandLine().getErr());
                out.println(waiting == 0 && quarantined == 0 ? "outbox drained" : waiting
                        + " event(s) still wait in the outbox" + (quarantined == 0 ? ""
                                : ", " + quarantined + " quarantined (see `planning store quarantined`)"));
                return waiting == 0 && quarantined == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
            }
            try (OutboxRelay relay = OutboxRelay.start(opened.store().dataSource(), OutboxRelay.producer(props),
                    opened.config().kafkaTopic())) {
                out.println("relaying the outbox to " + opened.config().kafkaTopic() + "; stop with Ctrl-C");
                Thread.currentThread().join();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "quarantined", mixinStandardHelpOptions = true,
            description = "Outbox rows the relay quarantined instead of publishing (a payload that does not match"
                    + " its stored SHA-256, a missing event row, a record the broker refuses for good), each with its"
                    + " reason and how many later events of its cycle wait behind it. Exit 1 when there is one.")
    static final class Quarantined implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOption store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            StoreSelection.Opened opened = store.open();
            List<OutboxRelay.Quarantined> rows = OutboxRelay.quarantined(opened.store().dataSource());
            PrintWriter out = spec.commandLine().getOut();
            for (OutboxRelay.Quarantined q : rows) {
                out.println(row(q));
            }
            out.println(rows.size() + " quarantined outbox row(s)");
            return rows.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }

        /**
         * A quarantined row on one line ({@link Printable#line}, tabs kept between the columns): the
         * event id and the reason are the row's text, and a line break there would print a line of
         * its own.
         */
        static String row(OutboxRelay.Quarantined q) {
            return String.join("\t", Printable.line(q.id() + ""),
                    Printable.line(q.repository() + "/" + StoreSelection.cycleOf(q)), "line " + q.sequence(), Printable.line(q.eventId()), "holding back " + q.heldBack(),
                    Printable.line(q.reason()));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Read every row of the repository in one snapshot and check each cycle: lines numbered"
                    + " 1, 2, 3, ..., each hashing to its stored SHA-256 and chaining to the previous one, each a"
                    + " readable event of its own cycle whose columns (type, details, time, states) are the line's, and the"
                    + " portfolio row the fold of the lines. Lists every mistake, one per line (a cycle's first 50,"
                    + " then one counting the rest); exit 1 when there"
                    + " is one. A consistent rewrite of a cycle's rows is not caught.")
    static final class Check implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        StoreOption store;

        @picocli.CommandLine.Mixin
        FormatOption format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            StoreSelection.Opened opened = store.open();
            PostgresStore.CheckResult result = opened.store().check();
            Object json = StoreReports.check("postgresql:" + result.repository(), result);
            Reports.print(spec.commandLine().getOut(), format.format, json, () -> {
                StringBuilder text = new StringBuilder();
                for (PostgresStore.Mistake m : result.mistakes()) {
                    text.append(m).append('\n');
                }
                return text.append(result.ok() ? "ok: " : result.found() + " mistake(s): ")
                        .append("checked ").append(result.cycles()).append(" cycle(s), ").append(result.lines())
                        .append(" line(s) in repository ").append(result.repository()).append('\n').toString();
            });
            return result.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    /*
     * One line per row of the store's queries: the roles, rules, items, approvers, event ids and gate
     * names are events' text (a decision log's, a log's, or a row's another writer put in the
     * database), and the CLI's output keeps line feeds, so each column goes through Printable.line;
     * the tabs between columns are the command's own.
     */

    /**
     * A cycle waiting for signatures, on one line: each unmet requirement with how many distinct keys that
     * verify signed for it and how many more are missing.
     */
    static String row(CycleQueries.PendingSignatures p) {
        return columns(p.cycle(), p.state(), "signed: " + String.join(",", p.signedRoles()))
                + (p.unverifiedRoles().isEmpty() ? "" : "\t" + Printable.line("unverified: "
                        + String.join(",", p.unverifiedRoles())))
                + "\t" + Printable.line("missing: " + String.join(",", p.missingRoles()))
                + "\t" + Printable.line("unmet: " + p.unmetRequirements().stream()
                        .map(u -> u.requirement().describe() + ": " + u.signers() + " verified, " + u.missing()
                                + " missing")
                        .collect(Collectors.joining("; ")))
                + p.manifestRefused().map(why -> "\t" + Printable.line("manifest refused: " + why)).orElse("");
    }

    /** A waiver and its expiry, on one line. */
    static String row(CycleQueries.WaiverExpiry w) {
        return columns(w.expires().map(LocalDate::toString).orElse("no expiry"), w.cycle(),
                w.rule().orElse("?") + " on " + w.item().orElse("?"), "approved by " + w.approver().orElse("?"),
                "(" + w.eventId() + ")");
    }

    /** A refused transition, on one line. */
    static String row(CycleQueries.Refusal r) {
        return columns(r.at(), r.cycle(), r.from().map(Enum::name).orElse("?") + " -> "
                + r.requested().map(Enum::name).orElse("?"), r.gateResults());
    }

    /** A query's text: each of {@code rows} on a line of its own as {@code row} writes it, then {@code summary}. */
    private static <T> String listing(List<T> rows, Function<? super T, String> row, String summary) {
        StringBuilder text = new StringBuilder();
        for (T r : rows) {
            text.append(row.apply(r)).append('\n');
        }
        return text.append(summary).append('\n').toString();
    }

    private static String columns(Object... values) {
        return Arrays.stream(values).map(v -> Printable.line(String.valueOf(v)))
                .collect(Collectors.joining("\t"));
    }
}
