package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleNamesTest {

    @TempDir
    Path dir;

    private Rulebook rulebook(List<String> files) {
        return new Rulebook(dir, "ab".repeat(32), "1", Map.of("fe", new GateProfile("fe", List.of())), Map.of(), "fe",
                Map.of(), List.of(), Map.of(), files);
    }

    @Test
    void readsTheDeclaredRuleNamesButNotCommentedOnes() throws Exception {
        Files.writeString(dir.resolve("a.drl"), """
                package x;
                // rule "commented-out"
                /* rule "blocked"
                   end */
                rule "missing-owner"
                when then end
                  rule 'single-quoted' when then end
                rule bare_name when then end
                """);

        assertThat(RuleNames.of(rulebook(List.of("a.drl")))).hasValueSatisfying(names ->
                assertThat(names).containsExactlyInAnyOrder("missing-owner", "single-quoted", "bare_name"));
    }

    @Test
    void anUnreadableRuleFileYieldsNoNamesRatherThanAWrongList() {
        assertThat(RuleNames.of(rulebook(List.of("missing.drl")))).isEmpty();
    }

    @Test
    void aRuleDeclaredOnTheFirstLineAfterAByteOrderMarkIsNamed() throws Exception {
        // The compiler drops the mark (lint35): a waiver of the rule is no waiver of an unknown rule.
        Files.writeString(dir.resolve("a.drl"), "\uFEFFrule \"first\"\nwhen then end\n", StandardCharsets.UTF_8);

        assertThat(RuleNames.of(rulebook(List.of("a.drl")))).hasValueSatisfying(names ->
                assertThat(names).containsExactly("first"));
    }
}
