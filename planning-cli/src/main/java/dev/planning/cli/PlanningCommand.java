package dev.planning.cli;

import dev.planning.api.PlanningException;
import dev.planning.api.seal.SealingException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code planning} command: entry point of the CLI jar. */
@Command(name = "planning",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Planning cycles as files: lint plans, run quality gates, advance the lifecycle, seal, sign and verify handoffs.",
        subcommands = {

            InitCommand.class,
            LintCommand.class,
            GateCommand.class,
            AdvanceCommand.class,
            StatusCommand.class,
            ImportCommand.class,
            DigestCommand.class,
            ReportCommand.class,
            ImproveCommand.class,
            SealCommand.class,
            KeysCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            AttestCommand.class,
            RulesCommand.class,
            StoreCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PlanningCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * Runs the CLI and exits with its exit code. The process ends with code 0 only when the command
     * itself reached that verdict: any other way out (a rule calling {@code System.exit}) ends with
     * a non-zero code (see {@link ExitGuard}).
     */
    public static void main(String[] args) {
        ExitGuard.install(System.err);
        PrintWriter out = utf8(System.out);
        PrintWriter err = utf8(System.err);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        ExitGuard.verdict(code);
        System.exit(code);
    }

    /**
     * A writer that prints UTF-8 whatever the locale: under {@code LC_ALL=C} the JVM's default
     * stream encoding is ASCII and every arrow, check mark and accented name would become {@code ?}.
     */
    static PrintWriter utf8(java.io.OutputStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8), true);
    }

    /** Runs the CLI with the given output streams and returns the exit code (used by tests and embedders). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new PlanningCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof PlanningException planning) {
                // User errors get one clear line, never a stack trace.
                err.println("error: " + planning.describe());
                // A sealed cycle whose artifacts changed is a check that does not hold, not bad input.
                boolean checkFailed = planning instanceof SealingException sealing
                        && (sealing.reason() == SealingException.Reason.SEALED_ARTIFACT_CHANGED
                                || sealing.reason() == SealingException.Reason.GATES_FAILED
                                || sealing.reason() == SealingException.Reason.SEAL_NOT_VERIFIED);
                return checkFailed ? ExitCodes.CHECK_FAILED : ExitCodes.BAD_INPUT;
            }
            err.println("internal error: " + ex);
            if (System.getenv("PLANNING_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set PLANNING_DEBUG=1 for the stack trace, and please report it)");
            }
            return ExitCodes.INTERNAL;
        });
        try {
            return cli.execute(args);
        } finally {
            StoreSelection.closeAll(err);
        }
    }
}
