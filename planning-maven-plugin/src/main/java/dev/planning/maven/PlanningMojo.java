package dev.planning.maven;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.OutputFile;
import dev.planning.engine.Planning;
import dev.planning.store.postgres.StoreConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every planning goal shares: the workspace and rulebook, where reports go, {@code skip}, and
 * the translation of the library's outcome into the build's: a check that does not hold fails the
 * build ({@link MojoFailureException}), bad input is an error naming its file, line and column
 * ({@link MojoExecutionException}), as the command line's exit codes 1 and 2; a failure of the system (the command
 * line's exit 3: a disk's I/O error, a store that is down) is such an error too, its message saying so, its cause a
 * {@link dev.planning.api.SystemFailureException}.
 */
public abstract class PlanningMojo extends AbstractMojo {

    /** The workspace directory. */
    @Parameter(property = "planning.workspace", defaultValue = "${project.basedir}", required = true)
    File workspace;

    /** The rulebook directory; default {@code <workspace>/rulebook}. */
    @Parameter(property = "planning.rulebook")
    File rulebook;

    /** Where SARIF and JUnit XML reports are written. */
    @Parameter(property = "planning.outputDirectory", defaultValue = "${project.build.directory}/planning",
            required = true)
    File outputDirectory;

    /** The project directory; SARIF paths are relative to it when the workspace lies inside it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File baseDirectory;

    /** Skips the goal. */
    @Parameter(property = "planning.skip", defaultValue = "false")
    boolean skip;

    /**
     * The rule engine's loggers, whose level Maven's logging reads from a system property of this name
     * followed by the logger's name (Maven's "Configuring logging"), when the logger is first made.
     */
    static final List<String> RULE_ENGINE_LOGGERS = List.of("org.drools", "org.kie");

    /**
     * The store's libraries' loggers (its pool and its schema migrations), quieted as the rule engine's are: their
     * start-up lines would name the database, its URL included, in the build log; the command line prints none.
     */
    static final List<String> STORE_LOGGERS = List.of("com.zaxxer.hikari", "org.flywaydb");

    /** The prefix of Maven's per-logger level properties. */
    static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.";

    /** The build's environment ({@code PLANNING_STORE_CONFIG}, {@code PLANNING_STORE_URL}); the tests set their own. */
    Map<String, String> environment = System.getenv();

    /** The store this run opened ({@link #builder}), closed when the goal ends; {@code null} when none. */
    private StoreSetting.Opened opened;

    /**
     * The store configuration this run read ({@link #builder}), opened or not: whose secrets are kept out of every
     * message and cause that reaches the build's output; {@code null} when none.
     */
    StoreConfig read;

