package dev.planning.engine.internal.artifact;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every error of one file in one exception, so that a reader that must refuse a file still tells
 * the user all of its mistakes at once, bounded: the first {@value #MAX_SHOWN}, then "and N more".
 * The errors are kept as data: a caller that names files otherwise ({@link InvalidInputException#renamed})
 * renames each error's location, and the message is rendered again from them, never rewritten by
 * finding file names in its text (a value quoted in a message may look like one).
 *
 * <p>Each error is one line: its text is shown on one line when the message is rendered, so that a name it
 * quotes from a file (a line break, a carriage return, U+2028, an escape sequence in a test's or source file's
 * name) cannot print a line of its own that reads as another located error (errors23). Its values were quoted
 * where each error was built ({@link Printable#line}, {@link Printable#path}), so it is shown with its escapes as
 * they are ({@link Printable#shown(String, String)}, text40), never quoted again; a raw value an error quotes
 * still has every character not shown as itself escaped, but a backslash of its own that begins {@code \u005cu} reads
 * like an escape (the rule: {@link dev.planning.api.PlanningException#describe}, msg41). A reader collects a
 * file's errors in {@link Mistakes}, which keeps the first {@value #MAX_SHOWN} and counts the rest, so that a file
 * of millions of mistakes holds no more memory than a file of fifty.
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
        return exception(lead, errors, 0, fallback);
    }

    /**
     * As {@link #exception(String, List, SourceLocation)}, with errors that were counted but not kept
     * ({@link Mistakes}, {@link #unlisted}): they are summed up in {@code and N more}.
     *
     * @param lead     what is wrong with the file as a whole
     * @param errors   the errors kept, at least one
     * @param unlisted how many more errors were found and not kept, at least 0
     * @param fallback where to locate the exception when the first error has no location
     */
    public static InvalidInputException exception(String lead, List<Finding> errors, long unlisted,
            SourceLocation fallback) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors to report");
        }
        if (unlisted < 0) {
            throw new IllegalArgumentException("unlisted errors cannot be negative: " + unlisted);
        }
        return new Listed(lead == null ? "" : lead, errors.stream()
                .map(e -> new InvalidInputException(e.message(), e.location().orElse(null))).toList(), fallback, true,
                unlisted, null);
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
        return new Listed(lead == null ? "" : lead, errors, fallback, true, 0, null);
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
        return refusals.size() == 1 ? refusals.get(0) : new Listed("", refusals, null, false, 0, null);
    }

    /**
     * The refusals of several files in one, every mistake of each listed on a line of its own, sorted by
     * file, then line and column: the only refusal itself when there is one, else one message counting
     * them all, the first {@value #MAX_SHOWN} listed and the rest counted ({@code and N more}), so that a run
     * over many unreadable files tells every mistake of every file at once, bounded (errors24).
     *
     * @param lead     what is wrong with the files as a whole, e.g. {@code 3 stored outcome files cannot be read}
     * @param refusals each file's refusal, at least one
     * @param fallback where to locate the refusal when the first error has no location
     */
    public static InvalidInputException ofFiles(String lead, List<InvalidInputException> refusals,
            SourceLocation fallback) {
        if (refusals.isEmpty()) {
            throw new IllegalArgumentException("no errors to report");
        }
        if (refusals.size() == 1) {
            return refusals.get(0);
        }
        List<Finding> all = new ArrayList<>();
        long unlisted = 0;
        for (InvalidInputException refusal : refusals) {
            all.addAll(errors(refusal));
            unlisted += unlisted(refusal);
        }
        all.sort(Comparator.comparing((Finding f) -> f.location().map(SourceLocation::file).orElse(""))
                .thenComparingInt(f -> f.location().map(SourceLocation::line).orElse(0))
                .thenComparingInt(f -> f.location().map(SourceLocation::column).orElse(0)));
        // Only those a message shows are kept; the rest are counted, as Mistakes counts a file's.
        List<Finding> kept = all.subList(0, Math.min(MAX_SHOWN, all.size()));
        return exception(lead, List.copyOf(kept), unlisted + all.size() - kept.size(), fallback);
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
     * How many errors a refusal counted but did not keep ({@link Mistakes}), those of the refusals it lists
     * included: a caller that gathers the {@link #errors} of several refusals passes their sum on to
     * {@link #exception(String, List, long, SourceLocation)}, so that its count stays true.
     */
    public static long unlisted(InvalidInputException refusal) {
        if (refusal instanceof Listed listed) {
            return listed.unlisted + listed.errors.stream().mapToLong(ErrorList::unlisted).sum();
        }
        return 0;
    }

    /**
     * The message: the only error's text, or the count and one located line per error, at most
     * {@value #MAX_SHOWN}, then {@code and N more}.
     */
    public static String message(String lead, List<Finding> errors) {
        return counted(lead, errors.stream()
                .map(e -> new InvalidInputException(e.message(), e.location().orElse(null))).toList(), 0);
    }

    private static String counted(String lead, List<InvalidInputException> errors, long unlisted) {
        String prefix = lead == null || lead.isEmpty() ? "" : lead + ": ";
        if (errors.size() == 1 && unlisted == 0) {
            return prefix + shown(errors.get(0));
        }
        StringBuilder text = new StringBuilder(prefix).append(errors.size() + unlisted).append(" errors:");
        for (InvalidInputException error : errors.subList(0, Math.min(MAX_SHOWN, errors.size()))) {
            text.append("\n  ").append(error.location().map(l -> l + ": ").orElse("")).append(shown(error));
        }
        if (errors.size() + unlisted > MAX_SHOWN) {
            text.append("\n  and ").append(errors.size() + unlisted - MAX_SHOWN).append(" more");
        }
        return text.toString();
    }

    private static String oneAfterAnother(List<InvalidInputException> refusals) {
        StringBuilder message = new StringBuilder(shown(refusals.get(0)));
        for (InvalidInputException more : refusals.subList(1, refusals.size())) {
            message.append('\n').append(more.location().map(l -> l + ": ").orElse("")).append(shown(more));
        }
        return message.toString();
    }

    /**
     * An error's text as the list shows it: one error on one line, whatever a name it quotes holds (the
     * one place the readers' messages are made safe); a list of its own is already rendered so.
     */
    private static String shown(InvalidInputException error) {
        return error instanceof Listed ? error.getMessage() : Printable.shown(error.getMessage(), "");
    }

    /**
     * The mistakes of one file as a reader finds them, bounded: the first {@value #MAX_SHOWN} kept (all a
     * message shows), the rest only counted, so that memory does not grow with a hostile file's mistakes.
     * Not thread-safe: one reader fills it.
     *
     * <pre>{@code
     * ErrorList.Mistakes mistakes = new ErrorList.Mistakes();
     * mistakes.add(Finding.error("outcome.invalid", "time=\"x\" is not a duration", at));
     * if (!mistakes.isEmpty()) {
     *     throw mistakes.exception("invalid JUnit XML report", SourceLocation.ofFile(path));
     * }
     * }</pre>
     */
    public static final class Mistakes {

        private final List<Finding> kept = new ArrayList<>();
        private long unlisted;

        /** Keeps a mistake, or counts it when {@value #MAX_SHOWN} are kept already. */
        public void add(Finding mistake) {
            if (kept.size() < MAX_SHOWN) {
                kept.add(mistake);
            } else {
                unlisted++;
            }
        }

        /** Whether no mistake was found. */
        public boolean isEmpty() {
            return kept.isEmpty();
        }

        /** How many mistakes were found, kept or not. */
        public long count() {
            return kept.size() + unlisted;
        }

        /** The mistakes kept, in the order they were found (or {@linkplain #sortByLocation sorted}). */
        public List<Finding> kept() {
            return List.copyOf(kept);
        }

        /** Puts the kept mistakes in the file's order, when a reader finds some after where they are named. */
        public void sortByLocation() {
            kept.sort(Comparator.comparingInt((Finding f) -> f.location().map(SourceLocation::line).orElse(0))
                    .thenComparingInt(f -> f.location().map(SourceLocation::column).orElse(0)));
        }

        /**
         * The refusal of the file: the only mistake on its own (its text on one line), or all of them
         * listed, counted and bounded.
         *
         * @param lead     what is wrong with the file as a whole, e.g. {@code invalid LCOV tracefile}
         * @param fallback where to locate the refusal when the first mistake has no location
         * @throws IllegalStateException when there is no mistake
         */
        public InvalidInputException exception(String lead, SourceLocation fallback) {
            if (kept.isEmpty()) {
                throw new IllegalStateException("no mistakes to report");
            }
            if (count() == 1) {
                Finding only = kept.get(0);
                return new InvalidInputException(Printable.shown(only.message(), ""), only.location().orElse(fallback));
            }
            return ErrorList.exception(lead, kept, unlisted, fallback);
        }
    }

    /** Errors kept as data, the message rendered from them (counted, or one file's after another's). */
    private static final class Listed extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        private final String lead;
        private final transient List<InvalidInputException> errors;
        private final transient SourceLocation fallback;
        private final boolean counted;
        /** Errors found and counted, not kept. */
        private final long unlisted;

        Listed(String lead, List<InvalidInputException> errors, SourceLocation fallback, boolean counted,
                long unlisted, Throwable cause) {
            super(counted ? counted(lead, errors, unlisted) : oneAfterAnother(errors),
                    errors.get(0).location().orElse(fallback), cause);
            this.lead = lead;
            this.errors = List.copyOf(errors);
            this.fallback = fallback;
            this.counted = counted;
            this.unlisted = unlisted;
        }

        @Override
        public InvalidInputException renamed(UnaryOperator<String> file, String how) {
            return new Listed(lead, errors.stream().map(e -> e.renamed(file, how)).toList(),
                    fallback == null ? null : new SourceLocation(file.apply(fallback.file()), fallback.line(),
                            fallback.column()),
                    counted, unlisted, this);
        }
    }
}
