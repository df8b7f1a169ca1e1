package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.TestRulebooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.kie.api.definition.KiePackage;

/**
 * Compiling a rulebook is bounded by the operator: the rules its files declare and the bytes they
 * hold are counted, and refused past the bounds, before anything is compiled. Isolated: the bounds
 * are system properties, which another class compiling at the same time would see.
 */
@Isolated
class CompileBoundsTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(OperatorLimits.RULES_PROPERTY);
        System.clearProperty(OperatorLimits.BYTES_PROPERTY);
        System.clearProperty(OperatorLimits.JOIN_PROPERTY);
    }

    private static String rules(int n) {
        StringBuilder drl = new StringBuilder("""
                package dev.planning.rules.hostile;

                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;
                """);
        for (int i = 0; i < n; i++) {
            drl.append("\nrule \"r").append(i).append("\"\nwhen\n    $t : TaskFact(owner == \"o").append(i)
                    .append("\")\nthen\n    insert(Report.violation(kcontext, $t, \"m\"));\nend\n");
        }
        return drl.toString();
    }

    private Rulebook rulebook(String name, String drl) {
        return TestRulebooks.withRules(dir.resolve(name), Map.of("rules/r.drl", drl), Map.of());
    }

    private DroolsGovernanceEngine load(Rulebook rulebook) {
        return new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(rulebook);
    }

    @Test
    void withThePolicyCheckOffOneRuleWhoseOrsMultiplyPastTheBoundIsRefusedBeforeDroolsExpandsThem() {
        // Drools compiles one rule per alternative: one rule word with 16 ors took 12 s of CPU (65,536
        // rules), each 2 more ors 4 times as long, and only the policy check (off in trusted mode)
        // counted alternatives.
        StringBuilder drl = new StringBuilder("package dev.planning.rules.hostile;\n\nimport dev.planning.rules.facts.TaskFact;\n\n"
                + "rule \"r\"\nwhen\n");
        for (int i = 0; i < 8; i++) {
            drl.append("    (TaskFact(owner == \"a").append(i).append("\") or TaskFact(owner == \"b").append(i).append("\"))\n");
        }
        drl.append("then\nend\n");
        System.setProperty(OperatorLimits.RULES_PROPERTY, "100");
        System.setProperty(PolicyLanguage.MODE_PROPERTY, PolicyLanguage.TRUSTED_MODE);
        try {
            assertThatThrownBy(() -> load(rulebook("ors", drl.toString())))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("rule 'r' expands to 256 alternatives")
                    .hasMessageContaining(OperatorLimits.RULES_PROPERTY)
                    .satisfies(e -> assertThat(((InvalidInputException) e).location())
                            .contains(new SourceLocation("rules/r.drl", 5, 1)));
        } finally {
            System.clearProperty(PolicyLanguage.MODE_PROPERTY);
        }
        System.setProperty(OperatorLimits.RULES_PROPERTY, "256");
        System.setProperty(PolicyLanguage.MODE_PROPERTY, PolicyLanguage.TRUSTED_MODE);
        try {
            assertThat(load(rulebook("ors-within", drl.toString()))).isNotNull();
        } finally {
            System.clearProperty(PolicyLanguage.MODE_PROPERTY);
        }
    }

    @Test
    void aRulebookDeclaringMoreRulesThanTheOperatorAllowsIsRefusedNamingItTheCountAndTheBound() {
        System.setProperty(OperatorLimits.RULES_PROPERTY, "2");
        Rulebook three = rulebook("three", rules(3));

        assertThatThrownBy(() -> load(three))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("rulebook " + three.directory() + ": its rule files declare 3 rules (the words rule and"
                        + " query, counted before compiling), more than the operator's bound of 2"
                        + " (planning.rules.maxRules or PLANNING_RULES_MAX_RULES); nothing was compiled")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .contains(SourceLocation.ofFile(three.directory().toString())));
    }

    @Test
    void theBoundIsCheckedBeforeCompilingAFileThatWouldNotCompile() {
        System.setProperty(OperatorLimits.RULES_PROPERTY, "2");
        Rulebook broken = rulebook("broken", rules(3) + "\nrule \"broken\" when then nonsense(; end\n");

        assertThatThrownBy(() -> load(broken)).hasMessageContaining("declare 4 rules");
    }

    @Test
    void theOperatorRaisesOrLowersTheBound() {
        System.setProperty(OperatorLimits.RULES_PROPERTY, "3");
        assertThat(load(rulebook("three", rules(3)))).isNotNull();

        // The default, 5,000, holds far more than any rulebook of the examples or the default rulebook.
        System.clearProperty(OperatorLimits.RULES_PROPERTY);
        assertThatThrownBy(() -> load(rulebook("many", rules(5_001))))
                .hasMessageContaining("declare 5,001 rules").hasMessageContaining("bound of 5,000");
    }

    @Test
    void ruleFilesHoldingMoreBytesThanTheOperatorAllowsAreRefused() {
        String drl = rules(1);
        System.setProperty(OperatorLimits.BYTES_PROPERTY, String.valueOf(drl.getBytes(StandardCharsets.UTF_8).length - 1));
        Rulebook one = rulebook("one", drl);

        assertThatThrownBy(() -> load(one))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("rulebook " + one.directory() + ": its 1 rule file hold ")
                .hasMessageContaining("bytes, more than the operator's bound of ")
                .hasMessageEndingWith("(planning.rules.maxRulebookBytes or PLANNING_RULES_MAX_RULEBOOK_BYTES); nothing"
                        + " was compiled");
        System.setProperty(OperatorLimits.BYTES_PROPERTY, String.valueOf(drl.getBytes(StandardCharsets.UTF_8).length));
        assertThat(load(rulebook("again", drl))).isNotNull();
    }

    /**
     * The bounds' messages name the rulebook's directory on one line: its name may hold a line feed
     * and an escape sequence (a bidirectional control too, which {@code PrintableTest} covers), which
     * the command line's {@code error:} line would otherwise print as a line of their own.
     */
    @Test
    void aBoundsMessageNamesAHostileRulebookDirectoryOnOneLine() {
        String drl = rules(2);
        Rulebook hostile = rulebook("x\nok: verified\u001b[2K", drl);
        String shown = dir + "/x\\u000Aok: verified\\u001B[2K";

        System.setProperty(OperatorLimits.BYTES_PROPERTY, "1");
        assertThatThrownBy(() -> load(hostile)).hasMessageStartingWith("rulebook " + shown + ": its 1 rule file hold ")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u001b");
        System.clearProperty(OperatorLimits.BYTES_PROPERTY);
        System.setProperty(OperatorLimits.RULES_PROPERTY, "1");
        assertThatThrownBy(() -> load(hostile)).hasMessageStartingWith("rulebook " + shown + ": ")
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u001b");
    }

    /**
     * The factory's in-process cache was keyed by the rules alone: a rulebook compiled before the operator
     * lowered a bound in this process was served after it, never counted against the new bound (contract28).
     */
    @Test
    void aRulebookCompiledInThisProcessBeforeABoundWasLoweredIsRefusedAfterIt() {
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        String drl = rules(3);
        Rulebook three = rulebook("three", drl);
        Map<String, byte[]> served = Map.of("rules/r.drl", drl.getBytes(StandardCharsets.UTF_8));
        assertThat(factory.create(three)).isNotNull();
        assertThat(factory.createFromFiles(three, served)).isNotNull();

        System.setProperty(OperatorLimits.RULES_PROPERTY, "2");
        assertThatThrownBy(() -> factory.create(three)).as("from the directory")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declare 3 rules").hasMessageContaining("bound of 2");
        assertThatThrownBy(() -> factory.createFromFiles(three, served)).as("the bytes a gate context serves")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declare 3 rules").hasMessageContaining("bound of 2");

        // Back under the bound it was compiled under: served from the cache, not compiled again.
        int compiled = factory.compilationCount();
        System.clearProperty(OperatorLimits.RULES_PROPERTY);
        assertThat(factory.create(three)).isNotNull();
        assertThat(factory.compilationCount()).isEqualTo(compiled);
    }

    /** An engine holds the evaluation bounds in force when it was made: one made under another is not served. */
    @Test
    void anEngineMadeBeforeTheJoinBoundChangedIsNotServedAfterIt() {
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        Rulebook three = rulebook("three", rules(3));
        DroolsGovernanceEngine before = factory.create(three);

        System.setProperty(OperatorLimits.JOIN_PROPERTY, "1000");
        DroolsGovernanceEngine after = factory.create(three);

        assertThat(after).isNotSameAs(before);
        assertThat(factory.compilationCount()).isEqualTo(2);
        assertThat(factory.create(three)).isSameAs(after);
    }

    @Test
    void aJunkBoundRefusesTheRulebookRatherThanCompilingUnbounded() {
        System.setProperty(OperatorLimits.RULES_PROPERTY, "many");

        assertThatThrownBy(() -> load(rulebook("one", rules(1))))
                .isInstanceOf(PlanningException.class)
                .hasMessage("operator limit planning.rules.maxRules (or PLANNING_RULES_MAX_RULES) is 'many'; expected a"
                        + " whole number of rules from 1 to 1000000");
    }

    /** One rule word whose four ors make 5 alternatives, and one plain rule: 6 compiled rules. */
    private static final String FIVE_WAYS = """
            package dev.planning.rules.hostile;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;

            rule "ways"
            when
                $t : (TaskFact(owner == "a") or TaskFact(owner == "b") or TaskFact(owner == "c") or TaskFact(owner == "d")
                      or TaskFact(owner == "e"))
            then
                insert(Report.violation(kcontext, $t, "m"));
            end

            rule "plain" when $t : TaskFact(owner == "f") then insert(Report.violation(kcontext, $t, "m")); end
            """;

    @Test
    void theCompiledRulesAreCountedEachAsItsAlternativesAgainstTheBound() {
        Collection<KiePackage> packages = new RulebookCompiler(getClass().getClassLoader())
                .compile(rulebook("ways", FIVE_WAYS)).kieBase().getKiePackages();

        assertThatThrownBy(() -> RulebookCompiler.requireCompiledRules(dir, packages,
                OperatorLimits.of(p -> p.equals(OperatorLimits.RULES_PROPERTY) ? "5" : null, Map.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("rulebook " + dir + ": its compiled rules count 6 (each rule as its alternatives, counted"
                        + " after compiling), more than the operator's bound of 5 (planning.rules.maxRules or"
                        + " PLANNING_RULES_MAX_RULES); nothing was evaluated");
        RulebookCompiler.requireCompiledRules(dir, packages,
                OperatorLimits.of(p -> p.equals(OperatorLimits.RULES_PROPERTY) ? "6" : null, Map.of()));
    }

    @Test
    void aCachedRulebookCompiledUnderAHigherBoundIsCountedAgainstTheLowerOne(@TempDir Path cacheDir) {
        // The cache lies outside the rulebook's parent directory, or it is not used.
        Rulebook ways = rulebook("ways", FIVE_WAYS);
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDir.resolve("cache"));
        RulebookCompiler first = new RulebookCompiler(getClass().getClassLoader());
        first.useDiskCache(cache);
        first.compile(ways).kieBase();
        assertThat(cache.holds(CompiledRulebookCache.key(ways.ruleFiles(),
                List.of(FIVE_WAYS.getBytes(StandardCharsets.UTF_8))), ways.directory())).isTrue();
        // Two rule words, under a bound of 3; only the compiled count sees the 6 rules of the entry.
        System.setProperty(OperatorLimits.RULES_PROPERTY, "3");
        RulebookCompiler later = new RulebookCompiler(getClass().getClassLoader());
        later.useDiskCache(CompiledRulebookCache.at(cacheDir.resolve("cache")));

        assertThatThrownBy(() -> later.compile(ways).kieBase())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rule 'ways' expands to 5 alternatives")
                .hasMessageContaining("bound of 3");
    }

    @Test
    void everyRuleAndQueryWordCountsSoNoDeclarationIsMissed() {
        assertThat(RulebookCompiler.declarations(rules(3).getBytes(StandardCharsets.UTF_8))).isEqualTo(3);
        assertThat(RulebookCompiler.declarations("rule query // rule\n\"rule\" rule_1 rules getRule $rule Rule ruleé"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(4);
    }
}
