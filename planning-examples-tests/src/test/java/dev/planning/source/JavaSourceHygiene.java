package dev.planning.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three habits of a Java source file that the compiler's {@code -Xlint} does not check: a
 * {@code java.util} type spelt out in code where an import belongs, an import nothing in the
 * file names (code or Javadoc), and imports out of order or repeated. Comments, string and character literals and text blocks are read as
 * what they are ({@link JavaText}), so a name inside them is neither a use of an import nor a spelt-out name.
 */
final class JavaSourceHygiene {

    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(static\\s+)?([\\w.]+)\\.(\\w+|\\*)\\s*;");
    private static final Pattern SPELT_OUT = Pattern.compile("(?<![\\w.])java\\.util\\.(?:[a-z]\\w*\\.)*[A-Z]\\w*");

    private JavaSourceHygiene() {
    }

    /** What the file {@code name} with the text {@code source} does of the two, one line each; empty when neither. */
    static List<String> problems(String name, String source) {
        String code = JavaText.code(source);
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
        String withoutImports = IMPORT.matcher(JavaText.withoutLiterals(source)).replaceAll("");
        Matcher imported = IMPORT.matcher(code);
        while (imported.find()) {
            String simple = imported.group(3);
            if (!simple.equals("*") && !Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(withoutImports).find()) {
                problems.add(name + ":" + line(code, imported.start()) + ": unused import " + imported.group(2) + "." + simple);
            }
        }
        problems.addAll(importOrder(name, code));
        return problems;
    }

    /**
     * Imports out of the one order the sources keep (fold26): static imports first, then the others, each group sorted
     * by the characters of the names (upper case before lower, as a formatter sorts them), none twice. One line for each
     * import that stands after one it should precede, or repeats one.
     */
    private static List<String> importOrder(String name, String code) {
        List<String> problems = new ArrayList<>();
        Matcher imported = IMPORT.matcher(code);
        String previous = null;
        while (imported.find()) {
            String current = (imported.group(1) == null ? "1 " : "0 ") + imported.group(2) + "." + imported.group(3);
            String shown = (imported.group(1) == null ? "" : "static ") + imported.group(2) + "." + imported.group(3);
            if (previous != null && current.compareTo(previous) < 0) {
                problems.add(name + ":" + line(code, imported.start()) + ": import " + shown + " out of order (static"
                        + " imports first, then the others, each group sorted)");
            } else if (current.equals(previous)) {
                problems.add(name + ":" + line(code, imported.start()) + ": import " + shown + " twice");
            }
            if (previous == null || current.compareTo(previous) > 0) {
                previous = current;
            }
        }
        return problems;
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
