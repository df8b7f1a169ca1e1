package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.SourceLocation;
import dev.planning.engine.fixtures.Plans;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkdownDocumentsTest {

    private static final String FILE = "story_map.md";

    private static MarkdownDocument parse(String markdown) {
        return MarkdownDocuments.parse(markdown.getBytes(StandardCharsets.UTF_8), FILE);
    }

    @Test
    void splitsFrontMatterFromBodyWithLinesCountedInTheMarkdownFile() {
        MarkdownDocument doc = parse(Plans.FE_STORY_MAP);

        assertThat(doc.frontMatter().root().path("title").asText()).isEqualTo("Checkout journey");
        assertThat(doc.frontMatter().locate("/version")).isEqualTo(new SourceLocation(FILE, 2, 10));
        assertThat(doc.frontMatter().locate("/activities/0/stories/0/id"))
                .isEqualTo(new SourceLocation(FILE, 13, 14));
        assertThat(doc.body()).isEqualTo("# Checkout journey\nNarrative text...\n");
        assertThat(doc.bodyLine()).isEqualTo(15);
    }

    @Test
    void acceptsCrlfLineEnds() {
        MarkdownDocument doc = parse("---\r\nversion: \"1\"\r\ntitle: T\r\n---\r\n# Body\r\n");

        assertThat(doc.frontMatter().locate("/title")).isEqualTo(new SourceLocation(FILE, 3, 8));
        assertThat(doc.body()).isEqualTo("# Body\r\n");
    }

    @Test
    void refusesAFileWithoutFrontMatter() {
        assertThatThrownBy(() -> parse("# Story map\nno front matter\n"))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentException.FRONT_MATTER);
                    assertThat(e.location()).contains(new SourceLocation(FILE, 1, 1));
                })
                .hasMessageContaining("must start with a line `---`");
    }

    @Test
    void refusesUnterminatedFrontMatter() {
        assertThatThrownBy(() -> parse("---\nversion: \"1\"\n# Story map\ntext\n"))
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.code()).isEqualTo(DocumentException.FRONT_MATTER))
                .hasMessageContaining("never closed");
    }

    @Test
    void reportsYamlErrorsInsideFrontMatterAtTheMarkdownLine() {
        assertThatThrownBy(() -> parse("---\nversion: \"1\"\ntitle: a: b\n---\nbody\n"))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentException.YAML_SYNTAX);
                    assertThat(e.location()).contains(new SourceLocation(FILE, 3, 9));
                });
    }

    @Test
    void refusesEmptyFrontMatter() {
        assertThatThrownBy(() -> parse("---\n---\nbody\n"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("empty");
    }
}
