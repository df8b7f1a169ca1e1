package dev.planning.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Text from files a contributor writes (a plan's titles and references, a log's gate names), made
 * safe to show to people: the characters a terminal, a CI log or a text renderer acts on rather than
 * shows are written as {@code \u005cuXXXX}. Those are the control characters (C0, {@code DEL}, C1: the
 * escape sequences that colour, erase or hide text and move the cursor, a carriage return that
 * overwrites a line), the line and paragraph separators, and the bidirectional controls that make
 * text read otherwise than it is stored ("Trojan Source").
 *
 * <pre>{@code
 * Printable.line("FE-9\n\033[32mlint passed")   // FE-9\u005cu000A\u005cu001B[32mlint passed
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Printable {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Printable() {
    }

    /**
     * Whether a character is acted on rather than shown: C0 controls (line feed and tab included),
     * {@code DEL}, C1 controls, U+2028 and U+2029, and the bidirectional controls U+061C, U+200E,
     * U+200F, U+202A to U+202E and U+2066 to U+2069.
     *
     * @param c the character
     * @return whether a character is acted on rather than shown: C0 controls (line feed and tab included),
     *         {@code DEL}, C1 controls, U+2028 and U+2029, and the bidirectional controls U+061C, U+200E,
     *         U+200F, U+202A to U+202E and U+2066 to U+2069
     */
    public static boolean actedOn(char c) {
        if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
            return true;
        }
        return c >= '\u2028' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f'
                || c == '\u061c';
    }

    /**
     * The text on one line, every character {@link #actedOn acted on} written as {@code \u005cuXXXX};
     * the same string when there is none.
     *
     * @param text the text, never {@code null}
     * @return the text as it may be shown on one line, never {@code null}
     */
    public static String line(String text) {
        return shown(text, false);
    }

    /**
     * The text on the lines it has: as {@link #line}, but line feeds and tabs are kept (a message
     * that lists several problems one per line).
     *
     * @param text the text, never {@code null}
     * @return the text as it may be shown, never {@code null}
     */
    public static String lines(String text) {
        return shown(text, true);
    }

    private static String shown(String text, boolean keepLines) {
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escaped = actedOn(c) && !(keepLines && (c == '\n' || c == '\t'));
            if (escaped && shown == null) {
                shown = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped) {
                escape(shown, c);
            } else if (shown != null) {
                shown.append(c);
            }
        }
        return shown == null ? text : shown.toString();
    }

    /**
     * Appends {@code c} as {@code \u005cuXXXX} (upper-case hexadecimal digits).
     *
     * @param to where to append, never {@code null}
     * @param c the character
     */
    public static void escape(StringBuilder to, char c) {
        to.append('\\').append('u').append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }
}
