package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.TestRulebooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A compilation with the policy-language check turned off ({@code planning.rules.mode=trusted})
 * records no "passed" verdict, so a later process with the check on still checks; and a result kept
 * beside the cache's entries (a lint's) is keyed on the mode. Isolated: it sets a system property the
 * whole JVM reads.
 */
@Isolated
class PolicyVerdictTrustedModeTest {

    private static final String OUTSIDE_THE_LANGUAGE = """
            package test;
            import dev.planning.rules.facts.TaskFact;
            rule "exits"
            when
                $t : TaskFact(owner == null)
            then
                System.exit(3);
            end
            """;

    @TempDir
    Path temp;

    @Test
    void aCompilationWithTheCheckOffRecordsNoVerdictAndTheNextCheckedRunRefusesTheFile() throws IOException {
        Rulebook rulebook = TestRulebooks.withRules(Files.createDirectories(temp.resolve("workspace/rulebook")),
                Map.of("rules/a.drl", OUTSIDE_THE_LANGUAGE), Map.of());
        Path directory = temp.resolve("cache");
        String before = System.getProperty(PolicyLanguage.MODE_PROPERTY);
        System.setProperty(PolicyLanguage.MODE_PROPERTY, "trusted");
        try {
            compiler(CompiledRulebookCache.at(directory)).compile(rulebook);
        } finally {
            if (before == null) {
                System.clearProperty(PolicyLanguage.MODE_PROPERTY);
            } else {
                System.setProperty(PolicyLanguage.MODE_PROPERTY, before);
            }
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".policy"));
        }

        CompiledRulebookCache checked = CompiledRulebookCache.at(directory);
        assertThatThrownBy(() -> compiler(checked).compile(rulebook))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("System.exit");
        assertThat(checked.verdictHits()).isZero();
        assertThat(checked.hits()).isZero();
    }

    @Test
    void anEngineCompiledWithTheCheckOffIsNotServedToALaterCompilationWithItOn() throws IOException {
        Rulebook rulebook = TestRulebooks.withRules(Files.createDirectories(temp.resolve("one/rulebook")),
                Map.of("rules/a.drl", OUTSIDE_THE_LANGUAGE), Map.of());
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4,
                PolicyVerdictTrustedModeTest.class.getClassLoader());
        String before = System.getProperty(PolicyLanguage.MODE_PROPERTY);
        System.setProperty(PolicyLanguage.MODE_PROPERTY, "trusted");
        try {
            factory.create(rulebook);
        } finally {
            if (before == null) {
                System.clearProperty(PolicyLanguage.MODE_PROPERTY);
            } else {
                System.setProperty(PolicyLanguage.MODE_PROPERTY, before);
            }
        }

        assertThatThrownBy(() -> factory.create(rulebook))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("System.exit");
    }

    private static RulebookCompiler compiler(CompiledRulebookCache cache) {
        RulebookCompiler compiler = new RulebookCompiler(PolicyVerdictTrustedModeTest.class.getClassLoader());
        compiler.useDiskCache(cache);
        return compiler;
    }

    @Test
    void whetherTheCheckIsOnIsReadOnEveryCallInAnyCaseSoAKeyTakenAfterTheModeChangesNamesIt() {
        assertThat(withMode("TRUSTED", CompiledRulebookCache::policyLanguageChecked)).isFalse();
        assertThat(withMode("trusted", CompiledRulebookCache::policyLanguageChecked)).isFalse();
        assertThat(withMode("restricted", CompiledRulebookCache::policyLanguageChecked)).isTrue();
        assertThat(withMode("anything else", CompiledRulebookCache::policyLanguageChecked)).isTrue();
    }

    private static <T> T withMode(String mode, Supplier<T> action) {
        String before = System.getProperty(PolicyLanguage.MODE_PROPERTY);
        System.setProperty(PolicyLanguage.MODE_PROPERTY, mode);
        try {
            return action.get();
        } finally {
            if (before == null) {
                System.clearProperty(PolicyLanguage.MODE_PROPERTY);
            } else {
                System.setProperty(PolicyLanguage.MODE_PROPERTY, before);
            }
        }
    }
}
