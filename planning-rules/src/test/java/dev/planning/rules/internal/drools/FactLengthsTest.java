package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Task;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.facts.CrossStreamRefFact;
import dev.planning.rules.facts.GateResultFact;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.StoryFact;
import dev.planning.rules.facts.TaskFact;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bound on each text an evaluation inserts, whatever built the input (docs/SECURITY.md,
 * "apibound"): the engine holds the facts to the operator's {@code planning.documents.maxValueLength}
 * (default 10,000 characters), as the YAML readers hold a file's values.
 */
class FactLengthsTest {

    private static final int BOUND = 10_000;

    private static final String EVERY_TASK = """
            package policies;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "seen" when $t : TaskFact(title contains "needle") then insert(Report.violation(kcontext, $t, "seen")); end
            """;

    @TempDir
    Path dir;

    /** An engine as an embedder gets one: the factory the service loader finds. */
    private GovernanceEngine publicEngine() {
        GovernanceEngineFactory factory = ServiceLoader.load(GovernanceEngineFactory.class).findFirst().orElseThrow();
        return factory.create(TestRulebooks.withRules(dir, Map.of("rules/seen.drl", EVERY_TASK), Map.of()));
    }

    private static GovernanceInput.Builder input() {
        return GovernanceInput.builder(new CycleRef("fe", "2025-09-02"), LocalDate.of(2025, 9, 2));
    }

