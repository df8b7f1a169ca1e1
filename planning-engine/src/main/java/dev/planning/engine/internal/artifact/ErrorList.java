package dev.planning.engine.internal.artifact;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import java.util.List;

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
        return new Refusal(message(lead, errors), location, errors);
    }

    /**
     * The errors a refusal lists: those {@link #exception} was given, or the refusal itself as one error,
     * so that a caller gathering the refusals of several files lists every error of each, one line each,
     * not each file's list inside another (errors21).
     */
    public static List<Finding> errors(InvalidInputException refusal) {
        if (refusal instanceof Refusal listed) {
            return listed.errors;
        }
        return List.of(Finding.error("input.invalid", refusal.getMessage(), refusal.location().orElse(null)));
    }

    /** The refusal {@link #exception} builds, its errors kept as data. */
    private static final class Refusal extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        private final transient List<Finding> errors;

        Refusal(String message, SourceLocation location, List<Finding> errors) {
            super(message, location);
            this.errors = List.copyOf(errors);
        }
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
