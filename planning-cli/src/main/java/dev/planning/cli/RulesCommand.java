package dev.planning.cli;

import dev.planning.api.Printable;
import dev.planning.engine.Planning;
import dev.planning.rules.CacheUsage;
import dev.planning.rules.CompiledRulebooks;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code planning rules ...}: commands for rulebook authors. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        // The subcommands are registered by PlanningCommand.execute, lazily: see subcommandsFor.
        description = "Rulebook tools: hash a rulebook, run its tests, preview a change's impact, show or clear the cache.")
final class RulesCommand implements Runnable {

    /** The subcommands, in the order the help lists them. */
    static final List<String> SUBCOMMANDS = List.of("hash", "test", "diff", "cache");

    /**
     * The subcommands to register for these arguments: only the named one for {@code rules NAME ...},
     * all of them otherwise (help, none, an unknown one), as {@link PlanningCommand#commandsFor} does
     * for the commands.
     */
    static List<String> subcommandsFor(String[] args) {
        if (args.length > 1 && "rules".equals(args[0]) && SUBCOMMANDS.contains(args[1])) {
            return List.of(args[1]);
        }
        return SUBCOMMANDS;
    }

    /** A subcommand's class (a switch: only the invoked one is loaded). */
    static Class<?> subcommandClass(String name) {
        switch (name) {
            case "hash": return Hash.class;
            case "test": return Test.class;
            case "diff": return RulesDiffCommand.class;
            case "cache": return Cache.class;
            default: throw new IllegalArgumentException("no such rules command: " + name);
        }
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a rules subcommand is required: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code planning rules hash DIR}: prints the rulebook hash (see the README for the coreutils recipe). */
    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Print the SHA-256 rulebook hash of DIR (recomputable with coreutils; see README).")
    static final class Hash implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", description = "Rulebook directory.")
        Path directory;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return print(directory, spec.commandLine().getOut());
        }

        /** Prints the rulebook hash of {@code directory}; returns the exit code (0). */
        static int print(Path directory, PrintWriter out) {
            out.println(Planning.rulebookHash(directory));
            return ExitCodes.OK;
        }
    }

    /**
     * {@code planning rules cache [--clear]}: shows what the cache directory of compiled rulebooks and
     * kept results holds and its bound, or deletes every file the cache wrote there
     * ({@link CompiledRulebooks#cacheUsage}, {@link CompiledRulebooks#clearCache}).
     */
    @Command(name = "cache", mixinStandardHelpOptions = true,
            description = "Show the cache directory (compiled rulebooks, kept results), its size and bound;"
                    + " --clear deletes every file the cache wrote there.")
    static final class Cache implements Callable<Integer> {

        @Option(names = "--clear", description = "Delete every file the cache wrote (nothing else).")
        boolean clear;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return run(System.getenv(), clear, spec.commandLine().getOut(), spec.commandLine().getErr());
        }

        /** Shows or clears the cache the environment names; returns the exit code (0, or 2 for a directory not the cache's). */
        static int run(Map<String, String> environment, boolean clear, PrintWriter out, PrintWriter err) {
            Optional<CacheUsage> usage;
            try {
                usage = clear ? CompiledRulebooks.clearCache(environment) : CompiledRulebooks.cacheUsage(environment);
            } catch (UncheckedIOException e) {
                // The message quotes the directory already (CompiledRulebooks): shown as it is, its escapes not
                // escaped again, any other character that would act still escaped (msg44).
                err.println("planning: the cache directory is not usable: "
                        + Printable.shown(String.valueOf(e.getMessage()), ""));
                return ExitCodes.BAD_INPUT;
            }
            if (usage.isEmpty()) {
                out.println("no cache (PLANNING_NO_CACHE is set, or no home directory)");
                return ExitCodes.OK;
            }
            CacheUsage u = usage.get();
            out.println("directory " + Printable.path(u.directory()));
            out.println((clear ? "deleted " : "holds ") + u.files() + " files, " + u.bytes() + " bytes");
            out.println("bound " + u.maxFiles() + " files, " + u.maxBytes() + " bytes");
            return ExitCodes.OK;
        }
    }

    /**
     * {@code planning rules test DIR [--fail-under PERCENT] [--format text|json|junit]}: runs the
     * rulebook's {@code tests/*.yaml} cases and reports each case, the rule coverage and the rules
     * no test expects a violation of. Exit 1 when a case fails, when there is no case (nothing was tested),
     * or coverage is under {@code --fail-under}; exit 2 when the rulebook or a test file is malformed or a DRL
     * file does not compile.
     */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run the rulebook's tests (tests/*.yaml) and report each case and the rule coverage.",
                "Exit 1 when a case fails, when there is no case (nothing was tested) or coverage is under --fail-under."})
    static final class Test implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", description = "Rulebook directory.")
        Path directory;

        @Option(names = "--fail-under", paramLabel = "PERCENT", converter = Percent.class,
                description = "Fail when fewer than PERCENT of the rules (0-100) fired in some test.")
        Double failUnder;

        @Mixin
        FormatOption.WithJunitAndMarkdown format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (failUnder != null && !(failUnder >= 0 && failUnder <= 100)) {
                throw new ParameterException(spec.commandLine(),
                        "--fail-under must be a percentage from 0 to 100 (found " + failUnder + ")");
            }
            Optional<Double> minimum = Optional.ofNullable(failUnder);
            RuleTests.Outcome outcome = RuleTests.run(directory);
            OptionalDouble bound = minimum.map(OptionalDouble::of).orElseGet(OptionalDouble::empty);
            Reports.printJson(spec.commandLine().getOut(), format.format,
                    () -> outcome.report().json(outcome.rulebook().directory().toString(), outcome.rulebook().hash(),
                            bound),
                    () -> RuleTestReports.text(outcome, minimum), () -> RuleTestReports.junit(outcome, minimum), null,
                    () -> outcome.report().markdown(outcome.rulebook().hash(), bound));
            boolean covered = minimum.map(outcome.report()::coverageAtLeast).orElse(true);
            return outcome.report().passed() && covered ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    /**
     * {@code --fail-under}: a number written in digits with an optional fraction ({@code 80},
     * {@code 92.5}); anything else is refused in the user's terms, not as picocli's "is not a double".
     * The range, 0 to 100, is checked when the command runs.
     */
    static final class Percent implements picocli.CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (!value.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a number from 0 to 100, such as 80 or 92.5");
            }
            return Double.valueOf(value);
        }
    }
}
