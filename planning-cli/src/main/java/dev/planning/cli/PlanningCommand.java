package dev.planning.cli;

import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SystemFailureException;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.seal.SealingException;
import dev.planning.rules.CompiledRulebooks;
import dev.planning.store.postgres.StoreBusyException;
import dev.planning.store.postgres.StoreUnreachableException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code planning} command: entry point of the CLI jar. */
@Command(name = "planning",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        // The subcommands are registered in execute(), lazily: see COMMANDS.
        description = "Planning cycles as files: lint plans, run quality gates, advance the lifecycle, seal, sign and verify handoffs.")
public final class PlanningCommand implements Runnable {

    /**
     * The subcommands, in the order the help lists them. Only the invoked one is built (picocli
     * reflects over a command class and instantiates it when it is registered, which for all of
     * them cost more than the JVM's own start-up); help, an unknown name or no command at all
     * registers every one, so the usage listing and picocli's suggestions stay complete.
     */
    private static final List<String> COMMANDS = List.of("init", "lint", "gate", "advance", "status", "import",
            "digest", "report", "improve", "seal", "keys", "sign", "verify", "attest", "rules", "store", "demo", "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * A subcommand's class. A switch rather than a table of class literals: a class literal loads
     * its class, and only the invoked command's class should be loaded.
     */
    static Class<?> commandClass(String name) {
        switch (name) {
            case "init": return InitCommand.class;
            case "lint": return LintCommand.class;
            case "gate": return GateCommand.class;
            case "advance": return AdvanceCommand.class;
            case "status": return StatusCommand.class;
            case "import": return ImportCommand.class;
            case "digest": return DigestCommand.class;
            case "report": return ReportCommand.class;
            case "improve": return ImproveCommand.class;
            case "seal": return SealCommand.class;
            case "keys": return KeysCommand.class;
            case "sign": return SignCommand.class;
            case "verify": return VerifyCommand.class;
            case "attest": return AttestCommand.class;
            case "rules": return RulesCommand.class;
            case "store": return StoreCommand.class;
            case "demo": return DemoCommand.class;
            case "help": return CommandLine.HelpCommand.class;
            default: throw new IllegalArgumentException("no such command: " + name);
        }
    }

    /**
     * The names of the subcommands to register for these arguments: only the named one when the
     * first argument names a command (other than {@code help}), none for {@code --version} alone,
     * all of them otherwise (help, no command, an unknown one: the usage listing and picocli's
     * suggestions stay complete).
     */
    static List<String> commandsFor(String[] args) {
        if (args.length > 0 && !"help".equals(args[0]) && COMMANDS.contains(args[0])) {
            return List.of(args[0]);
        }
        if (args.length > 0 && Arrays.stream(args).allMatch(arg -> "-V".equals(arg) || "--version".equals(arg))) {
            return List.of();
        }
        return COMMANDS;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * Two of picocli's switches, each left alone when set on the command line, that spare a command work
     * picocli does before parsing and that no command of this CLI needs (docs/benchmarks/cold-start.md, "Cold
     * start, thirteenth pass"):
     * <ul>
     *   <li>{@value #NO_CLOSURES}: no command is written in Groovy; otherwise picocli's default factory
     *       asks the class path for {@code groovy.lang.Closure}, and that search opens the CLI's jar and
     *       indexes its ~28,000 entries on the main thread, though every class a command needs is in its
     *       start-up cache;</li>
     *   <li>{@value #CONVERTER_EXCLUDES}: the built-in converters of option types no command has
     *       ({@value #UNUSED_CONVERTERS}); otherwise each is registered by loading and initialising its
     *       class and looking its factory method up, {@code java.time.MonthDay}'s and
     *       {@code OffsetDateTime}'s formatters built on the way (a test checks that no option of any
     *       command has such a type).</li>
     * </ul>
     */
    static void configurePicocli() {
        if (System.getProperty(NO_CLOSURES) == null) {
            System.setProperty(NO_CLOSURES, "true");
        }
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
    }

    /** picocli's switch for Groovy closures in annotations. */
    static final String NO_CLOSURES = "picocli.disable.closures";

    /** picocli's list of built-in converters not to register: regular expressions over class names. */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * The built-in converters no option needs: {@code java.sql}'s, and {@code java.time}'s but the
     * {@code Local} ones ({@code report --as-of} is a {@code LocalDate}). One short expression: picocli
     * compiles it again for every converter it considers (a look-ahead excluding all but
     * {@code LocalDate} cost about as much to compile, interpreted, as it saved).
     */
    static final String UNUSED_CONVERTERS = "java\\.(sql|time\\.[DIMOPYZ]).*";

    /**
     * Runs the CLI and exits with its exit code. The process ends with code 0 only when the command
     * itself reached that verdict: any other way out (a rule calling {@code System.exit}) ends with
     * a non-zero code (see {@link ExitGuard}).
     */
    public static void main(String[] args) {
        PrintWriter out = utf8(System.out);
        PrintWriter err = utf8(System.err);
        // The two streams are often one pipe (2>&1, a CI job's log): their writers judge the text as one (out38),
        // the error line an Error ends the run with included (text40).
        ShownWriter[] shown = ShownWriter.pair(out, err);
        try {
            start(args, out, err, shown);
        } catch (Error e) {
            // Before or after the command's own run (execute handles its own): one line, not a stack trace.
            reserve = null;
            exit(failed(e, args, shown[1], err));
        }
    }

    /**
     * The exit code of a run an {@link Error} ended outside the command's own run, its one line written through
     * {@code shown}, the standard error's writer of the pair the command's output went through, then flushed to
     * {@code err}.
     */
    static int failed(Error e, String[] args, ShownWriter shown, PrintWriter err) {
        PrintWriter shownErr = new PrintWriter(shown, true);
        int code = error(e, args, shownErr);
        shownErr.flush();
        err.flush();
        return code;
    }

    private static void start(String[] args, PrintWriter out, PrintWriter err, ShownWriter[] shown) {
        // First: what the command's main thread will need later is prepared beside it (StartupWarmUp).
        StartupWarmUp.start(args);
        ExitGuard.install(System.err);
        configurePicocli();
        if (versionOnly(args)) {
            // The version alone needs no command model: picocli's first model, built by reflection
            // over the annotations, costs about as much as the JVM's own start (measured in
            // docs/benchmarks/cold-start.md). Same output as picocli's.
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            exit(ExitCodes.OK);
            return;
        }
        Optional<Path> hashed = rulesHashOnly(args);
        if (hashed.isPresent()) {
            // `rules hash DIR` alone: the hash needs no command model either (picocli's start is
            // most of this command's time, measured in docs/benchmarks/cold-start.md). Same output, errors and
            // exit codes as through picocli; anything else (an option, help) goes through picocli.
            // Through ShownWriter as every command's output: an error names the rulebook's files, which anyone names.
            PrintWriter shownOut = new PrintWriter(shown[0], true);
            PrintWriter shownErr = new PrintWriter(shown[1], true);
            int code;
            try {
                code = RulesCommand.Hash.print(hashed.get(), shownOut);
            } catch (RuntimeException e) {
                code = failure(e, args, shownErr);
                if (code == ExitCodes.BAD_INPUT) {
                    LocaleHint.forFailure(args).ifPresent(shownErr::println);
                }
            }
            shownOut.flush();
            shownErr.flush();
            out.flush();
            err.flush();
            exit(code);
            return;
        }
        if (commandsFor(args).size() == 1 && mayCompile(args)) {
            useRulebookCache(args[0]);
        } else if (commandsFor(args).size() == 1 && args[0].equals("verify")) {
            // verify --checksums-only compiles nothing but loads the rulebook: its validated settings.
            CompiledRulebooks.keepValidatedSettings(System.getenv());
        }
        int code = executeShown(args, new PrintWriter(shown[0], true), new PrintWriter(shown[1], true));
        out.flush();
        err.flush();
        exit(code);
    }

    /**
     * Ends the command with its verdict: through {@code System.exit}, or, for exit code 0 with no other
     * thread keeping the JVM alive, by returning from {@code main} ({@link ExitGuard#mayReturn}), which
     * ends the process with the same code and shutdown hooks.
     */
    private static void exit(int code) {
        ExitGuard.verdict(code);
        if (!ExitGuard.mayReturn(code)) {
            System.exit(code);
        }
    }

    /**
     * The directory of {@code rules hash DIR} when the arguments are exactly that, with a directory
     * argument picocli would take as it is (not an option, nor starting with {@code @}, a valid path);
     * empty otherwise.
     */
    static Optional<Path> rulesHashOnly(String[] args) {
        if (args.length != 3 || !"rules".equals(args[0]) || !"hash".equals(args[1]) || args[2].isEmpty()
                || args[2].startsWith("-") || args[2].startsWith("@")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(args[2]));
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli reports it
        }
    }

    /** Whether the arguments ask for the version and nothing else ({@code --version} or {@code -V}, once). */
    static boolean versionOnly(String[] args) {
        return args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]));
    }

    /**
     * Whether a command may compile a rulebook's policies, and so use the compiled-rulebook cache:
     * not those that never run a gate (turning the cache on loads the rule engine's factory, which
     * they do not otherwise need). A command missing from this list only loses the cache.
     */
    static boolean mayCompile(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        boolean checksumsOnly = Arrays.asList(args).contains("--checksums-only");
        return !(command.equals("status") || command.equals("keys")
                || command.equals("rules") && args.length > 1 && (args[1].equals("hash") || args[1].equals("cache"))
                || command.equals("verify") && checksumsOnly);
    }

    /**
     * Compiled rulebooks are kept across runs in the user's cache directory (see
     * {@link CompiledRulebooks}; {@code PLANNING_NO_CACHE=1} turns it off). Only the command-line
     * process does this; {@link #execute} (tests, embedders) leaves the library's default alone.
     * So are {@code planning lint}'s results ({@link LintResultCache}), in the same directory; lint
     * turns the compiled-rulebook cache on only when it has no kept result to print (turning it on
     * loads the rule engine's factory, which printing a kept result does not need).
     */
    private static void useRulebookCache(String command) {
        Map<String, String> environment = System.getenv();
        if (command.equals("lint")) {
            LintResultCache.acrossRuns(CompiledRulebooks.directory(environment), environment,
                    () -> CompiledRulebooks.cacheAcrossRuns(environment));
        } else {
            CompiledRulebooks.cacheAcrossRuns(environment);
        }
    }

    /**
     * A writer that prints UTF-8 whatever the locale: under {@code LC_ALL=C} the JVM's default
     * stream encoding is ASCII and every arrow, check mark and accented name would become {@code ?}.
     */
    static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /**
     * The exit code of a command that threw, after one line on {@code err}: a user's mistake gets
     * one clear line, never a stack trace; anything else is an internal error.
     */
    static int failure(Exception ex, PrintWriter err) {
        return failure(ex, null, err);
    }

    /**
     * As {@link #failure(Exception, PrintWriter)}, naming the command of {@code args} (may be {@code null})
     * when an {@link Error} of a worker thread, handed on wrapped, or the rules' evaluation stopped by the
     * heap or the stack ends it ({@link #error}).
     */
    static int failure(Exception ex, String[] args, PrintWriter err) {
        reserve = null;
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            // A worker thread's, handed on wrapped (an ExecutionException).
            if (cause instanceof Error error) {
                return error(error, args, err);
            }
        }
        if (ex instanceof EvaluationLimitException limit && (limit.limit() == EvaluationLimitException.Limit.MEMORY
                || limit.limit() == EvaluationLimitException.Limit.STACK)) {
            // The rules' worker thread ran out of heap or stack: the process's limits, not the input, decided.
            return limit.limit() == EvaluationLimitException.Limit.MEMORY
                    ? outOfMemory(new OutOfMemoryError(limit.getMessage()), args, err)
                    : error(new StackOverflowError(limit.getMessage()), args, err);
        }
        if (ex instanceof SystemFailureException system) {
            // Not the input's fault (exit 2) nor a bug to report: no verdict, one line, the trace on request; without
            // the store's secrets (git29), as the internal error's line and the trace: a driver's failure quotes them.
            err.println("error: " + StoreSelection.withoutSecrets(system.describe()) + storeHint(system));
            if (System.getenv("PLANNING_DEBUG") != null) {
                debugTrace(ex, err);
            }
            return ExitCodes.INTERNAL;
        }
        if (ex instanceof PlanningException planning) {
            // Without the store's secrets either (tidy30): a store's refusal may quote its URL with the password.
            err.println("error: " + StoreSelection.withoutSecrets(planning.describe()) + unknownHostHint(planning));
            // A sealed cycle whose artifacts changed is a check that does not hold, not bad input.
            boolean checkFailed = planning instanceof SealingException sealing
                    && (sealing.reason() == SealingException.Reason.SEALED_ARTIFACT_CHANGED
                            || sealing.reason() == SealingException.Reason.GATES_FAILED
                            || sealing.reason() == SealingException.Reason.SEAL_NOT_VERIFIED);
            return checkFailed ? ExitCodes.CHECK_FAILED : ExitCodes.BAD_INPUT;
        }
        // One line: such an exception may quote what it read (a row's state in "No enum constant ..."), and without
        // the store's secrets (robust28), as the trace below.
        err.println("internal error: " + Printable.line(StoreSelection.withoutSecrets(String.valueOf(ex))));
        if (System.getenv("PLANNING_DEBUG") != null) {
            debugTrace(ex, err);
        } else {
            err.println("(set PLANNING_DEBUG=1 for the stack trace, and please report it)");
        }
        return ExitCodes.INTERNAL;
    }

    /**
     * The stack trace {@code PLANNING_DEBUG} asks for, as {@link Throwable#printStackTrace} prints it (causes and
     * suppressed exceptions too), each message without the secrets of the store's configuration (robust28): a
     * driver's message may quote the store URL with its password, and the trace goes to a terminal or a CI log.
     * The messages are {@link StoreSelection#withoutSecrets redacted}; the frames are code's names.
     */
    static void debugTrace(Throwable e, PrintWriter err) {
        trace(e, "", "", null, Collections.newSetFromMap(new IdentityHashMap<>()), err);
    }

    private static void trace(Throwable e, String caption, String indent, StackTraceElement[] enclosing,
            Set<Throwable> seen, PrintWriter err) {
        String message = StoreSelection.withoutSecrets(e.getMessage());
        String line = e.getClass().getName() + (message == null ? "" : ": " + message);
        if (!seen.add(e)) {
            err.println(indent + caption + "[CIRCULAR REFERENCE: " + line + "]");
            return;
        }
        err.println(indent + caption + line);
        StackTraceElement[] frames = e.getStackTrace();
        int shown = frames.length;
        if (enclosing != null) {
            // As the JDK does: the frames this one shares with the trace that encloses it, as "... n more".
            for (int other = enclosing.length - 1; shown > 0 && other >= 0
                    && frames[shown - 1].equals(enclosing[other]); other--) {
                shown--;
            }
        }
        for (int i = 0; i < shown; i++) {
            err.println(indent + "\tat " + frames[i]);
        }
        if (shown < frames.length) {
            err.println(indent + "\t... " + (frames.length - shown) + " more");
        }
        for (Throwable suppressed : e.getSuppressed()) {
            trace(suppressed, "Suppressed: ", indent + "\t", frames, seen, err);
        }
        if (e.getCause() != null) {
            trace(e.getCause(), "Caused by: ", indent, frames, seen, err);
        }
    }

    /**
     * pgsig23: what a user does about a busy store, on the error's line: the condition is transient (the
     * database gave up waiting, rolled the unit back whole, and the store does not retry it on its own),
     * so the same command is run again; and if it stays busy, where the wait comes from and which bound
     * of the store file (or its environment variable) governs it.
     */
    static String busyHint(StoreBusyException busy) {
        return switch (busy.reason()) {
            case LOCK -> "; this is transient: run the same command again once the other session is done; if it stays"
                    + " busy, look for a session holding a lock on the planning tables (pg_stat_activity, state"
                    + " 'idle in transaction') or raise lock.timeout in the store file (PLANNING_STORE_LOCK_TIMEOUT)";
            case STATEMENT -> "; this is transient: run the same command again; if it stays busy, the database is slow"
                    + " or overloaded: raise statement.timeout in the store file (PLANNING_STORE_STATEMENT_TIMEOUT)";
            case CONFLICT -> "; this is transient: run the same command again; if it keeps conflicting, another"
                    + " client is writing the same cycles: let it finish";
            case CONNECTIONS -> "; this is transient: run the same command again; if it stays busy, look for sessions"
                    + " holding connections they do not use (pg_stat_activity) or ask for a higher max_connections";
        };
    }

    /**
     * pg24: the store's system failures (exit 3) keep their hint on the error's line: a busy store's
     * ({@link #busyHint}), and what to check when the store cannot be reached; nothing for another failure. A
     * store's failure that says what was written before it (an append after a file, {@code Unrecorded}) is still of
     * its kind; one handed on as the cause of a plain system failure keeps its hint too.
     */
    static String storeHint(SystemFailureException failure) {
        // The store's failure itself, or the cause of one that says what was written before it (keys26).
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 8; cause = cause.getCause(), depth++) {
            if (cause instanceof StoreBusyException busy) {
                return busyHint(busy);
            }
            if (cause instanceof StoreUnreachableException) {
                return "; check that the database is up and that " + StoreSelection.urlSetting() + " names it,"
                        + " then run the same command again";
            }
            if (!(cause instanceof SystemFailureException)) {
                return "";
            }
        }
        return "";
    }

