package dev.planning.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tests the documentation cites as evidence exist: every test class README.md and docs/*.md
 * name in code ({@code `SealingTest`}, {@code `CliJarIT`}, {@code `MutatedArtifactProperties`}) is a
 * source file of the repository, and every {@code `SomeTest.someMethod`} a method of it. A test
 * renamed or removed fails here until the document says what shows the claim now.
 *
 * <p>The pass-by-pass record under docs/benchmarks/ is left out (only docs/*.md are read): it is a
 * dated record of measurements, whose passes name the classes as they were then.
 */
class DocumentedTestsTest {

    /** The repository's directory (tests run in planning-examples). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern CITED =
            Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT|Properties))(?:\\.([a-z][A-Za-z0-9_]*))?(?=[`,( ])");

    static Stream<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            return Stream.concat(Stream.of(ROOT.resolve("README.md")),
                    docs.filter(p -> p.toString().endsWith(".md")).sorted().toList().stream());
        }
    }

    /**
     * Every Java source file under a {@code src} directory of the repository, by class name: a name
     * several modules use (an {@code InMemoryEventStoreContractTest} in two of them) keeps all its files.
     */
    static Map<String, List<Path>> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').matches("(.*/)?src/.*"))
                    .sorted()
                    .collect(Collectors.groupingBy(p -> p.getFileName().toString().replace(".java", "")));
        }
    }

    /** What is wrong with the tests a document cites, one line each. */
    static List<String> problems(Path root, Map<String, List<Path>> sources, Path document) {
        List<String> problems = new ArrayList<>();
        List<String> lines = lines(document);
        String name = root.relativize(document).toString().replace('\\', '/');
        for (int i = 0; i < lines.size(); i++) {
            Matcher cited = CITED.matcher(lines.get(i));
            while (cited.find()) {
                List<Path> sameName = sources.get(cited.group(1));
                if (sameName == null) {
                    problems.add(name + ":" + (i + 1) + ": no test class " + cited.group(1));
                } else if (cited.group(2) != null && sameName.stream().noneMatch(source -> declares(source, cited.group(2)))) {
                    problems.add(name + ":" + (i + 1) + ": " + cited.group(1) + " has no method " + cited.group(2));
                }
            }
        }
        return problems;
    }

    private static boolean declares(Path source, String method) {
        return Pattern.compile("\\b" + method + "\\s*\\(").matcher(String.join("\n", lines(source))).find();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyTestADocumentCitesExists(Path document) throws IOException {
        assertThat(problems(ROOT, sources(ROOT), document)).isEmpty();
    }

    @Test
    void theReadmeCitesTestsAndTheyAreFound() throws IOException {
        Map<String, List<Path>> sources = sources(ROOT);
        assertThat(sources).containsKeys("DocumentationLinksTest", "CliJarIT", "EmbeddingExample");
        assertThat(String.join("\n", lines(ROOT.resolve("README.md")))).contains("`PublicSurfaceTest`");
    }

    @Test
    void findsAMissingClassAndAMissingMethod(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("m/src/test/java/x"));
        Files.writeString(dir.resolve("m/src/test/java/x/RealTest.java"),
                "class RealTest { @Test void holds() {} }\n", StandardCharsets.UTF_8);
        Path doc = Files.writeString(dir.resolve("README.md"), String.join("\n",
                "Shown by `RealTest`, `RealTest.holds` and `RealTest.holds`, (`RealTest.gone`),",
                "and by `GoneTest`, `GoneIT`; not a test: `Realty`, `RealTestKit`.",
                ""), StandardCharsets.UTF_8);

        assertThat(problems(dir, sources(dir), doc)).containsExactly(
                "README.md:1: RealTest has no method gone",
                "README.md:2: no test class GoneTest",
                "README.md:2: no test class GoneIT");
    }

    @Test
    void findsAMethodOnEitherOfTwoClassesOfOneName(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a/src/test/java/x"));
        Files.createDirectories(dir.resolve("b/src/test/java/x"));
        Files.writeString(dir.resolve("a/src/test/java/x/TwinTest.java"),
                "class TwinTest { @Test void inA() {} }\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b/src/test/java/x/TwinTest.java"),
                "class TwinTest { @Test void inB() {} }\n", StandardCharsets.UTF_8);
        Path doc = Files.writeString(dir.resolve("README.md"),
                "Shown by `TwinTest.inA`, `TwinTest.inB` and `TwinTest.inC`.\n", StandardCharsets.UTF_8);

        assertThat(problems(dir, sources(dir), doc)).containsExactly("README.md:1: TwinTest has no method inC");
    }
}