    /** A URL's scheme and user information ({@code postgresql://user:password@}), as the command line hides it. */
    private static final Pattern USER_INFORMATION = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/@]+@");

    /**
     * What a goal found: whether its check holds, and a one-line summary for the build log, each value it names (a
     * path, a gate's name) quoted where it is built ({@link Printable#line}, {@link Printable#path}): the summary is
     * shown with its escapes as they are (msg41).
     */
    record Verdict(boolean passed, String summary) {
    }

    /** Creates a goal; Maven sets the parameters. */
    protected PlanningMojo() {
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("planning " + goal() + ": skipped");
            return;
        }
        quietRuleEngineDiagnostics();
        Verdict verdict;
        try {
            verdict = checkThenCloseStore();
        } catch (SealingException e) {
            if (e.reason() == SealingException.Reason.SEALED_ARTIFACT_CHANGED) {
                throw new MojoFailureException("planning " + goal() + ": " + withoutSecrets(e.describe()));
            }
            throw badInput(e);
        } catch (PlanningException e) {
            throw badInput(e);
        } catch (RuntimeException | LinkageError | ServiceConfigurationError | AssertionError e) {
            // store36: any other failure reaches Maven's output too (its message, and with -e its causes' messages
            // and trace): redacted as a refusal is, the whole chain, never the driver's message as it was; errs37: an
            // error of a library (a driver's class that does not load, a service that is not one) alike. The
            // virtual machine's own (out of memory, a stack too deep) go on as they are: they quote no setting.
            throw new MojoExecutionException("planning " + goal() + ": " + withoutSecrets(String.valueOf(e)),
                    Redacted.shown(e, this::shownInBuildLog));
        }
        // One line (out38: a path it names may hold a line break or an escape sequence), and a runner reads
        // commands in the build's log (attack37): none is written there from a summary.
        String summary = Printable.inertInBuildLogs(Printable.shown(verdict.summary(), ""));
        if (!verdict.passed()) {
            getLog().error("planning " + goal() + ": " + summary);
            throw new MojoFailureException("planning " + goal() + ": " + summary
                    + " (reports in " + outputDirectory + ")");
        }
        getLog().info("planning " + goal() + ": " + summary);
    }

    /**
     * {@link #check()}, then the store closed, whatever happened: a failure to close goes where every failure of the
     * goal goes ({@link #execute}), redacted, and one while the check failed is added to that failure (errs37: it was
     * thrown from a {@code finally}, in the place of the check's failure and past the redaction).
     */
    private Verdict checkThenCloseStore() {
        Verdict verdict;
        try {
            verdict = check();
        } catch (RuntimeException | Error e) {
            try {
                closeStore();
            } catch (RuntimeException | Error closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        closeStore();
        return verdict;
    }

    /**
     * Keeps the rule engine's own diagnostics out of the build log, unless the user set their level.
     *
     * <p>Drools logs performance hints as warnings while it builds a rulebook ("consider placing the constraint
     * in the pattern", "causes class reactivity"), through the logging Maven shares with every plugin, so they
     * would be {@code [WARNING]} lines in the user's build, which a CI that fails on warnings refuses. They are
     * not findings: the policy language refuses {@code modify} and {@code update}, so a fact never changes and
     * class reactivity costs nothing. The command line prints none of them either. A rule file that does not
     * compile is never among them: that is the knowledge builder's result, an error naming its file, line and
     * column (a {@link MojoExecutionException}). Only the engine's loggers are set, to {@code error}, and only
     * when the user set nothing for them ({@code -Dorg.slf4j.simpleLogger.log.org.drools=warn} shows the hints).
     * The store's libraries' ({@link #STORE_LOGGERS}) alike.
     */
    static void quietRuleEngineDiagnostics() {
        for (String logger : Stream.concat(RULE_ENGINE_LOGGERS.stream(), STORE_LOGGERS.stream())
                .toList()) {
            String property = LOG_LEVEL_PROPERTY + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "error");
            }
        }
    }

    /**
     * Whether the goal opens the store the setting names, as the command line does: the store that
     * {@link #storeConfig()}, {@code $PLANNING_STORE_CONFIG} or {@code $PLANNING_STORE_URL} names ({@link StoreSetting}),
     * whose event logs the workspace then reads; else the workspace's files. Every {@link StoreMojo} does (lint,
     * gate, verify); rules-test, which reads no workspace, does not.
     */
    boolean opensStore() {
        return false;
    }

    /** The goal's {@code <storeConfig>}, or {@code null}; only a goal that {@link #opensStore} has one. */
    File storeConfig() {
        return null;
    }

    /** The goal's name, as in {@code planning:lint}. */
    abstract String goal();

    /**
     * Runs the check, writes its reports and logs its findings.
     *
     * @throws PlanningException on bad input; turned into a {@link MojoExecutionException}
     */
    abstract Verdict check();

    /** The workspace with its rulebook, its policies compiled so that a DRL error is bad input. */
    PlanningWorkspace openCompiled(Optional<File> trustFile) {
        PlanningWorkspace ws = builder(trustFile).build();
        Optional<GovernanceEngineFactory> factory = ServiceLoader
                .load(GovernanceEngineFactory.class, PlanningMojo.class.getClassLoader()).findFirst();
        try {
            factory.ifPresent(f -> f.create(ws.rulebook()));
        } catch (InvalidInputException e) {
            throw inRulebook(e);
        }
        return ws;
    }

    /** A builder for the configured workspace, rulebook and trust file. */
    Planning.Builder builder(Optional<File> trustFile) {
        Planning.Builder builder = Planning.builder().workspace(workspace.toPath());
        if (rulebook != null) {
            builder.rulebook(rulebook.toPath());
        }
        trustFile.ifPresent(file -> builder.trustFile(file.toPath()));
        if (opensStore()) {
            closeStore();
            Optional<StoreConfig.Resolved> resolved = StoreSetting.resolve(storeConfig(), environment,
                    workspace.toPath());
            // Kept before it is opened: a store that cannot be opened may quote its secrets too.
            read = resolved.map(StoreConfig.Resolved::config).orElse(null);
            opened = resolved.map(StoreSetting::open).orElse(null);
            if (opened != null) {
                getLog().info(Printable.inertInBuildLogs(Printable.line("planning " + goal() + ": event logs from"
                        + " the PostgreSQL store that " + opened.source() + " names (repository "
                        + opened.config().repository() + ")")));
                builder.eventStore(opened.store().eventStore());
            }
        }
        return builder;
    }

    /** Closes the store this run opened, if any (package-private: a test's goal fails here). */
    void closeStore() {
        if (opened != null) {
            StoreSetting.Opened open = opened;
            opened = null;
            open.store().close();
        }
    }

    /** The rulebook directory in use. */
    Path rulebookDirectory() {
        return rulebook != null ? rulebook.toPath() : workspace.toPath().resolve("rulebook");
    }

    /** Writes one report under {@link #outputDirectory}, atomically, in UTF-8. */
    Path write(String fileName, String content) {
        Path file = outputDirectory.toPath().resolve(fileName);
        try {
            Files.createDirectories(file.getParent());
        } catch (FileAlreadyExistsException e) {
            // Its message is the path alone.
            throw new InvalidInputException("cannot create the report directory: a file of that name is in the way;"
                    + " set <outputDirectory> to a directory, or remove the file", SourceLocation.ofFile(e.getFile()));
        } catch (IOException e) {
            // Judged where the report is written (fail36: any was bad input, a disk's I/O error included):
            // OutputFile.write creates the directory again and tells the user's cause (a permission, a file on the
            // way) from the system's (a full disk, an I/O error), naming the file.
        }
        writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
        getLog().debug(Printable.inertInBuildLogs(Printable.line("wrote " + file)));
        return file;
    }

    /**
     * Through the product's one writer ({@link OutputFile#write}): a temporary {@code .<name>~<number>.tmp}
     * beside the file, then an atomic rename, so a reader never sees half of it and a killed write's temporary
     * goes with a later write (exit25: this wrote {@code .<name><number>.tmp}, which nothing swept).
     */
    private static void writeAtomically(Path file, byte[] content) {
        OutputFile.write(file, content);
    }

    /** The findings of one severity, one line each. */
    static List<String> lines(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).map(Finding::describe).toList();
    }

    /**
     * Logs each line as an error or a warning, each character the log would act on or not show but line feeds and
     * tabs written as {@code \u005cuXXXX} ({@link Printable#shown(String, String)}: attack38, a rule test's failure
     * reached the log as the rulebook wrote it; the values a line quotes were quoted by {@link Printable#line} where it
     * was made, so their escapes are kept as they are, text40) and what a CI runner would read as a command written as
     * its escape ({@link Printable#inertInBuildLogs}, attack37): a finding quotes the plan's text.
     */
    void log(List<String> errors, List<String> warnings) {
        errors.forEach(line -> getLog().error(Printable.inertInBuildLogs(Printable.shown(line, "\n\t"))));
        warnings.forEach(line -> getLog().warn(Printable.inertInBuildLogs(Printable.shown(line, "\n\t"))));
    }

    /** The same error, its rulebook-relative location prefixed with the rulebook directory. */
    InvalidInputException inRulebook(InvalidInputException e) {
        Optional<SourceLocation> location = e.location();
        if (location.isEmpty() || Path.of(location.get().file()).isAbsolute()) {
            return e;
        }
        // Every place the error holds as data (a rule name declared again names its first declaration too),
        // renamed alike, the message saying how (errors20).
        Path directory = rulebookDirectory();
        return e.renamed(f -> Path.of(f).isAbsolute() ? f : directory.resolve(f).normalize().toString(),
                directory.isAbsolute() ? "absolute" : "relative to the working directory");
    }

    private MojoExecutionException badInput(PlanningException e) {
        // One line, each character the log would act on or not show written as \\uXXXX: the message may
        // quote a file the contributor wrote (a name in rulebook.yaml, a token of an event log).
        return new MojoExecutionException("planning " + goal() + ": " + withoutSecrets(e.describe()),
                Redacted.shown(e, this::shownInBuildLog));
    }

    /**
     * The message on one line, without the secrets of the store configuration this run read, and with what a CI
     * runner would read as a command written as its escape ({@link Printable#inertInBuildLogs}, attack37).
     */
    private String withoutSecrets(String message) {
        // An error's text, whose values were quoted by Printable.line: shown again with its escapes as they are.
        return Printable.inertInBuildLogs(Printable.shown(secretsHidden(message), ""));
    }

    /**
     * A message of a failure's chain as the build's log may hold it: without the secrets ({@link #secretsHidden}),
     * every character the log would act on or not show but line feeds and tabs written as {@code \u005cuXXXX}
     * ({@link Printable#shown(String, String)}: a message's values were quoted where it was made, so its escapes are
     * kept as they are, text40), and what a CI runner would read as a command written as its escape
     * ({@link Printable#inertInBuildLogs}); {@code null} for {@code null}. Maven's summary of a failed goal joins
     * the message of each cause the goal's own message does not hold, even without {@code -e}, and {@code -e}
     * prints each on lines of its own (review of attack37: the refusal's cause quoted the plan's text as it was).
     */
    private String shownInBuildLog(String text) {
        return text == null ? null : Printable.inertInBuildLogs(Printable.shown(secretsHidden(text), "\n\t"));
    }

    /**
     * {@code text} without the secrets of the store configuration this run read ({@link StoreConfig#withoutSecrets}),
     * nor {@code $PLANNING_STORE_PASSWORD}, nor any URL's user information ({@code scheme://user:password@}), as the
     * command line hides them; {@code null} for {@code null}.
     */
    String secretsHidden(String text) {
        if (text == null) {
            return null;
        }
        String out = read == null ? text : read.withoutSecrets(text);
        String password = environment.get("PLANNING_STORE_PASSWORD");
        if (password != null && !password.isEmpty()) {
            out = out.replace(password, "(hidden)");
        }
        return USER_INFORMATION.matcher(out).replaceAll("$1...@");
    }

    /**
     * An exception as the build's output shows it (the cause of a goal's {@link MojoExecutionException}, which
     * {@code mvn -e} prints with its causes): the original's type, message without secrets, stack, causes and
     * suppressed exceptions, each redacted alike (store36: the cause was the original, its message and its
     * causes' as the driver wrote them).
     */
    static final class Redacted extends Exception {

        private static final long serialVersionUID = 1L;

        /** What {@link #toString} shows for the type: the original's. */
        private final String type;

        private Redacted(Throwable original, UnaryOperator<String> hide, Redacted cause) {
            super(hide.apply(original.getMessage()), cause, true, true);
            this.type = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        /**
         * What the build's output shows of {@code original}: the original itself when {@code hide} changes no
         * message of it, its causes and suppressed exceptions (its type stays what an embedder or a test reads:
         * a {@code SystemFailureException} stays one), otherwise its redacted copy.
         */
        static Throwable shown(Throwable original, UnaryOperator<String> hide) {
            return holdsNothingToHide(original, hide, Collections.newSetFromMap(new IdentityHashMap<>()))
                    ? original : of(original, hide);
        }

        private static boolean holdsNothingToHide(Throwable t, UnaryOperator<String> hide, Set<Throwable> seen) {
            if (t == null || !seen.add(t)) {
                return true;
            }
            // Both messages: a type may show another one than getMessage() in its toString() and trace.
            for (String message : new String[] {t.getMessage(), t.getLocalizedMessage()}) {
                if (message != null && !message.equals(hide.apply(message))) {
                    return false;
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (!holdsNothingToHide(suppressed, hide, seen)) {
                    return false;
                }
            }
            return holdsNothingToHide(t.getCause(), hide, seen);
        }

        /** {@code original} and its chain, redacted by {@code hide}; {@code null} for {@code null}. */
        static Redacted of(Throwable original, UnaryOperator<String> hide) {
            return of(original, hide, Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        private static Redacted of(Throwable original, UnaryOperator<String> hide, Set<Throwable> seen) {
            if (original == null || !seen.add(original)) {
                return null;
            }
            Redacted copy = new Redacted(original, hide, of(original.getCause(), hide, seen));
            for (Throwable suppressed : original.getSuppressed()) {
                Redacted shown = of(suppressed, hide, seen);
                if (shown != null) {
                    copy.addSuppressed(shown);
                }
            }
            return copy;
        }

        @Override
        public String toString() {
            return getMessage() == null ? type : type + ": " + getMessage();
        }
    }
}
