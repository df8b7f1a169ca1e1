package dev.planning.engine.internal.digest;

import dev.planning.api.Printable;

/**
 * Plan-provided text made safe to place in the digest's Markdown, where it must render as the
 * text it is: every ASCII punctuation character that can start Markdown structure inline (links
 * and images, emphasis, code spans, raw HTML, entity references, autolinks, table cells, and
 * GitHub's {@code $...$} math, which could draw a green "PASSED" from a task title) is
 * backslash-escaped as CommonMark defines, a character that would start a block (a list item, a
 * heading, a quote) is escaped where the value begins, and line breaks become spaces so a value
 * stays on its line. Every other character {@link Printable} does not show as itself (an escape
 * sequence a terminal printing the file would act on, line and paragraph separators, bidirectional
 * controls, zero-width and other invisible characters) is written as {@code \u005cuXXXX}. A CommonMark renderer shows exactly the original
 * characters but those. A bare URL or {@code www.} name in plan text ({@code see https://evil.example/approve})
 * is not made a link by GitHub's autolinks: its {@code :} and {@code .} are escaped too. Letters, digits and
 * the punctuation that never starts inline structure ({@code - , ; / ? ' " ( ) @ % ^ =}) are kept as they
 * are, so the Markdown stays readable. An e-mail address is still linked: GitHub links it in the
 * rendered text, whatever its escapes.
 */
final class MarkdownText {

    /**
     * Punctuation that can open or close inline structure (GitHub's math too), or a table cell, anywhere in a
     * line; and {@code :} and {@code .}, on which GitHub's autolinks turn: its renderer (cmark-gfm) links
     * {@code https://...} where it meets the {@code :} and {@code www.} only where it reads a {@code .}
     * after {@code www}, so an escaped one is text.
     */
    private static final String INLINE = "\\`*_[]<>!|&~$:.";
    /** Characters that open a block (list item, heading, setext underline) where a value begins. */
    private static final String LEADING = "-+=#";

    private MarkdownText() {
    }

    /** {@code text} escaped for Markdown inline content (see the class comment). */
    static String escape(String text) {
        String flat = text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
        StringBuilder out = new StringBuilder(flat.length() + 8);
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if (c >= 0x80 || c < 0x20 && c != '\t' || c == 0x7f) {
                // An escape sequence, a bidirectional control, an invisible character: shown as its
                // escape, never acted on; other non-ASCII text (a letter, an emoji) as it is.
                int codePoint = flat.codePointAt(i);
                int units = Character.charCount(codePoint);
                if (Printable.shownAsItself(codePoint)) {
                    out.append(flat, i, i + units);
                } else {
                    Printable.escape(out, codePoint);
                }
                i += units - 1;
                continue;
            }
            if (INLINE.indexOf(c) >= 0 || i == 0 && LEADING.indexOf(c) >= 0 || orderedListMarker(flat, i)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A {@code .} or {@code )} right after the digits a value starts with ({@code 1. item}) opens an ordered list. */
    private static boolean orderedListMarker(String text, int i) {
        if (text.charAt(i) != '.' && text.charAt(i) != ')' || i == 0 || i > 9) {
            return false;
        }
        for (int j = 0; j < i; j++) {
            if (!Character.isDigit(text.charAt(j)) || text.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }
}
