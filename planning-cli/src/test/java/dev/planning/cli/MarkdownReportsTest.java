package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.fixtures.GitHubMarkdown;
import dev.planning.engine.internal.report.Markdown;
import dev.planning.report.CiReports;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --format markdown}: verdicts and tables whose plan values render as the literal text they are. */
class MarkdownReportsTest {

    private static final String HOSTILE = "**bold** _it_ [link](http://x) <b>html</b> `code` @team #1 | cell \\ end\nnext";

    @Test
    void anEscapedValueRendersAsItsLiteralTextWithNoMarkup() {
        Node doc = Parser.builder().build().parse(Markdown.escape(HOSTILE));

        List<Node> nodes = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                text.append(node.getLiteral());
            }
        });
        for (Node n = doc.getFirstChild().getFirstChild(); n != null; n = n.getNext()) {
            nodes.add(n);
        }
        assertThat(nodes).allMatch(n -> n instanceof Text);
        // The one character added: a zero-width space after the @, so GitHub mentions no one, and after
        // the # of #1, so GitHub links no issue. The line break shows as its escape, as on one line (text40).
        assertThat(text.toString()).isEqualTo(HOSTILE.replace("\n", "\\u000A").replace("@", "@\u200b").replace("#1", "#\u200b1"));
    }

    /**
     * GitHub links a bare URL or {@code www.} name in text (its autolinks): from a plan, in a pull
     * request comment, it would look like a link the tool wrote. Escaped, in a table cell too, it
     * renders as text, unlinked; the same table unescaped is linked.
     */
    @ParameterizedTest
    @MethodSource("dev.planning.engine.fixtures.GitHubMarkdown#bareUrls")
    void aBareUrlInAPlanValueIsNotLinkedByGitHub(String hostile) throws Exception {
        String table = Markdown.table(List.of("finding"), List.of(List.of(hostile)));

        assertThat(table).doesNotContainPattern("[^\\\\][:.]");
        GitHubMarkdown.html("| finding |\n| --- |\n| " + hostile + " |\n")
                .ifPresent(html -> assertThat(html).contains("<a href="));
        GitHubMarkdown.html(table)
                .ifPresent(html -> assertThat(html).contains("<td>").doesNotContain("<a").containsIgnoringCase("evil"));
    }

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String SHA256 = "9ab0" + "0123456789abcdef".repeat(3) + "0123456789ab";

    /**
     * A discrepancy's expected and actual hash or commit id renders as exactly itself, in a code span:
     * escaped as plan text, a commit's 40 digits would carry a zero-width space, and a user copying the
     * value from the step summary would get a wrong one.
     */
    @Test
    void verifyShowsAnExpectedCommitAndAnActualHashAsTheExactValues() throws Exception {
        String md = CiReports.verificationMarkdown(new VerificationReport("m.yaml", Optional.empty(), 1, List.of(),
                List.of(), List.of(Discrepancy.of(DiscrepancyKind.SNAPSHOT_REV_MISSING, "m.yaml", "commit " + COMMIT,
                        "sha256 " + SHA256 + " (12 bytes)", "snapshot_rev is not a commit"))));

        assertThat(md).contains("| commit `" + COMMIT + "` | sha256 `" + SHA256 + "` (12 bytes) |");
        GitHubMarkdown.html(md).ifPresent(html -> assertThat(html)
                .contains("<td>commit <code>" + COMMIT + "</code></td>",
                        "<td>sha256 <code>" + SHA256 + "</code> (12 bytes)</td>")
                .doesNotContain("\u200b", "&#8203;", "<a"));
    }

    /**
     * Hostile text in the expected and actual fields (a manifest is plan text) is still neutralised:
     * a backtick opens no code span, {@code @x} mentions no one, {@code #1} links no issue.
     */
    @Test
    void verifyStillNeutralisesHostileTextInTheExpectedAndActualFields() throws Exception {
        String hostile = "sha256 `" + COMMIT + "` @x #1 [l](http://x)";
        String md = CiReports.verificationMarkdown(new VerificationReport("m.yaml", Optional.empty(), 1, List.of(),
                List.of(), List.of(Discrepancy.of(DiscrepancyKind.ARTIFACT_CHANGED, "a.yaml", hostile, "`x`",
                        "changed"))));

        assertThat(md).contains("| sha256 \\`" + COMMIT.charAt(0) + "&#8203;" + COMMIT.substring(1)
                + "\\` @&#8203;x \\#&#8203;1 \\[l\\](http\\://x) | \\`x\\` |");
        GitHubMarkdown.html(md).ifPresent(html -> assertThat(html)
                .doesNotContain("<code>", "<a")
                .contains("<td>sha256 `" + COMMIT.charAt(0) + "\u200b" + COMMIT.substring(1)
                        + "` @\u200bx #\u200b1 [l](http://x)</td>"));
    }

    /**
     * A commit id standing alone in a finding's or a discrepancy's message is a code span, the exact value a
     * reader can copy (escaped as plan text it carried a zero-width space); GitHub links it nowhere, and
     * every other part of the message is escaped as before ({@code @x} and {@code #1} still broken).
     */
    @Test
    void aCommitIdInAFindingOrDiscrepancyMessageIsACodeSpanCopyableAsItIs() throws Exception {
        String message = "snapshot_rev " + COMMIT + " is not HEAD (" + COMMIT + "); ask @x #1";
        String lint = CiReports.lintMarkdown(new LintReport(List.of("m.yaml"), List.of(new Finding("seal.rev",
                Severity.ERROR, message, Optional.empty(), Optional.empty()))));
        String verify = CiReports.verificationMarkdown(new VerificationReport("m.yaml", Optional.empty(), 1, List.of(),
                List.of(), List.of(Discrepancy.of(DiscrepancyKind.SNAPSHOT_REV_MISSING, "m.yaml", "", "", message))));

        String cell = "snapshot\\_rev `" + COMMIT + "` is not HEAD (`" + COMMIT + "`); ask @&#8203;x #&#8203;1";
        assertThat(lint).contains("| " + cell + " |");
        assertThat(verify).contains("| " + cell + " |");
        List<String> spans = new ArrayList<>();
        Parser.builder().build().parse(lint).accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Code code) {
                spans.add(code.getLiteral());
            }
        });
        assertThat(spans).containsExactly(COMMIT, COMMIT);
        GitHubMarkdown.html(verify).ifPresent(html -> assertThat(html)
                .contains("snapshot_rev <code>" + COMMIT + "</code> is not HEAD (<code>" + COMMIT + "</code>)")
                .contains("@\u200bx #\u200b1").doesNotContain("<a"));
    }

    /**
     * Only a commit id standing alone, as {@code Printable.markdown} breaks it, becomes a code span: one in
     * backticks of the text stays between literal backticks (which open nothing), a run of 41 digits or one
     * joined to a word is escaped text as before.
     */
    @Test
    void aMessageCodeSpanHoldsOnlyACommitIdAndHostileTextAroundItStaysText() {
        assertThat(Markdown.text("`" + COMMIT + "` x")).isEqualTo("\\``" + COMMIT + "`\\` x");
        assertThat(Markdown.text(COMMIT + "0")).isEqualTo(Markdown.escape(COMMIT + "0"));
        assertThat(Markdown.text("v" + COMMIT)).isEqualTo(Markdown.escape("v" + COMMIT));
        assertThat(Markdown.text("@" + COMMIT)).isEqualTo("@&#8203;`" + COMMIT + "`");
        assertThat(Markdown.text("no commit: **x**")).isEqualTo(Markdown.escape("no commit: **x**"));
        List<String> texts = new ArrayList<>();
        List<String> spans = new ArrayList<>();
        Parser.builder().build().parse(Markdown.text("`" + COMMIT + "` x")).accept(new AbstractVisitor() {
            @Override
            public void visit(Text node) {
                texts.add(node.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code code) {
                spans.add(code.getLiteral());
            }
        });
        assertThat(String.join("|", texts)).isEqualTo("`|` x");
        assertThat(spans).containsExactly(COMMIT);
    }

    /** The rulebook's hash in the summary of {@code rules test --format markdown} is a code span, the exact value. */
    @Test
    void ruleTestsShowTheRulebookHashAsACodeSpan() {
        CliRun run = CliRun.of("rules", "test", CliRun.example("fe-2025-09-02") + "/rulebook", "--format", "markdown");

        assertThat(run.out()).containsPattern("; rulebook `[0-9a-f]{64}`\n");
    }

    @Test
    void aHashColumnShowsOnlyHexadecimalWordsAsCodeSpans() {
        assertThat(Markdown.hashes("sha256 " + SHA256 + " (12 bytes)")).isEqualTo("sha256 `" + SHA256 + "` (12 bytes)");
        assertThat(Markdown.hash("")).isEmpty();
        assertThat(Markdown.hash("abc`def")).isEqualTo("abc\\`def");
        assertThat(Markdown.hashes("-  " + COMMIT)).isEqualTo("\\-  `" + COMMIT + "`");
    }

    @Test
    void aPipeInAPlanValueStaysInsideItsTableCell() {
        String table = Markdown.table(List.of("a", "b"), List.of(List.of("x | y", "z")));

        assertThat(table.lines().skip(2).findFirst().orElseThrow()).isEqualTo("| x \\| y | z |");
    }

    @Test
    void lintHasAOneWordVerdictAndAFindingsTable() {
        Finding finding = new Finding("schema.type", Severity.ERROR, "`effort` must be a number (found \"*five*\")",
                Optional.of(new SourceLocation("tasks/x.yaml", 13, 13)), Optional.of("FE-2"));
        String md = CiReports.lintMarkdown(new LintReport(List.of("tasks/x.yaml"), List.of(finding)));

        assertThat(md.lines().findFirst().orElseThrow()).isEqualTo("### planning lint: **FAILED**");
        assertThat(md).contains("1 error, 0 warnings in 1 file; 1 file checked",
                "| severity | location | code | task | message |",
                "| error | tasks/x\\.yaml\\:13\\:13 | schema\\.type | FE-2 | \\`effort\\` must be a number (found \"\\*five\\*\") |");
    }

    @Test
    void lintOfTheFrontendExamplePassesInMarkdown() {
        CliRun run = CliRun.of("lint", "-w", CliRun.example("fe-2025-09-02").toString(), "--format", "markdown");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("### planning lint: **PASSED**");
    }

    @Test
    void gateOfTheCriticalExampleFailsInMarkdownWithTheGovernanceFinding() {
        CliRun run = CliRun.of("gate", "-w", CliRun.example("fe-critical").toString(), "--stream", "fe", "--cycle",
                "2025-09-02", "--to", "READY_FOR_HANDOFF", "--format", "markdown");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("**FAILED**", "| governance | FAIL |", "critical-approvals");
    }

    @Test
    void aCommandWithoutMarkdownRefusesIt() {
        CliRun run = CliRun.of("status", "-w", CliRun.example("fe-2025-09-02").toString(), "--format", "markdown");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'markdown' is not available for this command; use text or json");
    }

    @Test
    void aRefusedFormatNamesEveryFormatTheCommandOffers() {
        CliRun run = CliRun.of("rules", "test", CliRun.example("fe-2025-09-02").resolve("rulebook").toString(),
                "--format", "sarif");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'sarif' is not available for this command; use text, json, junit or markdown");
    }
}
