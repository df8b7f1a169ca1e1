package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.TestRulebooks;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DroolsGovernanceEngineTest {

    private static final String HEADER = """
            package test;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            """;

    private static final String OWNER_RULE = HEADER + """
            rule "owner-required"
                @severity(CRITICAL)
                @control("CTL-7")
                @owner_team("governance")
            when
                $t : TaskFact(owner == null)
            then
                insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
            end
            """;

    @TempDir
    Path dir;

    private DroolsGovernanceEngine engine(Map<String, String> files, Map<String, Double> thresholds) {
        return new DroolsGovernanceEngineFactory(4, getClass().getClassLoader())
                .create(TestRulebooks.withRules(dir, files, thresholds));
    }

    private static Waiver waiver(String rule, String item, LocalDate expires) {
        return new Waiver(rule, item, "accepted risk", "cto", expires);
    }

    @Test
    void activeWaiverWaivesExactlyItsRuleAndItem() {
        DroolsGovernanceEngine engine = engine(Map.of("rules/a.drl", OWNER_RULE), Map.of());

        GovernanceDecision decision = engine.evaluate(input(
                List.of(goodTask("FE-1").owner(null).build(), goodTask("FE-2").owner(null).build()),
                List.of(waiver("owner-required", "FE-1", LocalDate.of(2025, 9, 2)))));

        assertThat(decision).hasOnlyViolations(v("owner-required", "FE-2")).hasWaived(v("owner-required", "FE-1"));
        assertThat(decision.unusedWaivers()).isEmpty();
        assertThat(decision.criticalCount()).isEqualTo(1);
    }

    @Test
    void expiredWaiverWaivesNothingAndIsReportedUnused() {
        DroolsGovernanceEngine engine = engine(Map.of("rules/a.drl", OWNER_RULE), Map.of());

        GovernanceDecision decision = engine.evaluate(input(List.of(goodTask("FE-1").owner(null).build()),
                List.of(waiver("owner-required", "FE-1", LocalDate.of(2025, 9, 1)))));

        assertThat(decision).hasOnlyViolations(v("owner-required", "FE-1")).hasUnusedWaiver("owner-required", "FE-1");
        assertThat(decision.waived()).isEmpty();
    }

    @Test
    void waiverForAnotherRuleOrItemIsUnused() {
        DroolsGovernanceEngine engine = engine(Map.of("rules/a.drl", OWNER_RULE), Map.of());

        GovernanceDecision decision = engine.evaluate(input(List.of(goodTask("FE-1").owner(null).build()),
                List.of(waiver("owner-required", "FE-9", LocalDate.MAX), waiver("other-rule", "FE-1", LocalDate.MAX))));

        assertThat(decision).hasOnlyViolations(v("owner-required", "FE-1"))
                .hasUnusedWaiver("owner-required", "FE-9").hasUnusedWaiver("other-rule", "FE-1");
    }

    @Test
    void violationCarriesRuleMetadataAndLocation() {
        DroolsGovernanceEngine engine = engine(Map.of("rules/a.drl", OWNER_RULE), Map.of());
        SourceLocation at = new SourceLocation("tasks.yaml", 12, 7);

        GovernanceDecision decision = engine.evaluate(input(goodTask("FE-1").owner(null).location(at).build()));

        var violation = decision.violations().get(0);
        assertThat(violation.metadata()).containsEntry("control", "CTL-7").containsEntry("owner_team", "governance")
                .containsEntry("severity", "CRITICAL");
        assertThat(violation.severity()).isEqualTo(ViolationSeverity.CRITICAL);
        assertThat(violation.location()).contains(at);
        assertThat(decision.rulesFired()).containsExactly(Map.entry("owner-required", 1));
    }

    @Test
    void ruleWithoutSeverityReportsMedium() {
        String drl = HEADER + """
                rule "plain" when $t : TaskFact() then insert(Report.violation(kcontext, $t, "x")); end
                """;

        GovernanceDecision decision = engine(Map.of("rules/a.drl", drl), Map.of()).evaluate(input(goodTask("FE-1").build()));

        assertThat(decision).hasViolation("plain").withSeverity(ViolationSeverity.MEDIUM);
    }

    @Test
    void decisionRecordsRulebookHashAndStableInputDigests() {
        DroolsGovernanceEngine engine = engine(Map.of("rules/a.drl", OWNER_RULE), Map.of());

        GovernanceDecision first = engine.evaluate(input(goodTask("FE-1").build()));
        GovernanceDecision again = engine.evaluate(input(goodTask("FE-1").build()));
        GovernanceDecision changed = engine.evaluate(input(goodTask("FE-1").description("Other").build()));

        assertThat(first.rulebookHash()).isEqualTo(engine.rulebook().hash());
        assertThat(first.inputDigests()).containsOnlyKeys("tasks", "waivers");
        assertThat(first.inputDigests().get("tasks")).matches("[0-9a-f]{64}");
        assertThat(again.inputDigests()).isEqualTo(first.inputDigests());
        assertThat(changed.inputDigests().get("tasks")).isNotEqualTo(first.inputDigests().get("tasks"));
        assertThat(changed.inputDigests().get("waivers")).isEqualTo(first.inputDigests().get("waivers"));
    }

    @Test
    void compilesOncePerHashEvenForConcurrentCallers() throws Exception {
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        Rulebook rulebook = TestRulebooks.withRules(dir, Map.of("rules/a.drl", OWNER_RULE), Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<DroolsGovernanceEngine> create = () -> factory.create(rulebook);
            List<Future<DroolsGovernanceEngine>> results = pool.invokeAll(List.of(create, create, create, create));
            DroolsGovernanceEngine first = results.get(0).get();
            for (Future<DroolsGovernanceEngine> result : results) {
                assertThat(result.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(factory.compilationCount()).isEqualTo(1);

        Rulebook sameHashElsewhere = new Rulebook(dir.resolve("copy"), rulebook.hash(), "other", rulebook.profiles(),
                Map.of(), "fe", Map.of(), List.of(), Map.of(), rulebook.ruleFiles());
        // The compiled rules are shared; the engine names the rulebook it was given (in its error messages).
        assertThat(factory.create(sameHashElsewhere).kieBase()).isSameAs(factory.create(rulebook).kieBase());
        assertThat(factory.create(sameHashElsewhere).rulebook()).isEqualTo(sameHashElsewhere);
        assertThat(factory.compilationCount()).isEqualTo(1);
    }

    @Test
    void differentHashCompilesAgain() {
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        Rulebook one = TestRulebooks.withRules(dir.resolve("one"), Map.of("rules/a.drl", OWNER_RULE), Map.of());
        Rulebook two = TestRulebooks.withRules(dir.resolve("two"), Map.of("rules/a.drl", OWNER_RULE + "\n// changed\n"), Map.of());

        assertThat(factory.create(one)).isNotSameAs(factory.create(two));
        assertThat(factory.compilationCount()).isEqualTo(2);
    }

    /**
     * mend31: a rulebook loaded from the disk cache was counted as compiled, so the count could not tell a cache
     * hit from a compilation. It counts what was compiled from rule files: a load from the cache is not counted,
     * and an entry that does not check out, compiled again, is.
     */
    @Test
    void aRulebookLoadedFromTheDiskCacheIsNotCountedAsCompiled() throws Exception {
        Rulebook rulebook = TestRulebooks.withRules(dir.resolve("ws").resolve("rulebook"), Map.of("rules/a.drl", OWNER_RULE),
                Map.of());
        DroolsGovernanceEngineFactory first = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        first.useDiskCache(CompiledRulebookCache.at(dir.resolve("cache")));
        GovernanceDecision compiled = first.create(rulebook).evaluate(input(goodTask("FE-1").owner(null).build()));
        assertThat(first.compilationCount()).isEqualTo(1);

        DroolsGovernanceEngineFactory later = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        later.useDiskCache(CompiledRulebookCache.at(dir.resolve("cache")));
        GovernanceDecision loaded = later.create(rulebook).evaluate(input(goodTask("FE-1").owner(null).build()));

        assertThat(loaded).isEqualTo(compiled);
        assertThat(later.compilationCount()).isZero();

        try (Stream<Path> entries = Files.walk(dir.resolve("cache"))) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                Files.write(entry, new byte[] {1, 2, 3});
            }
        }
        DroolsGovernanceEngineFactory spoiled = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        spoiled.useDiskCache(CompiledRulebookCache.at(dir.resolve("cache")));
        assertThat(spoiled.create(rulebook).evaluate(input(goodTask("FE-1").owner(null).build()))).isEqualTo(compiled);
        assertThat(spoiled.compilationCount()).isEqualTo(1);
    }

    @Test
    void aRulebookThatDoesNotCompileIsNotCountedAsCompiled() {
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());
        Rulebook broken = TestRulebooks.withRules(dir.resolve("broken"),
                Map.of("rules/a.drl", HEADER + "rule \"broken\" when then nonsense(; end\n"), Map.of());
        Rulebook good = TestRulebooks.withRules(dir.resolve("good"), Map.of("rules/a.drl", OWNER_RULE), Map.of());

        assertThatThrownBy(() -> factory.create(broken)).isInstanceOf(InvalidInputException.class);
        assertThat(factory.compilationCount()).isZero();
        assertThat(factory.create(good)).isNotNull();
        assertThat(factory.compilationCount()).isEqualTo(1);
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        String broken = HEADER + """
                rule "broken"
                when
                    $t : TaskFact(owner == null
                then
                end
                """;

        assertThatThrownBy(() -> engine(Map.of("rules/ok.drl", OWNER_RULE, "rules/broken.drl", broken), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    SourceLocation location = e.location().orElseThrow();
                    assertThat(location.file()).isEqualTo("rules/broken.drl");
                    assertThat(location.line()).isBetween(6, 7);
                    assertThat(e.getMessage()).contains("broken").doesNotContain("Exception").doesNotContain("\tat ");
                    assertThat(e.describe()).startsWith("rules/broken.drl:" + location.line());
                });
    }

    @Test
    void unknownFieldIsACompileErrorOnItsLine() {
        String broken = HEADER + """
                rule "typo"
                when
                    $t : TaskFact(ownr == null)
                then
                end
                """;

        assertThatThrownBy(() -> engine(Map.of("rules/typo.drl", broken), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.location()).get().extracting(SourceLocation::file, SourceLocation::line)
                            .containsExactly("rules/typo.drl", 6);
                    assertThat(e.getMessage()).contains("ownr");
                });
    }

    @Test
    void missingRuleFileIsALocatedError() {
        Rulebook rulebook = TestRulebooks.withRules(dir, Map.of("rules/a.drl", OWNER_RULE), Map.of());
        Rulebook missing = new Rulebook(rulebook.directory(), "other-hash", "1", rulebook.profiles(), Map.of(), "fe",
                Map.of(), List.of(), Map.of(), List.of("rules/nope.drl"));

        assertThatThrownBy(() -> new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot read rule file")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                        .isEqualTo("rules/nope.drl"));
    }

    @Test
    void unknownSeverityIsRejectedAtCompileTime() {
        String drl = HEADER + """
                rule "odd" @severity(URGENT) when $t : TaskFact() then end
                """;

        assertThatThrownBy(() -> engine(Map.of("rules/odd.drl", drl), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rule 'odd' has @severity(URGENT); expected one of CRITICAL, HIGH, MEDIUM, LOW")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                        .isEqualTo("rules/odd.drl"));
    }

    /**
     * attack31: {@code @severity} with no value, or a name Drools' metadata evaluation reads as nothing
     * ({@code null}, {@code nil}), was taken for no {@code @severity} at load (MEDIUM) and passed; every
     * firing then threw in {@link dev.planning.rules.facts.Report}, which reads the metadata as the text
     * "null", so the evaluation ended in an internal error instead of the rulebook being refused, located.
     */
    @Test
    void aSeverityThatIsNoValueIsRejectedAtCompileTimeNotWhenTheRuleFires() {
        for (String severity : List.of("@severity", "@severity(null)", "@severity(nil)")) {
            String drl = HEADER + "rule \"odd\" " + severity + " when $t : TaskFact() then end\n";

            assertThatThrownBy(() -> new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(
                    TestRulebooks.withRules(dir.resolve("rb" + severity.length()), Map.of("rules/odd.drl", drl), Map.of())))
                    .as(severity)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("rule 'odd' has @severity(null); expected one of CRITICAL, HIGH, MEDIUM, LOW");
        }
    }

    /**
     * attack31: rule files that declare no rule at all (a package line, comments, rules commented out)
     * compiled, and governance then found nothing to report on any plan: Critical=0 held for every
     * plan, and the rule tests' coverage of "0 of 0 rules" read 100%. A rulebook without rule files was
     * already refused; rule files without a rule are refused alike, when the rulebook is compiled.
     */
    @Test
    void ruleFilesThatDeclareNoRuleAreRefusedNotAPassForEveryPlan() {
        String drl = HEADER + """
                // rule "owner-required" when $t : TaskFact(owner == null) then ... end
                """;

        assertThatThrownBy(() -> engine(Map.of("rules/a.drl", drl, "rules/b.drl", "package test;\n"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rule files rules/a.drl, rules/b.drl declare no rule")
                .hasMessageContaining("every plan would pass");
    }

    /** errors19: the first rule of an unknown severity alone was refused, at its file only. */
    @Test
    void everyUnknownSeverityOfEveryFileIsRejectedAtItsRule() {
        String odd = HEADER + """

                rule "odd" @severity(URGENT) when $t : TaskFact() then end
                """;
        String other = HEADER + """
                rule "fine" @severity(LOW) when $t : TaskFact() then end
                rule "other" @severity(SEVERE) when $t : TaskFact() then end
                """;

        assertThatThrownBy(() -> engine(Map.of("rules/a.drl", odd, "rules/b.drl", other), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("rule 'odd' has @severity(URGENT); expected one of CRITICAL, HIGH, MEDIUM, LOW\n"
                        + "rules/b.drl:" + (HEADER.lines().count() + 2) + ":1: rule 'other' has @severity(SEVERE); expected"
                        + " one of CRITICAL, HIGH, MEDIUM, LOW")
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).contains(
                        new dev.planning.api.SourceLocation("rules/a.drl", (int) HEADER.lines().count() + 2, 1)));
    }

    @Test
    void ruleThatReactivatesItselfIsCutOffWithAClearError() {
        String loop = HEADER + """
                import dev.planning.rules.facts.ViolationFact;

                // update/modify are outside the policy language; a rule that reports on violations can still loop.
                rule "seed" when $t : TaskFact() then insert(Report.violation(kcontext, $t, "seed")); end

                rule "forever"
                when
                    $v : ViolationFact()
                then
                    insert(Report.violation(kcontext, $v.item(), $v.message()));
                end
                """;
        DroolsGovernanceEngine engine = engine(Map.of("rules/loop.drl", loop), Map.of("max_rule_firings", 500.0));

        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> engine.evaluate(input(goodTask("FE-1").build())))
                        .isInstanceOf(PlanningException.class)
                        .hasMessageStartingWith("rules fired more than 500 times; a rule probably re-activates itself: forever (501), seed (1)"));
        // The engine is still usable afterwards: the failed session was disposed, not left behind.
        assertThat(engine.maxFirings()).isEqualTo(500);
    }

    @Test
    void judgesNegationAndAccumulationOnlyOnceEveryFactIsIn() {
        // Rules are matched as facts are inserted (eager activation); what fires must still be
        // judged on all of them: "nobody owns anything" was true after the first task only, and
        // the count of unowned tasks passed 2 before it reached 3.
        String rules = HEADER + """
                rule "nobody-owns-anything"
                when
                    not TaskFact(owner != null)
                then
                    insert(Report.violation(kcontext, "cycle", "no task has an owner"));
                end

                rule "many-unowned"
                when
                    $n : Number(intValue >= 2) from accumulate(TaskFact(owner == null), count(1))
                then
                    insert(Report.violation(kcontext, "cycle", $n + " tasks have no owner"));
                end
                """;
        DroolsGovernanceEngine engine = engine(Map.of("rules/set.drl", rules), Map.of());

        GovernanceDecision decision = engine.evaluate(input(List.of(goodTask("FE-1").owner(null).build(),
                goodTask("FE-2").owner(null).build(), goodTask("FE-3").owner(null).build(), goodTask("FE-4").build()),
                List.of()));

        assertThat(decision.violations()).extracting(Violation::rule, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("many-unowned", "3 tasks have no owner"));
        assertThat(decision.rulesFired()).containsExactly(Map.entry("many-unowned", 1));
    }

    @Test
    void compilesWhateverTheContextClassLoaderIs() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        // A context loader that cannot see the fact classes, as in some containers and plugin hosts.
        thread.setContextClassLoader(new URLClassLoader(new URL[0], null));
        try {
            DroolsGovernanceEngine engine = engine(Map.of("rules/a.drl", OWNER_RULE), Map.of());
            assertThat(engine.evaluate(input(goodTask("FE-1").owner(null).build())).violations()).hasSize(1);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(GovernanceEngineFactory.class).findFirst())
                .get().isInstanceOf(DroolsGovernanceEngineFactory.class);
    }
}
