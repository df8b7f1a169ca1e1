package dev.planning.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three habits of a Java source file that the compiler's {@code -Xlint} does not check: a type of
 * {@code java.util}, {@code java.io}, {@code java.nio.file}, {@code java.nio.charset}, {@code java.time},
 * {@code java.security}, {@code java.sql}, {@code java.net} or a {@code javax} package (or of a package below one)
 * spelt out in code where an import belongs, an import nothing in the file names (code or
 * Javadoc), and imports out of order or repeated. A name spelt out stays allowed where its simple name would clash:
 * another type of that simple name imported, declared in the file, or of the file's package, or another of the
 * checked types of that simple name spelt out too. Comments, string and character literals and text blocks are
 * read as what they are ({@link JavaText}), so a name inside them is neither a use of an import nor a spelt-out
 * name.
 */
final class JavaSourceHygiene {

    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(static\\s+)?([\\w.]+)\\.(\\w+|\\*)\\s*;");
    private static final Pattern SPELT_OUT = Pattern.compile(
            "(?<![\\w.])(?:java\\.(?:util|io|nio\\.file|nio\\.charset|time|security|sql|net)|javax\\.[a-z]\\w*)\\."
                    + "(?:[a-z]\\w*\\.)*[A-Z]\\w*");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    /** A type the file declares, top-level or nested (an annotation type's {@code @interface} included). */
    private static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");

    private JavaSourceHygiene() {
    }

    /** {@link #problems(String, String, Set)} of a file whose package has no type of a name it spells out. */
    static List<String> problems(String name, String source) {
        return problems(name, source, Set.of());
    }

    /**
     * What the file {@code name} with the text {@code source} does of the three, one line each; empty when none.
     * {@code packageTypes}: the simple names of the top-level types of the file's package, in any source directory
     * (an import of one of those names would shadow the package's type).
     */
    static List<String> problems(String name, String source, Set<String> packageTypes) {
        String code = JavaText.code(source);
        List<String> problems = new ArrayList<>();
        List<MatchResult> spelt = new ArrayList<>();
        Matcher found = SPELT_OUT.matcher(code);
        while (found.find()) {
            int lineStart = code.lastIndexOf('\n', found.start()) + 1;
            if (!code.startsWith("import", lineStart) && !code.startsWith("package", lineStart)) {
                spelt.add(found.toMatchResult());
            }
        }
        Set<String> clashing = clashing(code, packageTypes, spelt);
        for (MatchResult qualified : spelt) {
            if (!clashing.contains(qualified.group())) {
                problems.add(name + ":" + line(code, qualified.start()) + ": " + qualified.group()
                        + " spelt out; import it");
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
     * The names of {@code spelt} (qualified names spelt out in {@code code}) that an import would not do for: their
     * simple name is also that of another type imported (single-type or static), declared in the file, or of
     * {@code packageTypes}, or of another name of {@code spelt}.
     */
    private static Set<String> clashing(String code, Set<String> packageTypes, List<MatchResult> spelt) {
        Map<String, Set<String>> bySimpleName = new HashMap<>();
        Matcher imported = IMPORT.matcher(code);
        while (imported.find()) {
            bySimpleName.computeIfAbsent(imported.group(3), k -> new HashSet<>())
                    .add(imported.group(2) + "." + imported.group(3));
        }
        for (MatchResult qualified : spelt) {
            bySimpleName.computeIfAbsent(simpleName(qualified.group()), k -> new HashSet<>()).add(qualified.group());
        }
        Set<String> declared = new HashSet<>(packageTypes);
        Matcher type = DECLARED.matcher(code);
        while (type.find()) {
            declared.add(type.group(1));
        }
        Set<String> clashing = new HashSet<>();
        for (MatchResult qualified : spelt) {
            String simple = simpleName(qualified.group());
            if (declared.contains(simple) || bySimpleName.get(simple).size() > 1) {
                clashing.add(qualified.group());
            }
        }
        return clashing;
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** The package {@code source} declares; empty for the unnamed package. */
    static String packageName(String source) {
        Matcher declared = PACKAGE.matcher(JavaText.code(source));
        return declared.find() ? declared.group(1) : "";
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
