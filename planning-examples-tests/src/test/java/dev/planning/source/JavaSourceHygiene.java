package dev.planning.source;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two habits of a Java source file that the compiler's {@code -Xlint} does not check: a
 * {@code java.util} type spelt out in code where an import belongs, and an import nothing in the
 * file names (code or Javadoc). Comments, string and character literals and text blocks are read as
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