    @Test
    void anInputBuiltThroughThePublicApiWithATitleOverTheBoundIsRefusedNamingTheTaskFieldLengthAndBound() {
        var engine = publicEngine();
        GovernanceInput tooLong = input().tasks(Task.builder("FE-1", "needle" + "a".repeat(BOUND - 5)).build()).build();

        assertThatThrownBy(() -> engine.evaluate(tooLong))
                .isInstanceOf(EvaluationLimitException.class)
                .satisfies(e -> assertThat(((EvaluationLimitException) e).limit())
                        .isEqualTo(EvaluationLimitException.Limit.VALUE_LENGTH))
                .hasMessageContaining("refused before any rule fired")
                .hasMessageContaining("task 'FE-1'")
                .hasMessageContaining("`title` is 10,001 characters long, more than 10,000 characters")
                .hasMessageContaining("planning.documents.maxValueLength")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aTitleOfExactlyTheBoundIsJudged() {
        GovernanceDecision decision = publicEngine().evaluate(
                input().tasks(Task.builder("FE-1", "needle" + "a".repeat(BOUND - 6)).build()).build());

        assertThat(decision.violations()).extracting(v -> v.rule()).containsExactly("seen");
    }

    @Test
    void everyTextOverTheBoundIsNamedOneLineEachAndNothingIsInsertedAfterTheFirst() {
        var engine = new DroolsGovernanceEngineFactory(1, getClass().getClassLoader())
                .create(TestRulebooks.withRules(dir, Map.of("rules/seen.drl", EVERY_TASK), Map.of()));
        String huge = "b".repeat(BOUND + 1);
        GovernanceInput tooLong = input()
                .tasks(Task.builder("FE-1", "fine").build(),
                        Task.builder("FE-2", "fine").tags("team:" + huge).description(huge).build(),
                        Task.builder("FE-3", "fine").build(),
                        Task.builder("FE-4", "fine").dependsOn("be:" + huge).build())
                .storyMap(new StoryMap("1.0.0", "2025-09-02", "fe", "Map", List.of(new Activity("A-1", "Browse",
                        List.of(new Story("S-1", huge, Optional.empty(), new SourceLocation("map.md", 3, 1))))),
                        List.of(), "", "map.md"))
                .build();

        assertThatThrownBy(() -> engine.evaluate(tooLong))
                .isInstanceOf(EvaluationLimitException.class)
                .hasMessageContaining("5 texts are longer than 10,000 characters")
                .hasMessageContaining("\n  task 'FE-2'").hasMessageContaining(": `tags.team` is 10,001 characters long")
                .hasMessageContaining(": `description` is 10,001 characters long")
                .hasMessageContaining("\n  task 'FE-4'").hasMessageContaining(": `dependencies[0]` is 10,004 characters long")
                .hasMessageContaining("\n  cross-stream reference of task 'FE-4'")
                .hasMessageContaining(": `id` is 10,001 characters long")
                .hasMessageContaining("\n  story 'S-1'").hasMessageContaining(": `title` is 10,001 characters long");
        // The rulebook's settings and FE-1 went in; FE-2 and everything after it did not.
        assertThat(engine.lastInserts()).isEqualTo(2);
    }

    @Test
    void aLongIdIsQuotedShortenedOnOneLine() {
        String id = "X\n" + "i".repeat(BOUND);

        assertThatThrownBy(() -> publicEngine().evaluate(input().tasks(Task.builder(id, "t").build()).build()))
                .isInstanceOf(EvaluationLimitException.class)
                .hasMessageContaining("task 'X?" + "i".repeat(38) + "...'")
                .hasMessageContaining("`id` is 10,002 characters long")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFactOfATypeItDoesNotKnowIsRefused() {
        FactLengths lengths = new FactLengths(10);

        assertThat(lengths.check(new Object())).isFalse();
        assertThat(lengths.refusal("rb").getMessage()).contains("a fact of type java.lang.Object whose texts cannot be bounded");
    }

    /**
     * Every component of every fact type that can hold text is checked: each is made one character
     * too long in turn (a map's key and value, a list's element, a location's file), and a fact
     * type's component of a kind this test does not know fails the test, so a new text field cannot
     * go unchecked.
     */
    @Test
    void everyTextComponentOfEveryFactTypeIsChecked() throws ReflectiveOperationException {
        List<String> unchecked = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : List.of(TaskFact.class, StoryFact.class, CrossStreamRefFact.class, GateResultFact.class,
                RulebookFacts.class)) {
            RecordComponent[] components = type.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                for (Object tooLong : tooLong(components[i].getGenericType())) {
                    Object[] args = new Object[components.length];
                    for (int j = 0; j < components.length; j++) {
                        args[j] = j == i ? tooLong : plain(components[j].getType());
                    }
                    Object fact = type.getDeclaredConstructor(
                            Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                            .newInstance(args);
                    FactLengths lengths = new FactLengths(10);
                    checked++;
                    if (lengths.check(fact) || !lengths.refusal("rb").getMessage().contains("`" + components[i].getName())) {
                        unchecked.add(type.getSimpleName() + "." + components[i].getName() + " = " + tooLong);
                    }
                }
            }
        }

        assertThat(unchecked).isEmpty();
        assertThat(checked).isGreaterThan(30);
    }

    private static final String LONG = "a".repeat(11);

    /** The values of a component's type that hold one text too long; none for a type with no text. */
    private static List<Object> tooLong(Type type) {
        if (type == String.class) {
            return List.of(LONG);
        }
        if (type == SourceLocation.class) {
            return List.of(SourceLocation.ofFile(LONG));
        }
        if (type == int.class || type == boolean.class || type == Integer.class || type == Double.class
                || type == LocalDate.class) {
            return List.of();
        }
        if (type instanceof ParameterizedType p) {
            String shape = p.getTypeName();
            switch (shape) {
                case "java.util.List<java.lang.String>":
                    return List.of(List.of("ok", LONG));
                case "java.util.Map<java.lang.String, java.lang.String>":
                    return List.of(Map.of(LONG, "v"), Map.of("k", LONG));
                case "java.util.Map<java.lang.String, java.lang.Double>":
                    return List.of(Map.of(LONG, 1.0));
                case "java.util.Map<java.lang.String, java.util.List<java.lang.String>>":
                    return List.of(Map.of(LONG, List.of("v")), Map.of("k", List.of("v", LONG)));
                default:
                    break;
            }
        }
        throw new AssertionError("a fact component of type " + type.getTypeName()
                + ": say here what a text of it too long is, and check it in FactLengths");
    }

    private static Object plain(Class<?> type) {
        if (type == String.class) {
            return "x";
        }
        if (type == SourceLocation.class) {
            return SourceLocation.ofFile("plan.yaml");
        }
        if (type == int.class) {
            return 0;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        return null;
    }
}
