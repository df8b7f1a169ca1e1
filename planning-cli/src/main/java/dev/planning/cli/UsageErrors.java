package dev.planning.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a command line that cannot be read is reported (picocli's parameter exception handler): one
 * line saying what is wrong and what the command takes there, then the help to read; exit 2. In
 * place of picocli's own report: its message ({@code Unmatched argument at index 0: 'x'}) and the
 * command's whole usage.
 */
final class UsageErrors {

    private UsageErrors() {
    }

    /** Prints the report of {@code ex} on {@code err}; returns the exit code, 2. */
    static int report(ParameterException ex, String[] args, PrintWriter err) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        err.println("error: " + message(ex, spec, args));
        err.println("see '" + spec.qualifiedName(" ") + " --help'");
        return ExitCodes.BAD_INPUT;
    }

    private static String message(ParameterException ex, CommandSpec spec, String[] args) {
        String command = spec.qualifiedName(" ");
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            // picocli calls any argument that looks like an option an unknown one, even after "--" (tidy30).
            if (unmatched.isUnknownOption() && afterEndOfOptions(argument, ex, spec, args)) {
                return "unexpected argument '" + argument + "' (after '" + spec.parser().endOfOptionsDelimiter()
                        + "', an argument, not an option); " + command + " takes " + positionals(spec);
            }
            String message;
            if (unmatched.isUnknownOption()) {
                message = "unknown option '" + argument + "'; " + command + " takes " + options(spec);
            } else if (!spec.subcommands().isEmpty()) {
                message = "unknown command '" + argument + "'; " + command + " takes "
                        + String.join(", ", spec.subcommands().keySet());
            } else {
                message = "unexpected argument '" + argument + "'; " + command + " takes " + positionals(spec);
            }
            List<String> suggestions = unmatched.getSuggestions();
            return suggestions.isEmpty() ? message : message + "; did you mean " + either(suggestions) + "?";
        }
        String message = ex.getMessage() == null ? "cannot read the command line" : ex.getMessage();
        return message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    /** What {@code spec} takes besides its options: its positional parameters, or {@code options only}. */
    private static String positionals(CommandSpec spec) {
        return spec.positionalParameters().isEmpty() ? "options only" : spec.positionalParameters().stream()
                .map(p -> p.paramLabel() + (p.isMultiValue() ? "..." : "")).collect(Collectors.joining(" "));
    }

    /**
     * Whether {@code argument}, the first picocli did not match, came after the end of options ({@code --}), so a
     * positional argument however it looks: the arguments as read (argument files expanded) hold the delimiter, and
     * {@code argument} is not among those before it.
     */
    private static boolean afterEndOfOptions(String argument, ParameterException ex, CommandSpec spec,
            String[] args) {
        ParseResult parsed = ex.getCommandLine().getParseResult();
        List<String> read = parsed != null && !parsed.expandedArgs().isEmpty() ? parsed.expandedArgs()
                : args == null ? List.of() : Arrays.asList(args);
        int end = read.indexOf(spec.parser().endOfOptionsDelimiter());
        return end >= 0 && !read.subList(0, end).contains(argument);
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    private static String either(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The command's options, by their longest names, in alphabetical order. */
    private static String options(CommandSpec spec) {
        return spec.options().stream().filter(option -> !option.hidden()).map(OptionSpec::longestName).sorted()
                .collect(Collectors.joining(", "));
    }

    /** Installs the report on {@code cli} and every command under it. */
    static void install(CommandLine cli, PrintWriter err) {
        cli.setParameterExceptionHandler((ex, args) -> report(ex, args, err));
    }
}
