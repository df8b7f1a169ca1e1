package dev.planning.rules.drools;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The restricted rule mode: a rulebook is code (DRL consequences are Java/MVEL), so before a DRL
 * file is compiled it must stay within what a governance policy needs.
 *
 * <p>Refused, each with the file, line and column: a DRL file over {@link #MAX_DRL_BYTES}; an
 * {@code import} or {@code global} of a type outside the allow-list ({@code dev.planning.rules.facts},
 * {@code java.util} collections and a few {@code java.lang} value types); {@code function} blocks and
 * {@code import function} (arbitrary Java methods); and, anywhere in the code outside comments and
 * string literals, names that reach the process, the file system, the network, threads or
 * reflection ({@code System}, {@code Runtime}, {@code ProcessBuilder}, {@code Thread},
 * {@code Class}, {@code ClassLoader}, {@code getClass}, {@code forName}) or any fully qualified name
 * outside the allowed packages ({@code java.io.File}, {@code javax...}, {@code org...}).
 *
 * <p>This is a lint over the source, not a sandbox: it closes the obvious doors (and every
 * accidental one) while the rulebook hash pinned in every event and manifest says which code ran.
 * A rulebook author who needs more sets {@code -Dplanning.rules.mode=trusted} (see docs/SECURITY.md).
 */
final class RestrictedRules {

    /** The largest DRL file accepted, in bytes (1 MiB): the default rulebook's files are a few KiB. */
    static final int MAX_DRL_BYTES = 1024 * 1024;

    /** System property that turns the restricted mode off ({@code trusted}); default {@code restricted}. */
    static final String MODE_PROPERTY = "planning.rules.mode";

    private static final String FACTS = "dev.planning.rules.facts.";
    private static final Set<String> ALLOWED_TYPES = Set.of(
            "java.util.List", "java.util.Set", "java.util.Map", "java.util.Collection", "java.util.Objects",
            "java.util.Optional", "java.util.ArrayList", "java.util.HashMap", "java.util.HashSet",
            "java.util.Collections", "java.lang.String", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Boolean", "java.lang.Math", "java.time.LocalDate", "java.time.Instant",
            "java.time.Duration");

    // Names that reach outside a policy's business: the process, threads, class loading, reflection.
    private static final Pattern FORBIDDEN_NAME = Pattern.compile(
            "(?<![\\w.$])(System|Runtime|ProcessBuilder|ProcessHandle|Thread|ThreadGroup|Class|ClassLoader"
                    + "|SecurityManager|StackWalker|ModuleLayer)(?![\\w$])|(?<![\\w$])(getClass|forName|exec"
                    + "|getRuntime|setAccessible|newInstance|getDeclaredMethod|getMethod|invoke)(?=\\s*\\()");
    // A fully qualified name: a lower-case root package followed by more segments.
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.$])(java|javax|jdk|sun|com|org|net|io|dev)\\s*\\.\\s*[a-z][\\w]*(\\s*\\.\\s*[\\w$*]+)*");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+[\\w.]+\\s*;?");

    private RestrictedRules() {
    }

    /** Whether the restricted mode is on (it is unless {@code -Dplanning.rules.mode=trusted}). */
    static boolean enabled() {
        return !"trusted".equalsIgnoreCase(System.getProperty(MODE_PROPERTY, "restricted"));
    }

    /** Refuses a DRL file that leaves the restricted mode; returns normally otherwise. */
    static void check(String file, byte[] content) {
        requireSize(file, content.length);
        if (!enabled()) {
            return;
        }
        String text = new String(content, StandardCharsets.UTF_8);
        checkDeclarations(file, text);
        checkCode(file, text);
    }

    /** Refuses a DRL file over {@link #MAX_DRL_BYTES}, in either mode: nobody writes a policy that long. */
    static void requireSize(String file, long bytes) {
        if (bytes > MAX_DRL_BYTES) {
            throw new InvalidInputException("rule file is " + bytes + " bytes; DRL files are limited to "
                    + MAX_DRL_BYTES + " bytes (1 MiB)", SourceLocation.ofFile(file));
        }
    }

    private static void checkDeclarations(String file, String text) {
        PackageDescr pkg;
        try {
            pkg = new DrlParser().parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            return; // a file that does not parse is reported, located, by the compiler
        } catch (StackOverflowError e) {
            throw RulebookCompiler.tooDeep(file);
        }
        if (pkg == null) {
            return;
        }
        for (var imported : pkg.getImports()) {
            String target = imported.getTarget();
            if (!allowedType(target)) {
                throw refuse(file, imported, "import " + target + " is outside the restricted rule mode's allow-list ("
                        + FACTS + "*, java.util collections, java.lang value types)");
            }
        }
        for (var global : pkg.getGlobals()) {
            if (!allowedType(global.getType()) && !allowedType("java.lang." + global.getType())
                    && !allowedType("java.util." + global.getType())) {
                throw refuse(file, global, "global " + global.getIdentifier() + " of type " + global.getType()
                        + " is outside the restricted rule mode's allow-list");
            }
        }
        if (!pkg.getFunctions().isEmpty()) {
            throw refuse(file, pkg.getFunctions().get(0), "function " + pkg.getFunctions().get(0).getName()
                    + " is refused in the restricted rule mode; expected conditions and consequences over the facts only");
        }
        if (!pkg.getFunctionImports().isEmpty()) {
            throw refuse(file, pkg.getFunctionImports().get(0), "import function is refused in the restricted rule mode");
        }
    }

    private static boolean allowedType(String target) {
        String name = target == null ? "" : target.strip();
        return name.startsWith(FACTS) && name.indexOf('.', FACTS.length()) < 0 || ALLOWED_TYPES.contains(name)
                || !name.contains(".") && ALLOWED_TYPES.contains("java.lang." + name);
    }

    private static void checkCode(String file, String text) {
        // The package name is the rulebook's own namespace, not a reference to code elsewhere.
        Matcher pkg = PACKAGE.matcher(blankCommentsAndStrings(text));
        String code = pkg.find() ? blankRange(blankCommentsAndStrings(text), pkg.start(), pkg.end())
                : blankCommentsAndStrings(text);
        Matcher forbidden = FORBIDDEN_NAME.matcher(code);
        if (forbidden.find()) {
            String name = forbidden.group(1) != null ? forbidden.group(1) : forbidden.group(2);
            throw new InvalidInputException("'" + name + "' is refused in the restricted rule mode: a policy may not"
                    + " reach the process, threads, class loading or reflection", at(file, code, forbidden.start()));
        }
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            String name = qualified.group().replaceAll("\\s+", "");
            if (!allowedType(name) && !(name.startsWith(FACTS))) {
                throw new InvalidInputException("'" + name + "' is outside the restricted rule mode's allow-list ("
                        + FACTS + "*, java.util collections, java.lang value types)", at(file, code, qualified.start()));
            }
        }
    }

    /** The text with comments and string literals replaced by spaces, newlines kept so offsets still locate. */
    static String blankCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(text.length(), j + 1);
                blank(text, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String blankRange(String text, int from, int to) {
        StringBuilder out = new StringBuilder(text.substring(0, from));
        blank(text, from, to, out);
        return out.append(text, to, text.length()).toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(text.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    private static SourceLocation at(String file, String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < offset; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new SourceLocation(file, line, offset - lineStart + 1);
    }

    private static InvalidInputException refuse(String file, BaseDescr where, String message) {
        return new InvalidInputException(message, new SourceLocation(file, Math.max(0, where.getLine()),
                Math.max(0, where.getColumn()) + (where.getColumn() >= 0 ? 1 : 0)));
    }

    /** The allowed types, for documentation and tests. */
    static List<String> allowList() {
        return ALLOWED_TYPES.stream().sorted().toList();
    }
}
