package dev.planning.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two habits of a Java source file that the compiler's {@code -Xlint} does not check: a
 * {@code java.util} type spelt out in code where an import belongs, and an import nothing in the
 * file names (code or Javadoc). Comments, string and character literals and text blocks are read as
 * what they are, so a name inside them is neither a use of an import nor a spelt-out name.
 */
final class JavaSourceHygiene {

    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(static\\s+)?([\\w.]+)\\.(\\w+|\\*)\\s*;");
    private static final Pattern SPELT_OUT = Pattern.compile("(?<![\\w.])java\\.util\\.(?:[a-z]\\w*\\.)*[A-Z]\\w*");

    private JavaSourceHygiene() {
    }

    /** What the file {@code name} with the text {@code source} does of the two, one line each; empty when neither. */
    static List<String> problems(String name, String source) {
        String code = code(source);
        List<String> problems = new ArrayList<>();
        Matcher spelt = SPELT_OUT.matcher(code);
        while (spelt.find()) {
            int lineStart = code.lastIndexOf('\n', spelt.start()) + 1;
            if (!code.startsWith("import", lineStart) && !code.startsWith("package", lineStart)) {
                problems.add(name + ":" + line(code, spelt.start()) + ": " + spelt.group() + " spelt out; import it");
            }
        }
        // Javadoc names imported types too ({@link}, @throws), so an import counts as used when its
        // name appears anywhere outside the import lines but in string literals.
        String withoutImports = IMPORT.matcher(withoutLiterals(source)).replaceAll("");
        Matcher imported = IMPORT.matcher(code);
        while (imported.find()) {
            String simple = imported.group(3);
            if (!simple.equals("*") && !Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(withoutImports).find()) {
                problems.add(name + ":" + line(code, imported.start()) + ": unused import " + imported.group(2) + "." + simple);
            }
        }
        return problems;
    }

    /** The source with comments and literals blanked (line breaks kept). */
    static String code(String source) {
        return blank(source, true);
    }

    private static String withoutLiterals(String source) {
        return blank(source, false);
    }

    /** Blanks literals, and comments too when {@code comments}; keeps every line break so lines still count. */
    private static String blank(String source, boolean comments) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            int end;
            if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
                append(out, source, i, end, comments);
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                append(out, source, i, end, comments);
            } else if (source.startsWith("\"\"\"", i)) {
                end = closing(source, i + 3, "\"\"\"");
                append(out, source, i, end, true);
            } else if (c == '"' || c == '\'') {
                end = closing(source, i + 1, String.valueOf(c));
                append(out, source, i, end, true);
            } else {
                out.append(c);
                end = i + 1;
            }
            i = end;
        }
        return out.toString();
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
        return source.length();
    }

    private static void append(StringBuilder out, String source, int from, int to, boolean blank) {
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            out.append(!blank || c == '\n' ? c : ' ');
        }
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