    /**
     * Where the store's url that names a host the name service does not know was written (store36), on the line of
     * that refusal (exit 2); nothing for another failure.
     */
    static String unknownHostHint(PlanningException failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (cause instanceof UnknownHostException) {
                return "; the url is " + StoreSelection.urlSetting();
            }
        }
        return "";
    }

    /** Heap a command's run sets aside and gives back when it runs out of memory ({@link #outOfMemory}). */
    private static final int RESERVE_BYTES = 256 << 10;
    private static volatile byte[] reserve;

    /**
     * The exit code of a command that ended with an {@link Error} ({@link ExitCodes#INTERNAL}: no verdict,
     * never 0, and not 1 or 2 as if the check or the input had decided), after one line naming the command
     * and what happened, no stack trace: out of memory ({@link #outOfMemory}), a stack overflow with the
     * {@code -Xss} hint, or another error of the Java runtime (a class missing from the class path, a
     * static initializer that failed, ...) with what to check.
     */
    static int error(Error e, String[] args, PrintWriter err) {
        // What ran out, where another error wraps it (a service that could not be instantiated: a
        // ServiceConfigurationError caused by the stack overflow of its constructor).
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 64; cause = cause.getCause(), depth++) {
            if (cause instanceof OutOfMemoryError memory) {
                return outOfMemory(memory, args, err);
            }
            if (cause instanceof StackOverflowError overflow) {
                e = overflow;
                break;
            }
        }
        String command = commandNamed(args);
        if (e instanceof StackOverflowError) {
            err.println("error: " + command + "overflowed the stack" + (e.getMessage() == null ? ""
                    : " (" + Printable.line(e.getMessage()) + ")") + "; no verdict. Run it with a larger stack: "
                    + "PLANNING_JAVA_OPTS=-Xss8m bin/planning ..., which passes it to java (java -Xss8m -jar ... for"
                    + " the jar)");
        } else {
            err.println("error: " + command + "stopped on an error of the Java runtime ("
                    + Printable.line(StoreSelection.withoutSecrets(String.valueOf(e))) + "); no verdict. Check the"
                    + " installation (a jar missing or of another version), or set PLANNING_DEBUG=1 for the stack trace and please report it");
        }
        if (System.getenv("PLANNING_DEBUG") != null) {
            debugTrace(e, err);
        }
        return ExitCodes.INTERNAL;
    }

    /** {@code `planning <command>` } when {@code args} name one, {@code the command } otherwise. */
    private static String commandNamed(String[] args) {
        return args != null && args.length > 0 && COMMANDS.contains(args[0]) ? "`planning " + args[0] + "` "
                : "the command ";
    }

    /**
     * The exit code of a command that ran out of memory ({@link ExitCodes#INTERNAL}, as an internal
     * error: not the input's fault, which exit code 2 means), after one line naming what ran out and
     * how to give the command more: no stack trace, which says nothing a user can act on.
     */
    static int outOfMemory(OutOfMemoryError e, String[] args, PrintWriter err) {
        String command = commandNamed(args);
        err.println("error: " + command + "ran out of memory (" + Printable.line(String.valueOf(e.getMessage()))
                + ", heap limit " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); run it with a larger heap: "
                + "PLANNING_JAVA_OPTS=-Xmx2g bin/planning ..., which passes it to java (java -Xmx2g -jar ... for the "
                + "jar; the default heap is a quarter of the machine's memory)");
        if (System.getenv("PLANNING_DEBUG") != null) {
            debugTrace(e, err);
        }
        return ExitCodes.INTERNAL;
    }

    /**
     * A path option's value, as picocli's own converter gives it (same value) without its call through
     * reflection, which spins method-handle classes at run time that no start-up cache holds
     * (docs/benchmarks/cold-start.md, "Cold start, seventh pass"). A value that is no path is refused in the
     * user's terms, {@code 'a\u0000b' is not a path (Nul character not allowed)}, without picocli's Java type
     * and exception class names. An empty value is refused too: {@code Paths.get("")} is the current directory,
     * so {@code --out "$KEYS"} with the variable unset wrote a private key into the checkout it was run in, and
     * {@code rules hash "$RULEBOOK"} hashed whatever directory the job stood in, exit 0 (attack41).
     */
    static Path path(String value) {
        if (value.isEmpty()) {
            throw new CommandLine.TypeConversionException("'' is not a path: an empty value names no file (an unset"
                    + " variable?); write . for the current directory");
        }
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a path (" + e.getReason() + ")");
        }
    }

    /** Runs the CLI with the given output streams and returns the exit code (used by tests and embedders). */
    public static int execute(String[] args, PrintWriter printed, PrintWriter printedErrors) {
        // A plan's text quoted in a finding or an error never reaches the terminal as an escape
        // sequence or a bidirectional control (ShownWriter); PrintWriter over a Writer keeps no buffer.
        return executeShown(args, new PrintWriter(new ShownWriter(printed), true),
                new PrintWriter(new ShownWriter(printedErrors), true));
    }

    /** {@link #execute(String[], PrintWriter, PrintWriter)} over writers already made ({@link ShownWriter}). */
    private static int executeShown(String[] args, PrintWriter out, PrintWriter err) {
        reserve = new byte[RESERVE_BYTES];
        try {
            return run(args, out, err);
        } catch (Error e) {
            // Thrown through picocli, which handles exceptions only. What the command still holds may fill
            // the heap: the reserve given back leaves room to say so.
            reserve = null;
            return error(e, args, err);
        } finally {
            reserve = null;
        }
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err) {
        // The top-level command and the hot subcommands from models built in code (CommandModels),
        // the others reflected from their annotations.
        CommandLine cli = new CommandLine(CommandModels.planning(new PlanningCommand()));
        for (String name : commandsFor(args)) {
            Optional<CommandLine.Model.CommandSpec> built = CommandModels.subcommand(name);
            if (built.isPresent()) {
                cli.addSubcommand(name, new CommandLine(built.get()));
            } else {
                cli.addSubcommand(name, commandClass(name));
            }
        }
        CommandLine rules = cli.getSubcommands().get("rules");
        if (rules != null) {
            for (String name : RulesCommand.subcommandsFor(args)) {
                rules.addSubcommand(name, RulesCommand.subcommandClass(name));
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Every argument as written: picocli would replace `@x` by the words of the file `x`, so a file committed
        // beside the reports a job imports with `planning import ... *` would choose arguments the job never gave
        // (attack30, ArgumentFileAttackTest).
        cli.setExpandAtFiles(false);
        // Every subcommand is added by now, so the converter reaches each of them.
        cli.registerConverter(Path.class, PlanningCommand::path);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, args, err));
        UsageErrors.install(cli, err);
        try {
            int code = cli.execute(args);
            if (code == ExitCodes.BAD_INPUT) {
                LocaleHint.forFailure(args).ifPresent(err::println);
            }
            return code;
        } finally {
            StoreSelection.closeAll(err);
        }
    }
}
