package dev.planning.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Javadoc of what users compile against, {@code planning-api} and {@code planning-testkit}, and
 * the exported packages of the engine, the rules and the report ({@link #EXPORTED_PACKAGES}), is
 * complete and well-formed: the JDK's doclint, every group ({@code -Xdoclint:all/protected}: missing
 * comments, {@code @param} and {@code @return}; syntax, HTML, references), finds nothing in their
 * sources, as {@code javadoc} would report them. It runs here, beside the CLI's tests in the
 * fast set, rather than in the test kit, whose tests every later module waits for.
 */
class PublicJavadocTest {

    /** The repository's directory (tests run in planning-examples). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /**
     * The exported packages, other than the API's and the test kit's, that an embedder compiles
     * against: each module's packages that are not {@code internal} (the engine's {@code internal}
     * packages are exported only to the project's own modules, and marked {@code @API(INTERNAL)}).
     * {@code planning-store-postgres}'s, whose libraries are not on this module's class path, is
     * checked the same way in that module ({@code StoreJavadocTest}).
     */
    static final List<String> EXPORTED_PACKAGES = List.of(
            "planning-engine/src/main/java/dev/planning/engine",
            "planning-rules/src/main/java/dev/planning/rules",
            "planning-rules/src/main/java/dev/planning/rules/facts",
            "planning-rules/src/main/java/dev/planning/rules/impact",
            "planning-rules/src/main/java/dev/planning/rules/testkit",
            "planning-report/src/main/java/dev/planning/report");

    /** What doclint reports for these source trees, one line each; empty when nothing. */
    static List<String> doclint(Path output, Path... sourceTrees) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (Path tree : sourceTrees) {
            try (Stream<Path> files = Files.walk(tree)) {
                files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        return doclint(output, sources);
    }

    /**
     * What doclint reports for these source files, one line each; empty when nothing. The other
     * classes they use are read from this JVM's class path, and reported on only where these files
     * refer to them wrongly.
     */
    static List<String> doclint(Path output, List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "-Xdoclint:all/protected", "-Xmaxwarns", "10000",
                    "-encoding", "UTF-8", "-d", output.toString(), "-classpath", System.getProperty("java.class.path"));
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        }
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.NOTE) {
                String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName().toString();
                problems.add(file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        return problems;
    }

    @Test
    void theApiAndTheTestKitHaveCompleteJavadoc(@TempDir Path output) throws IOException {
        assertThat(doclint(output, ROOT.resolve("planning-api/src/main/java"), ROOT.resolve("planning-testkit/src/main/java")))
                .isEmpty();
    }

    @Test
    void theExportedPackagesOfTheEngineRulesAndReportHaveCompleteJavadoc(@TempDir Path output) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String pkg : EXPORTED_PACKAGES) {
            try (Stream<Path> files = Files.list(ROOT.resolve(pkg))) {
                files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        assertThat(sources).hasSizeGreaterThan(40);

        assertThat(doclint(output, sources)).isEmpty();
    }

    @Test
    void anUndocumentedParameterOrReturnValueAndABrokenLinkAreFound(@TempDir Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/x"));
        Files.writeString(sources.resolve("Shown.java"), String.join("\n",
                "package x;",
                "/** A type. */",
                "public final class Shown {",
                "    private Shown() {",
                "    }",
                "    /** Adds one. */",
                "    public static int next(int n) {",
                "        return n + 1;",
                "    }",
                "    /**",
                "     * See {@link #nowhere()}.",
                "     *",
                "     * @return nothing much",
                "     */",
                "    public static int twice() {",
                "        return 2;",
                "    }",
                "    static int hidden(int n) {",
                "        return n;",
                "    }",
                "}",
                ""), StandardCharsets.UTF_8);

        List<String> problems = doclint(Files.createDirectories(dir.resolve("out")), dir.resolve("src"));

        assertThat(problems).anyMatch(p -> p.startsWith("Shown.java:7:") && p.contains("no @param for n"));
        assertThat(problems).anyMatch(p -> p.startsWith("Shown.java:7:") && p.contains("no @return"));
        assertThat(problems).anyMatch(p -> p.startsWith("Shown.java:11:") && p.contains("reference not found"));
        assertThat(problems).noneMatch(p -> p.startsWith("Shown.java:18:"));
    }
}
