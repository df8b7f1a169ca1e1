package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.fixtures.GitHubMarkdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The Markdown of {@link CiReports}, what {@code planning lint|gate|advance|verify --format markdown}
 * prints: each result as the exact text a pull-request comment gets, and a contributor's hostile text
 * (in a message, a task, a file or a gate's name) rendered as the literal text it is.
 */
class CiReportsMarkdownTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    /** A table separator, a line break, HTML, a mention, a link, a code span and emphasis: all a contributor may write. */
    private static final String HOSTILE = "x | y\n<script>alert(1)</script> @octocat [x](https://evil.example) `rm -rf` **now**";

    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    private static final Finding SCHEMA = Finding.error("schema.type", "`effort` must be a number (found \"*five*\")",
            new SourceLocation("tasks/x.yaml", 13, 13)).withTask("FE-2");

    @Test
    void lintIsAHeadingWithTheVerdictTheCountsAndAFindingsTable() {
        String md = CiReports.lintMarkdown(new LintReport(List.of("tasks/x.yaml"), List.of(SCHEMA,
                Finding.warning("style.title", "title is long"))));

        assertThat(md).isEqualTo("""
                ### planning lint: **FAILED**

                1 error, 1 warning in 1 file; 1 file checked

                | severity | location | code | task | message |
                | --- | --- | --- | --- | --- |
                | error | tasks/x\\.yaml\\:13\\:13 | schema\\.type | FE-2 | \\`effort\\` must be a number (found "\\*five\\*") |
                | warning |  | style\\.title |  | title is long |

                """);
    }

    @Test
    void aLintWithoutFindingsIsPassedWithoutATable() {
        assertThat(CiReports.lintMarkdown(new LintReport(List.of("a.yaml", "b.yaml"), List.of())))
                .isEqualTo("### planning lint: **PASSED**\n\n0 errors, 0 warnings; 2 files checked\n\n");
    }

    @Test
    void gatesAreATableOfTheGatesAndOneOfTheirFindings() {
        String md = CiReports.gatesMarkdown(CYCLE, CycleState.READY_FOR_HANDOFF, List.of(
                GateResult.of("schema_lint", List.of(), Map.of()),
                GateResult.of("governance", List.of(Finding.error("governance.critical-approvals",
                        "FE-12 needs 2 approvals").withTask("FE-12")), Map.of())));

        assertThat(md).isEqualTo("""
                ### planning gate fe/2025-09-02 -\\> READY\\_FOR\\_HANDOFF (dry run): **FAILED**

                | gate | status | errors | warnings |
                | --- | --- | --- | --- |
                | schema\\_lint | PASS | 0 | 0 |
                | governance | FAIL | 1 | 0 |

                | gate | severity | location | code | task | message |
                | --- | --- | --- | --- | --- | --- |
                | governance | error |  | governance\\.critical-approvals | FE-12 | FE-12 needs 2 approvals |

                """);
    }

    @Test
    void aProfileWithoutGatesSaysSoAndPasses() {
        assertThat(CiReports.gatesMarkdown(CYCLE, CycleState.VALIDATED, List.of())).isEqualTo(
                "### planning gate fe/2025-09-02 -\\> VALIDATED (dry run): **PASSED**\n\n"
                        + "(the profile names no gates for this transition)\n\n");
    }

    @Test
    void aTransitionShowsItsVerdictTheStateAfterItAndTheGates() {
        TransitionResult refused = new TransitionResult(CYCLE,
                Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow(), false,
                List.of(GateResult.of("schema_lint", List.of(SCHEMA), Map.of())), CycleState.PLANNED, "ev-1", Map.of());

        assertThat(CiReports.transitionMarkdown(refused)).isEqualTo("""
                ### planning advance fe/2025-09-02 PLANNED -\\> READY\\_FOR\\_HANDOFF: **REFUSED**

                state\\: PLANNED (event ev-1)

                | gate | status | errors | warnings |
                | --- | --- | --- | --- |
                | schema\\_lint | FAIL | 1 | 0 |

                | gate | severity | location | code | task | message |
                | --- | --- | --- | --- | --- | --- |
                | schema\\_lint | error | tasks/x\\.yaml\\:13\\:13 | schema\\.type | FE-2 | \\`effort\\` must be a number (found "\\*five\\*") |

                """);
    }

    @Test
    void aVerificationNamesTheSignaturesThatCountedAndEachDiscrepancy() {
        String sha = "ab".repeat(32);
        ManifestSignature qa = new ManifestSignature("QA", "k-1", "ed25519", "c2ln", Instant.parse("2026-01-02T03:04:05Z"));
        String verified = CiReports.verificationMarkdown(new VerificationReport("manifests/m.yaml", Optional.of("m-1"),
                3, List.of(qa), List.of(), List.of()));
        String failed = CiReports.verificationMarkdown(new VerificationReport("manifests/m.yaml", Optional.of("m-1"),
                3, List.of(), List.of(), List.of(Discrepancy.of(DiscrepancyKind.ARTIFACT_CHANGED, "plans/a.yaml",
                        "sha256 " + sha + " (12 bytes)", "sha256 " + "cd".repeat(32) + " (13 bytes)", "changed"))));

        assertThat(verified).isEqualTo("### planning verify manifests/m\\.yaml: **VERIFIED**\n\n"
                + "3 artifact(s) checked, 1 signature(s) counted (QA), 0 discrepancy(ies)\n\n");
        assertThat(failed).isEqualTo("### planning verify manifests/m\\.yaml: **FAILED**\n\n"
                + "3 artifact(s) checked, 0 signature(s) counted, 1 discrepancy(ies)\n\n"
                + "| check | file | message | expected | actual |\n| --- | --- | --- | --- | --- |\n"
                + "| ARTIFACT\\_CHANGED | plans/a\\.yaml | changed | sha256 `" + sha + "` (12 bytes) | sha256 `"
                + "cd".repeat(32) + "` (13 bytes) |\n\n");
    }

    @Test
    void hostileTextInALintFindingStaysTextInItsOwnCell() throws Exception {
        String md = CiReports.lintMarkdown(new LintReport(List.of(HOSTILE), List.of(Finding.error("x", HOSTILE,
                new SourceLocation(HOSTILE, 1, 2)).withTask(HOSTILE))));

        assertRendersAsText(md, 5);
    }

    @Test
    void hostileTextInAGateOrItsFindingsStaysTextInItsOwnCell() throws Exception {
        List<GateResult> results = List.of(GateResult.of(HOSTILE, List.of(Finding.warning(HOSTILE, HOSTILE)), Map.of()));

        assertRendersAsText(CiReports.gatesMarkdown(CYCLE, CycleState.READY_FOR_HANDOFF, results), 4, 6);
        assertRendersAsText(CiReports.transitionMarkdown(new TransitionResult(CYCLE,
                Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow(), true, results,
                CycleState.READY_FOR_HANDOFF, HOSTILE, Map.of())), 4, 6);
    }

    @Test
    void hostileTextInAManifestOrADiscrepancyStaysTextInItsOwnCell() throws Exception {
        String md = CiReports.verificationMarkdown(new VerificationReport(HOSTILE, Optional.empty(), 1,
                List.of(new ManifestSignature(HOSTILE, "k", "ed25519", "c2ln", Instant.EPOCH)), List.of(),
                List.of(Discrepancy.of(DiscrepancyKind.ARTIFACT_CHANGED, HOSTILE, HOSTILE, HOSTILE, HOSTILE))));

        assertRendersAsText(md, 5);
    }

    @Test
    void everyMethodRefusesNull() {
        assertThatNullPointerException().isThrownBy(() -> CiReports.lintMarkdown(null)).withMessage("report");
        assertThatNullPointerException().isThrownBy(() -> CiReports.gatesMarkdown(null, CycleState.VALIDATED, List.of()))
                .withMessage("cycle");
        assertThatNullPointerException().isThrownBy(() -> CiReports.gatesMarkdown(CYCLE, null, List.of())).withMessage("to");
        assertThatNullPointerException().isThrownBy(() -> CiReports.gatesMarkdown(CYCLE, CycleState.VALIDATED, null))
                .withMessage("results");
        assertThatNullPointerException().isThrownBy(() -> CiReports.transitionMarkdown(null)).withMessage("result");
        assertThatNullPointerException().isThrownBy(() -> CiReports.verificationMarkdown(null)).withMessage("report");
    }

    /**
     * The Markdown parses into no HTML, link or code span; each table's rows have exactly as many cells as
     * {@code columns} says for it (a {@code |} opened none, a line break started no row); and, rendered as
     * GitHub does (when {@code cmark-gfm} is installed), it holds no tag, no link and no {@code @} a mention
     * could follow.
     */
    private static void assertRendersAsText(String md, Integer... columns) throws Exception {
        Node doc = Parser.builder().build().parse(md);
        List<Node> markup = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline node) {
                markup.add(node);
            }

            @Override
            public void visit(HtmlBlock node) {
                markup.add(node);
            }

            @Override
            public void visit(Link node) {
                markup.add(node);
            }

            @Override
            public void visit(Code node) {
                markup.add(node);
            }
        });
        // A table row's cells lie between its unescaped pipes (GFM reads "\\|" as a pipe inside a cell); every
        // row of a table (a block of lines that begin with "| ") has as many as its header.
        List<Integer> cellsPerRow = new ArrayList<>();
        for (String block : md.split("\n\n")) {
            if (block.startsWith("| ")) {
                block.lines().forEach(line -> assertThat(line).startsWith("| ").endsWith(" |"));
                List<Integer> counts = block.lines().map(line -> CELL_SEPARATOR.split(line, -1).length - 2).toList();
                assertThat(counts).containsOnly(counts.get(0));
                cellsPerRow.add(counts.get(0));
            }
        }
        assertThat(markup).isEmpty();
        assertThat(cellsPerRow).containsExactly(columns);
        assertThat(md).doesNotContain("x | y\n", "<script>", "@octocat");
        GitHubMarkdown.html(md).ifPresent(html -> assertThat(html)
                .doesNotContain("<script", "<a ", "<code>", "@octocat")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; @\u200boctocat"));
    }
}
