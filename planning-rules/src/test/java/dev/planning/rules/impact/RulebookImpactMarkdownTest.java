package dev.planning.rules.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.GitHubMarkdown;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link RulebookImpact#markdown}, what {@code planning rules diff --format markdown} prints for a
 * pull-request comment: the exact text, and a rulebook's or a plan's hostile text rendered as the literal
 * text it is.
 */
class RulebookImpactMarkdownTest {

    private static final String BASE = "0123456789abcdef".repeat(4);
    private static final String HEAD = "fedcba9876543210".repeat(4);
    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef BE = new CycleRef("be", "2025-09-02");

    private static ImpactFinding approvals() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("approvals", "2");
        facts.put("required", "4");
        return new ImpactFinding("critical-approvals", Optional.of("FE-12"), Severity.ERROR, "FE-12 needs more approvals",
                Optional.of(new SourceLocation("plans/fe.yaml", 12, 3)), facts, Optional.of("ask two more approvers"));
    }

    @Test
    void aChangeThatBlocksACycleNamesItTheRulebooksAndTheNewFinding() {
        RulebookImpact impact = new RulebookImpact(BASE, HEAD, List.of(
                new CycleImpact(FE, false, true, List.of(approvals()), List.of()),
                new CycleImpact(BE, false, false, List.of(), List.of())));

        assertThat(impact.markdown("origin/main", "rulebook")).isEqualTo("""
                ### planning rules diff: **BLOCKS**

                2 cycle(s)\\: 1 new finding(s), 0 resolved, 1 cycle(s) newly blocked

                | rulebook | directory | hash |
                | --- | --- | --- |
                | base | origin/main | `%s` |
                | head | rulebook | `%s` |

                | cycle | today | after the change |
                | --- | --- | --- |
                | fe/2025-09-02 | passes | blocked |
                | be/2025-09-02 | passes | passes |

                | cycle | change | rule | item | severity | message |
                | --- | --- | --- | --- | --- | --- |
                | fe/2025-09-02 | new | critical-approvals | FE-12 | error | FE-12 needs more approvals (approvals\\: 2, required\\: 4); fix\\: ask two more approvers |

                """.formatted(BASE, HEAD));
        assertThat(impact.summary()).isEqualTo("2 cycle(s): 1 new finding(s), 0 resolved, 1 cycle(s) newly blocked");
    }

    @Test
    void theVerdictIsChangesForResolvedFindingsAndNoChangeForNone() {
        RulebookImpact resolved = new RulebookImpact(BASE, HEAD,
                List.of(new CycleImpact(FE, true, false, List.of(), List.of(approvals()))));
        RulebookImpact none = new RulebookImpact(BASE, BASE, List.of(new CycleImpact(FE, false, false, List.of(), List.of())));

        assertThat(resolved.markdown("a", "b")).startsWith("### planning rules diff: **CHANGES**\n")
                .contains("| fe/2025-09-02 | resolved | critical-approvals | FE-12 | error |");
        assertThat(none.markdown("a", "b")).startsWith("### planning rules diff: **NO CHANGE**\n")
                .doesNotContain("| change |");
    }

    /**
     * A rule's message and hint, a task, a rule's name and the name a comment gives the base are text a
     * contributor wrote: a pipe, a line break, HTML, a mention, a link and backticks render as the literal
     * text they are, each in its own cell.
     */
    @Test
    void hostileTextFromARulebookOrAPlanRendersAsTextInItsOwnCell() throws Exception {
        String hostile = "x | y\n<script>alert(1)</script> @octocat [x](https://evil.example) `rm -rf` **now**";
        RulebookImpact impact = new RulebookImpact(BASE, HEAD, List.of(new CycleImpact(FE, false, true,
                List.of(new ImpactFinding(hostile, Optional.of(hostile), Severity.ERROR, hostile, Optional.empty(),
                        Map.of("k", hostile), Optional.of(hostile))), List.of())));

        String md = impact.markdown(hostile, "rulebook");

        // text40: the line break shows as its escape, as on one line.
        String escaped = "x \\| y\\u000A\\<script\\>alert(1)\\</script\\> @&#8203;octocat \\[x\\](https\\://evil\\.example)"
                + " \\`rm -rf\\` \\*\\*now\\*\\*";
        assertThat(md).contains("| base | " + escaped + " | `" + BASE + "` |\n")
                .contains("| fe/2025-09-02 | new | " + escaped + " | " + escaped + " | error | " + escaped + " (k\\: "
                        + escaped + "); fix\\: " + escaped + " |\n");
        GitHubMarkdown.html(md).ifPresent(html -> assertThat(html)
                .doesNotContain("<script", "<a ", "@octocat")
                .contains("<td>x | y\\u000A&lt;script&gt;alert(1)&lt;/script&gt; @\u200boctocat"));
    }

    @Test
    void markdownRefusesNull() {
        RulebookImpact impact = new RulebookImpact(BASE, HEAD, List.of());

        assertThatNullPointerException().isThrownBy(() -> impact.markdown(null, "b")).withMessage("base");
        assertThatNullPointerException().isThrownBy(() -> impact.markdown("a", null)).withMessage("head");
    }
}
