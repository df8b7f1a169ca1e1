package dev.planning.rules.internal.drools;

/**
 * Walks the text of a constraint or a consequence one character at a time, stepping over its string and
 * character literals as Java reads them: a literal opens at {@code "} or {@code '}, a backslash escapes the
 * character after it, and the literal ends at its own quote or at the end of the text. The checks that read
 * such text ({@link LinearMatches#hasComment}, {@link LinearMatches#backtracks}, the policy language's count of
 * operators) look only at what is outside the literals; what a comment is, is each caller's to say.
 */
final class CodeScanner {

    private final String text;
    private int position;

    CodeScanner(String text) {
        this.text = text;
    }

    /** The index of the next character outside a literal, or -1 past the end of the text. */
    int next() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '"' || c == '\'') {
                position = afterLiteral(position);
            } else {
                return position++;
            }
        }
        return -1;
    }

    /** Goes on from {@code index} (after a word or a comment the caller has read); never back, never past the end. */
    void skipTo(int index) {
        position = Math.max(position, Math.min(index, text.length()));
    }

    /** The index after the literal that opens at {@code open}: after its closing quote, or the text's end. */
    private int afterLiteral(int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return text.length();
    }
}
