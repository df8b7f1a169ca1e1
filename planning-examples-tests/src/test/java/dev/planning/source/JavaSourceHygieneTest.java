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
 * them out, and hold no unused import ({@link JavaSourceHygiene}).
 */
class JavaSourceHygieneTest {

    /** The repository's directory (tests run with this module's directory as the working directory). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyJavaSourceImportsTheJavaUtilTypesItUsesAndNothingElse() throws IOException {
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
