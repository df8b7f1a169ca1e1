package dev.planning.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.Doclint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
     * checked the same way in that module ({@code StoreJavadocTest}, with the same {@link Doclint}).
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
        return Doclint.problems(output, Doclint.sourcesUnder(sourceTrees));
    }

    @Test
    void theApiAndTheTestKitHaveCompleteJavadoc(@TempDir Path output) throws IOException {
        assertThat(doclint(output, ROOT.resolve("planning-api/src/main/java"), ROOT.resolve("planning-testkit/src/main/java")))
                .isEmpty();
    }

    @Test
    void theExportedPackagesOfTheEngineRulesAndReportHaveCompleteJavadoc(@TempDir Path output) throws IOException {
        List<Path> sources = Doclint.sourcesIn(EXPORTED_PACKAGES.stream().map(ROOT::resolve).toList());
        assertThat(sources).hasSizeGreaterThan(40);

        assertThat(Doclint.problems(output, sources)).isEmpty();
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
