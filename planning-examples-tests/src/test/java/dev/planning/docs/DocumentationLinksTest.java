package dev.planning.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's documentation (README.md and every Markdown file under docs/, docs/benchmarks/
 * included) links only to what is there: every relative link names a file of the repository and
 * every {@code #fragment} a heading of its target, and no bare {@code www.} name turns into a link by
 * itself. And what the code's comments, the scripts and the documents' text name by path
 * ({@code docs/benchmarks/cold-start.md, "Cold start, ninth pass"}) is there too: the file, and a
 * heading beginning with the quoted title. So a section moved between files leaves no dead pointer.
 */
class DocumentationLinksTest {

    /** The repository's directory (tests run with this module's directory as the working directory). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            return Stream.concat(Stream.of(ROOT.resolve("README.md")),
                    docs.filter(p -> p.toString().endsWith(".md")).sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyRelativeLinkNamesAFileAndEveryFragmentAHeadingOfTheRepository(Path document) {
        assertThat(new DocumentLinks(ROOT).problems(document)).isEmpty();
    }

    @Test
    void theDocumentsAreFoundAndLinkToEachOther() throws IOException {
        assertThat(documents().map(p -> ROOT.relativize(p).toString().replace('\\', '/')))
                .contains("README.md", "docs/testing.md", "docs/BENCHMARKS.md", "docs/benchmarks/cold-start.md",
                        "docs/benchmarks/runs.md");
        assertThat(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8))
                .contains("](docs/testing.md#the-test-sets-where-the-fast-sets-time-goes)");
    }

    @Test
    void findsADeadLinkAMissingHeadingALinkOutOfTheRepositoryAndABareWwwName(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/other.md"), "# Other\n\n## The `store` command: PostgreSQL\n\n## Twice\n\n"
                + "## Twice\n", StandardCharsets.UTF_8);
        Path doc = Files.writeString(dir.resolve("README.md"), String.join("\n",
                "# Title",
                "",
                "[fine](docs/other.md#the-store-command-postgresql), [again](docs/other.md#twice-1),"
                        + " [here](#title), [web](https://www.example.org), `www.in-code.org`,"
                        + " [www.example.org](https://www.example.org), ![img](docs/other.md)",
                "",
                "[dead](docs/missing.md) and [no heading](docs/other.md#nowhere)",
                "",
                "[out](../outside.md) and www.example.org bare",
                "",
                "```",
                "[in a fence](docs/missing.md) www.fenced.org",
                "```",
                ""), StandardCharsets.UTF_8);

        List<String> problems = new DocumentLinks(dir).problems(doc);

        assertThat(problems).containsExactly(
                "README.md:5: no such file: docs/missing.md",
                "README.md:5: no such heading in docs/other.md: docs/other.md#nowhere",
                "README.md:7: link leaves the repository: ../outside.md",
                "README.md:7: bare www name becomes a link: www.example.org (write it as a link or in backquotes)");
    }

    @Test
    void aLinkFromASubdirectoryOfDocsToASectionThatMovedIsFound(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs/benchmarks"));
        Files.writeString(dir.resolve("docs/BENCHMARKS.md"), "# Benchmarks\n\n## Results\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("docs/benchmarks/cold-start.md"), "# Cold start\n\n## Cold start, second pass\n",
                StandardCharsets.UTF_8);
        Path doc = Files.writeString(dir.resolve("docs/benchmarks/runs.md"), String.join("\n",
                "# Runs",
                "",
                "[latest](../BENCHMARKS.md#results), [moved](cold-start.md#cold-start-second-pass)",
                "",
                "[where it was](../BENCHMARKS.md#cold-start-second-pass), [gone](cold-start.md#cold-start-first-pass)",
                ""), StandardCharsets.UTF_8);

        assertThat(new DocumentLinks(dir).problems(doc)).containsExactly(
                "docs/benchmarks/runs.md:5: no such heading in docs/BENCHMARKS.md: ../BENCHMARKS.md#cold-start-second-pass",
                "docs/benchmarks/runs.md:5: no such heading in docs/benchmarks/cold-start.md: cold-start.md#cold-start-first-pass");
    }

    @Test
    void everyDocumentTheSourcesNameIsThereWithTheSectionTheyQuote() throws IOException {
        DocumentReferences references = new DocumentReferences(ROOT);
        List<Path> files = references.files();

        assertThat(files.stream().map(p -> ROOT.relativize(p).toString().replace('\\', '/')))
                .contains("bin/planning", "bench/run.sh", "README.md", "docs/rules.md",
                        "planning-cli/src/main/java/dev/planning/cli/StartupWarmUp.java")
                .noneMatch(p -> p.startsWith("docs/benchmarks/") || p.contains("/target/"));
        assertThat(files.stream().flatMap(f -> references.problems(f).stream())).isEmpty();
    }

    @Test
    void findsAMissingDocumentAndASectionThatIsNotThereInCommentsScriptsAndProse(@TempDir Path dir)
            throws IOException {
        Files.createDirectories(dir.resolve("docs/benchmarks"));
        Files.createDirectories(dir.resolve("m/src/main/java/x"));
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("docs/benchmarks/cold-start.md"),
                "# Cold start\n\n## Cold start, eighth pass: `lint` without a knowledge base\n", StandardCharsets.UTF_8);
        Path java = Files.writeString(dir.resolve("m/src/main/java/x/A.java"), String.join("\n",
                "/**",
                " * Measured (docs/benchmarks/cold-start.md, \"Cold start, eighth",
                " * pass: lint without\"), and (docs/benchmarks/cold-start.md, \"Cold start, ninth pass\").",
                " */",
                "class A {",
                "    String fixture = \"docs/other.md\"; // see docs/GONE.md",
                "    // docs/benchmarks/cold-start.md \"Cold start, eighth pass\"",
                "}",
                ""), StandardCharsets.UTF_8);
        Path script = Files.writeString(dir.resolve("bin/planning"), String.join("\n",
                "#!/usr/bin/env bash",
                "# measured (docs/benchmarks/cold-start.md,",
                "# \"Cold start, tenth pass\").",
                "echo docs/nowhere.md",
                ""), StandardCharsets.UTF_8);
        Path readme = Files.writeString(dir.resolve("README.md"), String.join("\n",
                "Measured in docs/BENCHMARKS.md, \"Results\".",
                "",
                "```",
                "docs/fenced.md",
                "```",
                ""), StandardCharsets.UTF_8);

        DocumentReferences references = new DocumentReferences(dir);

        assertThat(references.files()).containsExactly(readme, script, java);
        assertThat(references.problems(java)).containsExactly(
                "m/src/main/java/x/A.java:1: no heading of docs/benchmarks/cold-start.md begins with \"Cold start, ninth pass\"",
                "m/src/main/java/x/A.java:6: no such document: docs/GONE.md");
        assertThat(references.problems(script)).containsExactly(
                "bin/planning:1: no heading of docs/benchmarks/cold-start.md begins with \"Cold start, tenth pass\"");
        assertThat(references.problems(readme)).containsExactly("README.md:1: no such document: docs/BENCHMARKS.md");
    }

    @Test
    void anchorsAreGithubs() {
        assertThat(DocumentLinks.slug("The test sets: where the fast set's time goes"))
                .isEqualTo("the-test-sets-where-the-fast-sets-time-goes");
        assertThat(DocumentLinks.slug("The facts package (dev.planning.rules.facts)"))
                .isEqualTo("the-facts-package-devplanningrulesfacts");
        assertThat(DocumentLinks.slug("Writing a gate: what the context gives it"))
                .isEqualTo("writing-a-gate-what-the-context-gives-it");
    }
}
