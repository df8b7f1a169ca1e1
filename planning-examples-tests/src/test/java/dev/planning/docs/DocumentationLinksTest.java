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
 * The repository's documentation (README.md and docs/*.md) links only to what is there: every
 * relative link names a file of the repository and every {@code #fragment} a heading of its target,
 * and no bare {@code www.} name turns into a link by itself.
 */
class DocumentationLinksTest {

    /** The repository's directory (tests run with this module's directory as the working directory). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Stream<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
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
                .contains("README.md", "docs/testing.md", "docs/BENCHMARKS.md");
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
    void anchorsAreGithubs() {
        assertThat(DocumentLinks.slug("The test sets: where the fast set's time goes"))
                .isEqualTo("the-test-sets-where-the-fast-sets-time-goes");
        assertThat(DocumentLinks.slug("The facts package (dev.planning.rules.facts)"))
                .isEqualTo("the-facts-package-devplanningrulesfacts");
        assertThat(DocumentLinks.slug("Writing a gate: what the context gives it"))
                .isEqualTo("writing-a-gate-what-the-context-gives-it");
    }
}
