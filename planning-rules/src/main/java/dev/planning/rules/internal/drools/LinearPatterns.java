package dev.planning.rules.internal.drools;

import com.google.re2j.PatternSyntaxException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patterns of {@code matches}: RE2 syntax ({@code com.google.re2j.Pattern}), checked before
 * they are compiled so that neither compiling nor matching can run away. Public for
 * {@link dev.planning.rules.facts.LinearRegex}, which compiled rules call; the package is not
 * exported.
 *
 * <p>RE2 matches in time proportional to the value's length times the compiled program's size, and
 * counted repetitions multiply that size ({@code (((a{100}){100}){100}){100}}, 27 characters,
 * exhausts a 512 MB heap while RE2/J compiles it). So a pattern is refused when its length times the
 * product of its repetition counts exceeds {@link #MAX_PROGRAM} (an upper bound on the program's
 * size, taken on the text before compiling), and again when the compiled program is larger.
 */
public final class LinearPatterns {

    /** The largest program a pattern may compile to, in RE2 instructions ({@code .*-team} is about 10). */
    static final int MAX_PROGRAM = 10_000;

    /** The deepest nesting of groups accepted (RE2/J compiles recursively; the policy check allows as many brackets). */
    static final int MAX_NESTING = 64;

    /** How many characters a match reads between two looks at the interrupt flag (a power of two). */
    static final int CHECK_EVERY = 256;

    /** How many compiled patterns are kept (a rulebook has a few); past that they are compiled per call. */
    private static final int KEPT = 512;

    // A counted repetition {n}, {n,} or {n,m}, wherever it stands: counting one that RE2 reads as
    // literal text (in a class, escaped) only over-estimates.
    private static final Pattern COUNT = Pattern.compile(
            "\\{([0-9]{1,9})(?:,([0-9]{0,9}))?\\}");

    private static final ConcurrentHashMap<String, com.google.re2j.Pattern> COMPILED = new ConcurrentHashMap<>();

    private LinearPatterns() {
    }

    /**
     * The pattern compiled, from a small cache.
     *
     * @throws IllegalArgumentException naming what is wrong, for a pattern {@link #problem} refuses
     */
    public static com.google.re2j.Pattern compile(String pattern) {
        com.google.re2j.Pattern compiled = COMPILED.get(pattern);
        if (compiled != null) {
            return compiled;
        }
        String problem = problem(pattern).orElse(null);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        compiled = com.google.re2j.Pattern.compile(pattern);
        if (COMPILED.size() < KEPT) {
            COMPILED.putIfAbsent(pattern, compiled);
        }
        return compiled;
    }

    /**
     * Whether the whole of {@code text} matches {@code pattern} (compiled by {@link #compile}),
     * reading the text through a view that ends the match once the thread is interrupted: RE2's time
     * is the text's length times the program's size (up to {@link #MAX_PROGRAM}), about 6 us a
     * character for {@code .*a.{900}b}, so one call on a plan field of a few MB would outlast the
     * evaluation limit, and RE2/J never looks at the interrupt that stops an evaluation.
     *
     * @throws CancellationException if the thread is interrupted while matching
     */
    public static boolean matches(String pattern, CharSequence text) {
        com.google.re2j.Pattern compiled = compile(pattern);
        return compiled.matcher(text.length() < CHECK_EVERY ? text : new Interruptible(text)).matches();
    }

    /** A text that throws, instead of answering, once its reader's thread is interrupted. */
    private static final class Interruptible implements CharSequence {
        private final CharSequence text;
        private int reads;

