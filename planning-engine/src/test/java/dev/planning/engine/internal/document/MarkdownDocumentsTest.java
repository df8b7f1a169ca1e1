package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.DocumentException;
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

    /**
     * Fourth review of 2026-12-03: commonmark's inline parsing takes time quadratic in a body of
     * unclosed tags ({@code <a <a <a ...}): 40,000 of them (120 KB) made {@code lint} take 44 s,
     * 100,000 ran past a minute, and the 8 MiB a story map may hold would take hours; every command
     * that reads the story map (lint, the gates, digest, report) hung on it; block parsing of 100,000
     * nested list markers took 44 s. Only the front matter block is used, so the body is no longer
     * parsed at all.
     */
    @Test
    void aBodyOfUnclosedTagsOrNestedListsIsNotParsedAndIsKeptAsItIs() {
        String body = "<a ".repeat(1_000_000) + "\n" + "[a](".repeat(200_000) + "\n" + "- ".repeat(1_000_000) + "x\n";
        MarkdownDocument doc = parse("---\nversion: \"1\"\ntitle: T\n---\n" + body);

        assertThat(doc.body()).isEqualTo(body);
        assertThat(MarkdownDocuments.PARSER.parse("a *b* <c> [d](e)").getFirstChild().getFirstChild())
                .as("no inline node is made").isNull();
    }

    @Test
    void theFrontMatterEndsWhereCommonmarkEndsItWhateverTheLineEnds() {
        assertThat(MarkdownDocuments.frontMatterPart("---\ra: 1\r\n--- x\n- - - y\n")).isEqualTo("---\ra: 1\r\n--- x");
        assertThat(MarkdownDocuments.frontMatterPart("---\na: |\n  ---\n...\nbody")).isEqualTo("---\na: |\n  ---\n...");
        assertThat(MarkdownDocuments.frontMatterPart("# title\n---\n- - x")).isEqualTo("# title");
        assertThat(MarkdownDocuments.frontMatterPart("---\na: 1\n")).isEqualTo("---\na: 1\n");
        assertThat(parse("---\r\nversion: \"1\"\r\n---\r\n- - body\r\n").body()).isEqualTo("- - body\r\n");
    }

    /**
     * Found by the sixteenth review: front matter closed by YAML's document end {@code ...}, then an
     * indented {@code - {id: S-CHECKOUT-4, ...}} and {@code ---}: the raw file reads as one more story of
     * the map, which parity never saw (it went to the body), so a story without a task passed
     * {@code parity_coverage}. Only {@code ---} closes the front matter now.
     */
    @Test
    void refusesFrontMatterClosedByTheDocumentEndMarker() {
        for (String text : new String[] {"---\nversion: \"1\"\n...\n  - {id: S-4}\n---\n# Body\n",
                "---\r\nversion: \"1\"\r\n...\r\n- - body\r\n"}) {
            assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(DocumentException.class, e -> {
                assertThat(e.code()).isEqualTo(DocumentException.FRONT_MATTER);
                assertThat(e.location()).contains(new SourceLocation(FILE, 3, 1));
            }).hasMessageContaining("close it with a line `---`");
        }
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

    /** errors19: a character YAML does not allow in the front matter, at its line of the Markdown file. */
    @Test
    void aControlCharacterInTheFrontMatterIsNamedAtItsLineOfTheFile() {
        assertThatThrownBy(() -> MarkdownDocuments.parse("---\nid: a\ntitle: b\u0000c\n---\n# Body\n"
                .getBytes(StandardCharsets.UTF_8), "story.md"))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("malformed YAML: the control character \\u0000 is not allowed in a YAML file")
                .satisfies(e -> assertThat(((DocumentException) e).location())
                        .contains(new SourceLocation("story.md", 3, 9)));
    }
}
