package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.Printable;
import dev.planning.engine.fixtures.GitHubMarkdown;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plan text escaped for the digest ({@link Printable#markdown}, which the command line's Markdown reports and the
 * SARIF rule help use too) renders, through a CommonMark parser, as exactly itself; an {@code @}, and a GitHub
 * reference to an issue or a commit, gains a zero-width space.
 */
class MarkdownTextTest {

    private static final Parser PARSER = Parser.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {
        "[x](javascript:alert(1))",
        "![i](http://x/y.png)",
        "<img src=x onerror=alert(1)>",
        "<http://evil.example/>",
        "`code` and ``more``",
        "*strong* _em_ ~~gone~~",
        "a | b | c",
        "&lt; &amp; &#60;",
        "\\[escaped\\] \\\\",
        "- not a list",
        "1. not a list",
        "# not a heading",
        "> not a quote",
        "[ref]: http://x",
        "line one\nline two",
        "$\\color{green}{\\textsf{all gates PASSED}}$",
    })
    void rendersAsTheTextItIs(String hostile) {
        Node document = PARSER.parse(Printable.markdown(hostile));

        assertThat(document.getFirstChild()).isInstanceOf(Paragraph.class);
        assertThat(document.getFirstChild().getNext()).isNull();
        assertThat(kindsOfInlineNodes(document.getFirstChild())).containsOnly(Text.class.getSimpleName());
        // A # before a digit (&#60;) gains a zero-width space, as a GitHub reference does.
        assertThat(text(document).replace("#\u200b", "#")).isEqualTo(Printable.line(hostile));
    }

    /**
     * A value that begins with blanks, where it begins a line (a digest list item, an embedder's
     * {@code "- " + markdown(title)}, a SARIF help paragraph), opens no block: up to three blanks
     * let a {@code #}, {@code -}, {@code +} or {@code 1)} after them open a heading, list or
     * thematic break, and four an indented code block.
     */
    @ParameterizedTest
    @ValueSource(strings = {"  # heading", "   - item", " + item", " 1) item", " --", "  ===", "    code",
        "\tcode", "\n# heading", "\r\n- item"})
    void aValueBeginningWithBlanksOpensNoBlockWhereItBeginsALine(String hostile) {
        String shown = hostile.replace("\r", "\\u000D").replace("\n", "\\u000A");
        Node alone = PARSER.parse(Printable.markdown(hostile));
        Node listItem = PARSER.parse("- " + Printable.markdown(hostile)).getFirstChild().getFirstChild();

        for (Node parent : List.of(alone, listItem)) {
            assertThat(parent.getFirstChild()).isInstanceOf(Paragraph.class);
            assertThat(parent.getFirstChild().getNext()).isNull();
            assertThat(kindsOfInlineNodes(parent.getFirstChild())).containsOnly(Text.class.getSimpleName());
            assertThat(text(parent)).isEqualTo(shown);
        }
    }

    /**
     * GitHub links a bare URL or {@code www.} name in text (its autolinks): from a plan, it would
     * look like a link the digest wrote. Escaped, it renders as text, unlinked; the same text
     * unescaped is linked, so the renderer is the one that would link it.
     */
    @ParameterizedTest
    @MethodSource("dev.planning.engine.fixtures.GitHubMarkdown#bareUrls")
    void aBareUrlInPlanTextIsNotLinkedByGitHub(String hostile) throws Exception {
        String markdown = Printable.markdown(hostile);

        assertThat(markdown).doesNotContainPattern("[^\\\\][:.]");
        assertThat(text(PARSER.parse(markdown))).isEqualTo(hostile);
        GitHubMarkdown.html(hostile).ifPresent(html -> assertThat(html).contains("<a href="));
        GitHubMarkdown.html(markdown).ifPresent(html -> assertThat(html).doesNotContain("<a").containsIgnoringCase("evil"));
    }

    /**
     * GitHub links an e-mail address and mentions a user or team in the rendered text, whatever its escapes: a
     * plan could notify people, or show a link, from a comment the tool posts. A zero-width space after every
     * {@code @} leaves no {@code @} followed by a name in the rendered text (GitHub's mentions need one right
     * after it), and cmark-gfm links no address; unescaped, it does.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mail a@evil.example to approve", "ask @security-team", "cc @org/team now",
        "mailto:a@evil.example", "@qa: approved", "x@y.example.org"})
    void anEmailAddressOrAMentionInPlanTextIsNeitherLinkedNorMentioned(String hostile) throws Exception {
        String markdown = Printable.markdown(hostile);

        assertThat(text(PARSER.parse(markdown))).isEqualTo(hostile.replace("@", "@\u200b"))
                .doesNotContainPattern("@[A-Za-z0-9]");
        GitHubMarkdown.html(hostile).ifPresent(html -> {
            if (hostile.matches(".*[a-z]@[a-z.]+\\.[a-z]+.*")) {
                assertThat(html).contains("<a href=\"mailto:");
            }
        });
        GitHubMarkdown.html(markdown).ifPresent(html -> assertThat(html).doesNotContain("<a")
                .doesNotContainPattern("@[A-Za-z0-9]"));
    }

    /**
     * GitHub links a reference to an issue or pull request ({@code #12}, {@code GH-12}, {@code owner/repo#12}) or
     * a commit (its SHA alone, {@code owner/repo@<sha>}) in the rendered text, whatever its escapes, and the
     * referenced issue of any public repository shows "mentioned this": spam from a comment the tool posts. A
     * zero-width space after the {@code #}, the {@code -} of {@code GH-} and a SHA's first character leaves no
     * such reference in the rendered text, which otherwise reads the same.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fixes #123", "#1 first", "see GH-45 and gh-7", "octo/repo#9 broke it",
        "octo-org/re.po#4039", "in octo/repo@a5c3785ed8d6a35868bc169f07e40e889087fd2e",
        "a5c3785ed8d6a35868bc169f07e40e889087fd2e", "(A5C3785ED8D6A35868BC169F07E40E889087FD2E)"})
    void aGitHubReferenceInPlanTextIsNeitherLinkedNorMentioned(String hostile) throws Exception {
        String markdown = Printable.markdown(hostile);
        String rendered = text(PARSER.parse(markdown));

        assertThat(rendered.replace("\u200b", "")).isEqualTo(hostile);
        assertThat(rendered).doesNotContainPattern("#[0-9]").doesNotContainPattern("(?i)gh-[0-9]")
                .doesNotContainPattern("(?i)(^|[^0-9a-z_])[0-9a-f]{40}($|[^0-9a-z_])");
        GitHubMarkdown.html(markdown).ifPresent(html -> {
            assertThat(html).doesNotContain("<a").doesNotContainPattern("#[0-9]").doesNotContainPattern("(?i)gh-[0-9]")
                    .doesNotContainPattern("(?i)(^|[^0-9a-z_])[0-9a-f]{40}($|[^0-9a-z_])");
            assertThat(html.replace("\u200b", "")).isEqualTo("<p>" + hostile + "</p>\n");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"C# 10", "issue#", "GH-x", "sha256 " + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "a5c3785ed8d6a35868bc169f07e40e889087fd2", "a5c3785ed8d6a35868bc169f07e40e889087fd2e0", "x_a5c3785ed8d6a35868bc169f07e40e889087fd2e"})
    void textThatIsNoGitHubReferenceIsLeftAsItIs(String plain) {
        assertThat(Printable.markdown(plain)).doesNotContain("&#8203;");
    }

    /** Text40: a line break was one space, so a value's line break did not show; it shows as on one line. */
    @Test
    void aLineBreakOfAnyKindShowsAsItsEscapeAsOnOneLine() {
        assertThat(Printable.markdown("a\r\nb\rc\nd")).isEqualTo("a\\u000D\\u000Ab\\u000Dc\\u000Ad")
                .isEqualTo(Printable.line("a\r\nb\rc\nd"));
        assertThat(text(PARSER.parse(Printable.markdown("a\nb")))).isEqualTo("a\\u000Ab");
    }

    @Test
    void aTitleCannotWriteEscapeSequencesOrBidiControlsIntoTheDigest() {
        // Fourth review of 2026-12-03: they passed into the digest file as they were (shown by a
        // terminal that prints the file, reordering a line where a renderer shows it).
        assertThat(Printable.markdown("a\u001b[8mb\u202ec\u009b\u2028d\te"))
                .isEqualTo("a\\u001B\\[8mb\\u202Ec\\u009B\\u2028d\te");
    }

    @Test
    void invisibleCharactersAreShownAsEscapesAndLettersAndEmojiAsThemselves() {
        // Fifth review of 2026-12-03: zero-width and other format characters, tag characters and
        // variation selectors passed into the digest: a title could hide text in it.
        assertThat(Printable.markdown("a\u200bb\ufeffc\udb40\udc41d\ufe0fe\u3164f \u00e9\ud83d\ude00"))
                .isEqualTo("a\\u200Bb\\uFEFFc\\uDB40\\uDC41d\\uFE0Fe\\u3164f \u00e9\ud83d\ude00");
    }

    /** Punctuation that starts no structure stays as it is; {@code :} and {@code .} are escaped for GitHub's autolinks. */
    @Test
    void keepsCommonPunctuationReadable() {
        assertThat(Printable.markdown("FE-12: Ship the form (v2), 50% done; see docs/a.md?"))
                .isEqualTo("FE-12\\: Ship the form (v2), 50% done; see docs/a\\.md?");
    }

    @Test
    void aDollarCannotOpenMathWhereGitHubRendersTheDigest() {
        // GitHub renders $...$ in a Markdown file as math: a task title could show a green
        // "PASSED" in the published digest. An escaped dollar is a literal one there too.
        assertThat(Printable.markdown("$\\color{green}{\\textsf{PASSED}}$ costs $5"))
                .isEqualTo("\\$\\\\color{green}{\\\\textsf{PASSED}}\\$ costs \\$5");
    }

    @Test
    void aPipeCannotAddATableCell() {
        String row = "| " + Printable.markdown("a | b") + " | c |";

        assertThat(row.split("(?<!\\\\)\\|", -1)).hasSize(4);
    }

    @Test
    void anAngleBracketTheRendererLeavesEscapedIsNotEncodedTwice() {
        assertThat(DigestRenderer.unescapedAngles(Printable.markdown("<b>"))).isEqualTo("\\<b\\>");
        assertThat(DigestRenderer.unescapedAngles("\\\\<b>")).isEqualTo("\\\\&lt;b>");
        assertThat(DigestRenderer.unescapedAngles("<b>")).isEqualTo("&lt;b>");
    }

    private static List<String> kindsOfInlineNodes(Node paragraph) {
        List<String> kinds = new ArrayList<>();
        for (Node n = paragraph.getFirstChild(); n != null; n = n.getNext()) {
            kinds.add(n.getClass().getSimpleName());
        }
        return kinds;
    }

    private static String text(Node document) {
        StringBuilder out = new StringBuilder();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }
        });
        return out.toString();
    }
}
