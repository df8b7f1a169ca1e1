package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.rules.Inputs;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * lint35: a rule file that starts with a UTF-8 byte-order mark (as an editor on Windows saves one) passed the policy
 * check, then Drools refused it with "[ERR 101] Line 1:0 no viable alternative at input ''", a message that names
 * nothing the user can see. The mark is dropped before the file is checked or compiled, as every planning file's is:
 * the file judges, and its mistakes are located, as the same file without it.
 */
class RuleFileByteOrderMarkTest {

    private static final String MARK = "\uFEFF";

    private static final String RULE = "package dev.planning.rules.marked;\n\nimport dev.planning.rules.facts.TaskFact;\n"
            + "import dev.planning.rules.facts.Report;\n\n"
            + "rule \"critical-zero\"\n    @severity(HIGH)\nwhen\n    $t : TaskFact(criticality == 0)\n"
            + "then\n    insert(Report.violation(kcontext, $t, \"critical\"));\nend\n";

    private static GovernanceDecision judged(String drl) {
        return GovernanceTestKit.fromDrl(Map.of("rules/marked.drl", drl))
                .evaluate(Inputs.goodCriticalTask("FE-12").build());
    }

    @Test
    void aRuleFileThatStartsWithAByteOrderMarkJudgesAsTheSameFileWithoutIt() {
        GovernanceDecision marked = judged(MARK + RULE);

        assertThat(marked.violations()).isEqualTo(judged(RULE).violations()).hasSize(1);
        assertThat(marked.violations().get(0).rule()).isEqualTo("critical-zero");
    }

    @Test
    void aMistakeInAFileWithAByteOrderMarkIsLocatedAndSaidAsInTheFileWithoutIt() {
        // A mistake on line 1, where a mark would shift the column if it were counted.
        String broken = RULE.replace("package dev.planning.rules.marked;",
                "package dev.planning.rules.marked; import java.io.File;");

        InvalidInputException marked = catchThrowableOfType(InvalidInputException.class, () -> judged(MARK + broken));
        InvalidInputException plain = catchThrowableOfType(InvalidInputException.class, () -> judged(broken));

        assertThat(plain).isNotNull();
        assertThat(marked).isNotNull();
        assertThat(marked.getMessage()).isEqualTo(plain.getMessage()).doesNotContain("ERR 101", "input ''");
        assertThat(marked.location()).isEqualTo(plain.location());
        assertThat(marked.location().orElseThrow().line()).as(marked.getMessage()).isEqualTo(1);
        assertThat(marked.location().orElseThrow().column()).as(marked.getMessage()).isGreaterThan(1);
    }

    @Test
    void theSettingsARuleFileWithAByteOrderMarkReadsAreThoseOfTheFileWithoutIt() {
        // A file that does not parse is taken to read every setting: the mark made every rule file such a file.
        Map<String, byte[]> plain = Map.of("rules/marked.drl", RULE.getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> marked = Map.of("rules/marked.drl", (MARK + RULE).getBytes(StandardCharsets.UTF_8));

        assertThat(SettingsReaders.of(marked)).isEqualTo(SettingsReaders.of(plain)).isEmpty();
    }

    @Test
    void onlyALeadingMarkIsDropped() {
        byte[] inside = ("x" + MARK).getBytes(StandardCharsets.UTF_8);
        byte[] leading = (MARK + "x").getBytes(StandardCharsets.UTF_8);

        assertThat(RulebookCompiler.withoutByteOrderMark(inside)).isSameAs(inside);
        assertThat(RulebookCompiler.withoutByteOrderMark(leading)).containsExactly('x');
        assertThat(RulebookCompiler.withoutByteOrderMark(new byte[] {(byte) 0xEF, (byte) 0xBB}))
                .containsExactly(0xEF, 0xBB);
    }

    @Test
    void aShippedRuleFileSavedWithAByteOrderMarkIsStillTheShippedFileToRulesDiff() {
        // review35: told by its bytes, the shipped hygiene.drl with a mark was "not the shipped required-tags rule"
        // to rules diff, and its rules readers of the settings, though Drools compiles the same text.
        byte[] shipped = DefaultRulebook.read(SettingsReaders.REQUIRED_TAGS_FILE);
        byte[] marked = new byte[shipped.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(shipped, 0, marked, 3, shipped.length);

        assertThat(SettingsReaders.runsShippedRequiredTags(Map.of("rules/hygiene.drl", marked))).isTrue();
        assertThat(SettingsReaders.of(Map.of("rules/hygiene.drl", marked)))
                .isEqualTo(SettingsReaders.of(Map.of("rules/hygiene.drl", shipped)));
        assertThat(Arrays.equals(marked, shipped)).isFalse();
    }
}
