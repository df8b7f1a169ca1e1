package dev.planning.engine.internal.artifact;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every error of one file in one exception, so that a reader that must refuse a file still tells
 * the user all of its mistakes at once, bounded: the first {@value #MAX_SHOWN}, then "and N more".
 *
 * <pre>{@code
 * throw ErrorList.exception("invalid handoff manifest", errors, document.fileLocation());
 * // frameworks/.../manifest.yaml:3:1: invalid handoff manifest: 15 errors:
 * //   frameworks/.../manifest.yaml:3:1: `version` is required
 * //   ...
 * }</pre>
 *
 * @since 0.1
 */
public final class ErrorList {

    /** How many errors a message lists before summing up the rest. */
    public static final int MAX_SHOWN = 50;

    private ErrorList() {
    }

    /**
     * An exception located at the first error, whose message lists every error (bounded).
     *
     * @param lead     what is wrong with the file as a whole, e.g. {@code invalid handoff manifest}
     * @param errors   the errors, at least one
     * @param fallback where to locate the exception when the first error has no location
     */
    public static InvalidInputException exception(String lead, List<Finding> errors, SourceLocation fallback) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors to report");
        }
        Finding first = errors.get(0);
        SourceLocation location = first.location().orElse(fallback);
        return new InvalidInputException(message(lead, errors), location);
    }

    /**
     * {@code message} with each line after the first that starts (after indentation) with {@code from:}
     * starting with {@code to:} instead: the listed errors of a file renamed as the exception's location
     * is, when a caller names the file otherwise (relative to the workspace rather than the rulebook).
     *
     * @param message a message whose lines after the first may each start with a location in {@code from}
     * @param from    the file as the lines name it
     * @param to      the file as they should name it
     */
    public static String renamed(String message, String from, String to) {
        if (message == null) {
            return null;
        }
        return Pattern.compile("(\\n[ \\t]*)" + Pattern.quote(from + ":")).matcher(message)
                .replaceAll("$1" + Matcher.quoteReplacement(to + ":"));
    }

    /**
     * As {@link #renamed(String, String, String)} for several files at once, in one pass (so a file renamed
     * is never renamed again): each line after the first that starts with a key of {@code names} and
     * {@code :} starts with its value instead. For a message that lists the mistakes of several files.
     *
     * @param message a message whose lines after the first may each start with a location
     * @param names   each file as the lines name it, to the name they should give it
     */
    public static String renamed(String message, Map<String, String> names) {
        if (message == null || names.isEmpty()) {
            return message;
        }
        // The longest name first, so that a name that is another's prefix never takes its line.
        String alternatives = names.keySet().stream().sorted((a, b) -> b.length() - a.length())
                .map(Pattern::quote).collect(Collectors.joining("|"));
        return Pattern.compile("(\\n[ \\t]*)(" + alternatives + "):").matcher(message)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + names.get(m.group(2)) + ":"));
    }

    /**
     * The message: the only error's text, or the count and one located line per error, at most
     * {@value #MAX_SHOWN}, then {@code and N more}.
     */
    public static String message(String lead, List<Finding> errors) {
        String prefix = lead == null || lead.isEmpty() ? "" : lead + ": ";
        if (errors.size() == 1) {
            return prefix + errors.get(0).message();
        }
        StringBuilder text = new StringBuilder(prefix).append(errors.size()).append(" errors:");
        for (Finding error : errors.subList(0, Math.min(MAX_SHOWN, errors.size()))) {
            text.append("\n  ").append(error.location().map(l -> l + ": ").orElse("")).append(error.message());
        }
        if (errors.size() > MAX_SHOWN) {
            text.append("\n  and ").append(errors.size() - MAX_SHOWN).append(" more");
        }
        return text.toString();
    }
}
