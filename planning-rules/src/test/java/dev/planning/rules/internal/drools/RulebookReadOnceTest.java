package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.TestRulebooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules compiled are the rules the rulebook hash names: the compiler reads the directory once
 * and compiles only bytes that hash to {@link Rulebook#hash()}, and the compiled-rulebook cache is
 * keyed by what was compiled.
 */
class RulebookReadOnceTest {

    @TempDir
    Path dir;

    @Test
    void aRuleFileChangedAfterTheRulebookWasLoadedIsRefusedNotCompiledUnderTheOldHash() throws Exception {
        Rulebook loaded = TestRulebooks.withRules(dir, Map.of("rules/a.drl", OwnerRequiredRule.named("owner-required")), Map.of());
        Files.writeString(dir.resolve("rules/a.drl"), OwnerRequiredRule.named("swapped-in-after-loading"), StandardCharsets.UTF_8);
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());

        assertThatThrownBy(() -> factory.create(loaded))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the rulebook changed since it was loaded")
                .hasMessageContaining(loaded.hash());
        // Nothing was cached under the old hash: asking again is refused again.
        assertThatThrownBy(() -> factory.create(loaded)).hasMessageContaining("changed since it was loaded");

        Rulebook reloaded = TestRulebooks.withRules(dir, Map.of(), Map.of());
        Rulebook current = new Rulebook(reloaded.directory(), reloaded.hash(), "test", loaded.profiles(), Map.of(),
                "fe", loaded.taxonomy(), List.of(), Map.of(), loaded.ruleFiles());
        assertThat(factory.create(current).evaluate(input(List.of(goodTask("FE-1").owner(null).build()), List.of()))
                .violations()).extracting(v -> v.rule()).containsExactly("swapped-in-after-loading");
    }

    @Test
    void sourcesInMemoryUnderOneHashAreCompiledOncePerContent() {
        Rulebook rulebook = TestRulebooks.withRules(dir, Map.of("rules/a.drl", OwnerRequiredRule.named("first")), Map.of());
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());

        var first = factory.create(rulebook, Map.of("rules/a.drl", OwnerRequiredRule.named("first")));
        var second = factory.create(rulebook, Map.of("rules/a.drl", OwnerRequiredRule.named("second")));

        assertThat(second.evaluate(input(List.of(goodTask("FE-1").owner(null).build()), List.of())).violations())
                .extracting(v -> v.rule()).containsExactly("second");
        assertThat(factory.create(rulebook, Map.of("rules/a.drl", OwnerRequiredRule.named("first"))).kieBase())
                .isSameAs(first.kieBase());
    }
}
