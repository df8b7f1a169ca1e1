package dev.planning.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's Java sources import the {@code java.util} types they use instead of spelling
 * them out, hold no unused import, and keep their imports in one order ({@link JavaSourceHygiene}).
 */
class JavaSourceHygieneTest {

    /** The repository's directory (tests run with this module's directory as the working directory). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyJavaSourceImportsTheJavaUtilTypesItUsesAndNothingElseInOrder() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> sources = sources();
        for (Path source : sources) {
            String name = ROOT.relativize(source).toString().replace('\\', '/');
            problems.addAll(JavaSourceHygiene.problems(name, Files.readString(source, StandardCharsets.UTF_8)));
        }
        assertThat(sources).hasSizeGreaterThan(500);
        assertThat(problems).isEmpty();
    }

    @Test
    void findsASpeltOutNameInCodeAndAnUnusedImport() {
        String source = String.join("\n",
                "package p;",
                "",
                "import java.util.List;",
                "import java.util.Set;",
                "",
                "class A {",
                "    List<String> a = new java.util.ArrayList<>();",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).containsExactly(
                "A.java:7: java.util.ArrayList spelt out; import it",
                "A.java:4: unused import java.util.Set");
    }

    @Test
    void namesInCommentsLiteralsAndTextBlocksAreNeitherSpeltOutNorUses() {
        String source = String.join("\n",
                "package p;",
                "",
                "import java.util.Map;",
                "import java.util.Optional;",
                "",
                "/** Reads a {@link Map}; see java.util.HashMap. */",
                "class A {",
                "    // java.util.TreeMap would sort",
                "    String s = \"java.util.List \\\" Optional\";",
                "    char q = '\"';",
                "    String t = \"\"\"",
                "        java.util.Set \"quoted\" Optional",
                "        \"\"\";",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).containsExactly("A.java:4: unused import java.util.Optional");
    }

    @Test
    void findsAnImportOutOfOrderAndOneRepeated() {
        String source = String.join("\n",
                "package p;",
                "",
                "import java.util.List;",
                "import static java.util.Objects.requireNonNull;",
                "import dev.planning.engine.internal.workspace.AtomicFiles;",
                "import dev.planning.engine.Planning;",
                "import java.util.List;",
                "import java.util.Map;",
                "",
                "class A {",
                "    List<Map<AtomicFiles, Planning>> a = requireNonNull(null);",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).containsExactly(
                "A.java:4: import static java.util.Objects.requireNonNull out of order (static imports first, then the"
                        + " others, each group sorted)",
                "A.java:5: import dev.planning.engine.internal.workspace.AtomicFiles out of order (static imports first,"
                        + " then the others, each group sorted)",
                "A.java:6: import dev.planning.engine.Planning out of order (static imports first, then the others,"
                        + " each group sorted)",
                "A.java:7: import java.util.List twice");
    }

    @Test
    void importsInTheSourcesOrderAreNoProblem() {
        String source = String.join("\n",
                "package p;",
                "",
                "import static org.assertj.core.api.Assertions.assertThat;",
                "import static org.junit.jupiter.api.Assertions.fail;",
                "",
                "import dev.planning.api.InvalidInputException;",
                "import dev.planning.api.artifact.Task;",
                "import java.util.List;",
                "import org.junit.jupiter.api.Test;",
                "",
                "class A {",
                "    @Test void t() { assertThat(List.<Task>of()).isEmpty(); fail(new InvalidInputException(\"x\", null)); }",
                "}");

        assertThat(JavaSourceHygiene.problems("A.java", source)).isEmpty();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        String relative = ROOT.relativize(p).toString().replace('\\', '/');
                        return relative.contains("/src/") && !relative.contains("/target/") && !relative.startsWith(".");
                    })
                    .sorted().toList();
        }
    }
}
