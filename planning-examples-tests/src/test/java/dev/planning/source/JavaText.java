package dev.planning.source;

/**
 * Java source text read as what it is: comments, string and character literals and text blocks told
 * from code, with escapes skipped inside literals. One reading for the checks over this repository's
 * Java text: {@link JavaSourceHygiene} (imports and spelt-out names, in code only) and the
 * documentation tests' references in comments ({@code DocumentReferences}, which reads a line's
 * {@code //} comment). A comment or literal left open runs to the end of the text.
 */
public final class JavaText {

    private JavaText() {
    }

    /** The source with comments and literals blanked: every character but a line break becomes a space. */
    public static String code(String source) {
        return blank(source, true);
    }

    /** The source with its literals blanked and its comments kept, line breaks kept. */
    public static String withoutLiterals(String source) {
        return blank(source, false);
    }

    /**
     * Where a {@code //} comment starts in {@code text} (a line of Java), outside literals and block
     * comments; -1 when there is none.
     */
    public static int lineCommentStart(String text) {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("//", i)) {
                return i;
            }
            i = end(text, i);
        }
        return -1;
    }

    /** Blanks literals, and comments too when {@code comments}; keeps every line break so lines still count. */
    private static String blank(String source, boolean comments) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            int end = end(source, i);
            boolean comment = source.startsWith("//", i) || source.startsWith("/*", i);
            boolean literal = !comment && (source.charAt(i) == '"' || source.charAt(i) == '\'');
            for (int j = i; j < end; j++) {
                char c = source.charAt(j);
                out.append(c == '\n' || !literal && !(comment && comments) ? c : ' ');
            }
            i = end;
        }
        return out.toString();
    }

    /**
     * Where the part of {@code source} that starts at {@code i} ends: a comment or a literal opening
     * there ends after its close, any other character is a part of its own.
     */
    private static int end(String source, int i) {
        if (source.startsWith("//", i)) {
            int end = source.indexOf('\n', i);
            return end < 0 ? source.length() : end;
        }
        if (source.startsWith("/*", i)) {
            int end = source.indexOf("*/", i + 2);
            return end < 0 ? source.length() : end + 2;
        }
        if (source.startsWith("\"\"\"", i)) {
            return closing(source, i + 3, "\"\"\"");
        }
        char c = source.charAt(i);
        if (c == '"' || c == '\'') {
            return closing(source, i + 1, String.valueOf(c));
        }
        return i + 1;
    }

    /** Where a literal opened before {@code from} ends: after its closing {@code quote}, skipping escapes. */
    private static int closing(String source, int from, String quote) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return Math.min(i, source.length());
    }
}
