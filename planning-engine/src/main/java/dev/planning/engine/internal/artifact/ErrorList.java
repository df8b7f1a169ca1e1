package dev.planning.engine.internal.artifact;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every error of one file in one exception, so that a reader that must refuse a file still tells
 * the user all of its mistakes at once, bounded: the first {@value #MAX_SHOWN}, then "and N more".
 * The errors are kept as data: a caller that names files otherwise ({@link InvalidInputException#renamed})
 * renames each error's location, and the message is rendered again from them, never rewritten by
 * finding file names in its text (a value quoted in a message may look like one).
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
        return new Listed(lead == null ? "" : lead, errors.stream()
                .map(e -> new InvalidInputException(e.message(), e.location().orElse(null))).toList(), fallback, true, null);
    }

    /**
     * As {@link #exception}, each error a refusal of its own, kept whole: one that lists errors itself
     * (a file a case reads, refused with all of its mistakes) is renamed as its own data says.
     *
     * @param lead     what is wrong with the file as a whole
     * @param errors   the refusals, at least one
     * @param fallback where to locate the exception when the first refusal has no location
     */
    public static InvalidInputException ofRefusals(String lead, List<InvalidInputException> errors,
            SourceLocation fallback) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors to report");
        }
        return new Listed(lead == null ? "" : lead, errors, fallback, true, null);
    }

    /**
     * The refusals of several files in one: the first's message, then each further one on a line of its
     * own at its location; the only one itself when there is one.
     *
     * @param refusals each file's refusal, at least one, in the order they are to be shown
     */
    public static InvalidInputException together(List<InvalidInputException> refusals) {
        if (refusals.isEmpty()) {
            throw new IllegalArgumentException("no errors to report");
        }
        return refusals.size() == 1 ? refusals.get(0) : new Listed("", refusals, null, false, null);
    }

    /**
     * The errors a refusal lists, each on a line of its own (a list inside a list flattened), or the
     * refusal itself as one error, so that a caller gathering the refusals of several files lists every
     * error of each, one line each, not each file's list inside another (errors21).
     */
    public static List<Finding> errors(InvalidInputException refusal) {
        if (refusal instanceof Listed listed) {
            return listed.errors.stream().flatMap(e -> errors(e).stream()).toList();
        }
        return List.of(Finding.error("input.invalid", refusal.getMessage(), refusal.location().orElse(null)));
    }

    /**
     * The message: the only error's text, or the count and one located line per error, at most
     * {@value #MAX_SHOWN}, then {@code and N more}.
     */
    public static String message(String lead, List<Finding> errors) {
        return counted(lead, errors.stream()
                .map(e -> new InvalidInputException(e.message(), e.location().orElse(null))).toList());
    }

    private static String counted(String lead, List<InvalidInputException> errors) {
        String prefix = lead == null || lead.isEmpty() ? "" : lead + ": ";
        if (errors.size() == 1) {
            return prefix + errors.get(0).getMessage();
        }
        StringBuilder text = new StringBuilder(prefix).append(errors.size()).append(" errors:");
        for (InvalidInputException error : errors.subList(0, Math.min(MAX_SHOWN, errors.size()))) {
            text.append("\n  ").append(error.location().map(l -> l + ": ").orElse("")).append(error.getMessage());
        }
        if (errors.size() > MAX_SHOWN) {
            text.append("\n  and ").append(errors.size() - MAX_SHOWN).append(" more");
        }
        return text.toString();
    }

    private static String oneAfterAnother(List<InvalidInputException> refusals) {
        StringBuilder message = new StringBuilder(refusals.get(0).getMessage());
        for (InvalidInputException more : refusals.subList(1, refusals.size())) {
            message.append('\n').append(more.location().map(l -> l + ": ").orElse("")).append(more.getMessage());
        }
        return message.toString();
    }

    /** Errors kept as data, the message rendered from them (counted, or one file's after another's). */
    private static final class Listed extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        private final String lead;
        private final transient List<InvalidInputException> errors;
        private final transient SourceLocation fallback;
        private final boolean counted;

        Listed(String lead, List<InvalidInputException> errors, SourceLocation fallback, boolean counted,
                Throwable cause) {
            super(counted ? counted(lead, errors) : oneAfterAnother(errors),
                    errors.get(0).location().orElse(fallback), cause);
            this.lead = lead;
            this.errors = List.copyOf(errors);
            this.fallback = fallback;
            this.counted = counted;
        }

        @Override
        public InvalidInputException renamed(UnaryOperator<String> file, String how) {
            return new Listed(lead, errors.stream().map(e -> e.renamed(file, how)).toList(),
                    fallback == null ? null : new SourceLocation(file.apply(fallback.file()), fallback.line(),
                            fallback.column()),
                    counted, this);
        }
    }
}
