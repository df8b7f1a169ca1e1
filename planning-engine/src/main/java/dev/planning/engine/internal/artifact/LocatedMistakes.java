package dev.planning.engine.internal.artifact;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One refusal for several mistakes of one or several files, kept as data: each mistake's location, its
 * text, and the other place it concerns, if any (the first declaration of a name declared again, as
 * javac's "previously declared here" and SARIF's {@code relatedLocations}). The message is rendered from
 * them; a caller that names the files otherwise (relative to the workspace rather than the rulebook)
 * renames them here, {@link #renamed}, and the message is rendered again: no location is ever found by
 * reading the message's text (errors20).
 *
 * <p>The message is the first mistake's text, then one line per further mistake at its
 * {@code file:line:column}, at most {@value ErrorList#MAX_SHOWN} lines, then how many more; the
 * exception is located at the first mistake.
 */
public final class LocatedMistakes extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** How the places of a mistake are named when nobody renamed them (paths as the compiler was given them). */
    public static final String RELATIVE_TO_RULEBOOK = "relative to the rulebook directory";

    /**
     * One mistake: where it is, what is wrong there, and the other place it concerns.
     *
     * @param location where, or null when it concerns no file
     * @param message  what is wrong there (the part before the related place, when there is one)
     * @param related  the other place, when the mistake concerns two
     */
    public record Mistake(SourceLocation location, String message, Optional<Related> related) {

        /** Checks the components. */
        public Mistake {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(related, "related");
        }

        /** A mistake concerning one place. */
        public Mistake(SourceLocation location, String message) {
            this(location, message, Optional.empty());
        }

        /** The text, the related place shown in parentheses with how both places are named ({@code paths}). */
        String text(String paths) {
            return message + related.map(r -> " (" + r.label() + " " + Printable.line(r.location().toString())
                    + ", both paths " + paths + ")" + r.rest()).orElse("");
        }

        Mistake renamed(UnaryOperator<String> file) {
            return new Mistake(rename(location, file), message,
                    related.map(r -> new Related(r.label(), rename(r.location(), file), r.rest())));
        }
    }

    /**
     * The other place a mistake concerns, shown as {@code MESSAGE (LABEL LOCATION, both paths ...)REST}.
     *
     * @param label    what the place is, e.g. {@code first at}
     * @param location the place
     * @param rest     the text that follows it (the rest of the sentence)
     */
    public record Related(String label, SourceLocation location, String rest) {

        /** Checks the components. */
        public Related {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(rest, "rest");
        }
    }

    private final transient List<Mistake> mistakes;
    private final String paths;
    private final String lead;

    private LocatedMistakes(String lead, List<Mistake> mistakes, String paths, Throwable cause) {
        super(render(lead, mistakes, paths), mistakes.get(0).location(), cause);
        this.lead = lead;
        this.mistakes = List.copyOf(mistakes);
        this.paths = paths;
    }

    /**
     * The refusal of these mistakes (at least one), their places named relative to the rulebook directory.
     *
     * @param mistakes the mistakes, in the order they are to be shown
     */
    public static LocatedMistakes of(List<Mistake> mistakes) {
        if (mistakes.isEmpty()) {
            throw new IllegalArgumentException("no mistakes to report");
        }
        return new LocatedMistakes("", mistakes, RELATIVE_TO_RULEBOOK, null);
    }

    /** The mistakes, in the order shown. */
    public List<Mistake> mistakes() {
        return mistakes;
    }

    /**
     * The same refusal, every place of every mistake (its location and its related place) in the file
     * {@code file} maps it to, the message saying how both places are named ({@code paths}, e.g.
     * {@code relative to the workspace}); this refusal is its cause.
     */
    @Override
    public LocatedMistakes renamed(UnaryOperator<String> file, String paths) {
        return new LocatedMistakes(lead, mistakes.stream().map(m -> m.renamed(file)).toList(), paths, this);
    }

    /** The same refusal, its message starting with {@code lead} and {@code ": "}; this refusal is its cause. */
    public LocatedMistakes led(String lead) {
        return new LocatedMistakes(lead, mistakes, paths, this);
    }

    private static SourceLocation rename(SourceLocation location, UnaryOperator<String> file) {
        return location == null ? null : new SourceLocation(file.apply(location.file()), location.line(), location.column());
    }

    private static String render(String lead, List<Mistake> mistakes, String paths) {
        StringBuilder message = new StringBuilder(lead.isEmpty() ? "" : lead + ": ").append(mistakes.get(0).text(paths));
        int shown = Math.min(mistakes.size(), ErrorList.MAX_SHOWN);
        for (Mistake more : mistakes.subList(1, shown)) {
            message.append('\n').append(more.location() == null ? "" : Printable.line(more.location().toString()) + ": ")
                    .append(more.text(paths));
        }
        if (shown < mistakes.size()) {
            int rest = mistakes.size() - shown;
            message.append("\nand ").append(rest).append(" more mistake").append(rest == 1 ? "" : "s")
                    .append(" in the rule files, not shown");
        }
        return message.toString();
    }
}