        Interruptible(CharSequence text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & (CHECK_EVERY - 1)) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("matches stopped: the evaluation was interrupted");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Interruptible(text.subSequence(start, end));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /**
     * The first construct of an RE2-valid pattern that java.util.regex also accepts but reads
     * otherwise, else null: an unescaped {@code [} inside a class (RE2: the character, or a POSIX
     * class {@code [:alpha:]}; Java: a nested class, and {@code [:alpha:]} is a set of five
     * characters), {@code &&} inside a class (Java: intersection), {@code \v} (RE2: the vertical tab;
     * Java: any vertical whitespace) and the flag {@code U} (RE2: ungreedy; Java: Unicode classes).
     * The differences the rules documentation lists ({@code .}, {@code \s}, {@code \b}, {@code (?i)}
     * beyond ASCII) are accepted.
     */
    static String divergent(String pattern) {
        boolean inClass = false;
        int classStart = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
            if (c == '\\') {
                if (next == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    i = end < 0 ? pattern.length() : end + 1;
                    continue;
                }
                if (next == 'v') {
                    return "\\v";
                }
                i++;
            } else if (inClass) {
                if (c == '[') {
                    return "[ inside a character class";
                }
                if (c == '&' && next == '&') {
                    return "&& inside a character class";
                }
                if (c == ']' && i > classStart) {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
                classStart = next == '^' ? i + 2 : i + 1;
                if (next == '^') {
                    i++;
                }
            } else if (c == '(' && next == '?') {
                int end = i + 2;
                while (end < pattern.length() && Character.isLetter(pattern.charAt(end)) || end < pattern.length()
                        && pattern.charAt(end) == '-') {
                    if (pattern.charAt(end) == 'U') {
                        return "the flag U";
                    }
                    end++;
                }
            }
        }
        return null;
    }

    /**
     * The deepest nesting of groups, counting every unescaped {@code (} outside a class (an upper bound):
     * text quoted by {@code \\Q...\\E} is skipped, so that a quoted {@code [} cannot make the groups
     * after it look like a class.
     */
    private static int nesting(String pattern) {
        int depth = 0;
        int deepest = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && !inClass && i + 1 < pattern.length() && pattern.charAt(i + 1) == 'Q') {
                int end = pattern.indexOf("\\E", i + 2);
                i = end < 0 ? pattern.length() : end + 1;
            } else if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return deepest;
    }

    /** Why {@code pattern} is refused (what is wrong, what is accepted), or empty when it is accepted. */
    static Optional<String> problem(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of(String.format("control character U+%04X in the pattern; write it as an escape"
                        + " such as \\\\x{7f}", (int) c));
            }
        }
        long bound = Math.max(1, pattern.length());
        Matcher count = COUNT.matcher(pattern);
        while (count.find() && bound <= MAX_PROGRAM) {
            long n = Long.parseLong(count.group(1));
            long m = count.group(2) == null || count.group(2).isEmpty() ? n : Long.parseLong(count.group(2));
            bound *= Math.max(1, Math.max(n, m));
        }
        if (bound > MAX_PROGRAM) {
            return Optional.of("pattern is too large: its length times its repetition counts is more than "
                    + MAX_PROGRAM + "; expected a short pattern with small counts such as [0-9]{4}");
        }
        if (nesting(pattern) > MAX_NESTING) {
            return Optional.of("groups nested deeper than " + MAX_NESTING + " levels; expected a pattern a few"
                    + " groups deep");
        }
        com.google.re2j.Pattern compiled;
        try {
            compiled = com.google.re2j.Pattern.compile(pattern);
        } catch (StackOverflowError e) {
            // RE2/J parses and compiles recursively; nesting() bounds the groups, this whatever else nests.
            return Optional.of("pattern nests too deeply to compile; expected a pattern a few groups deep");
        } catch (PatternSyntaxException e) {
            return Optional.of("pattern is not RE2 syntax: " + e.getDescription() + " ('" + e.getPattern()
                    + "'); matches uses RE2, which runs in linear time: no back-references (\\1), look-around"
                    + " ((?=, (?!, (?<=, (?<!), possessive (*+, ++) or atomic ((?>) groups");
        }
        String divergent = divergent(pattern);
        if (divergent != null) {
            return Optional.of(divergent + " means one thing to RE2 and another to java.util.regex (Drools' own"
                    + " matches, and what a reader of DRL expects), so the verdict would change silently; write"
                    + " it so that both agree: escape [ and & inside a class (\\[, \\&), spell a class out"
                    + " ([a-zA-Z] for [[:alpha:]]), \\x0B for a vertical tab, no (?U)");
        }
        if (compiled.programSize() > MAX_PROGRAM) {
            return Optional.of("pattern is too large: it compiles to " + compiled.programSize()
                    + " instructions; expected at most " + MAX_PROGRAM);
        }
        return Optional.empty();
    }
}
