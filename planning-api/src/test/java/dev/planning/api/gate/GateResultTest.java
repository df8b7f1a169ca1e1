package dev.planning.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateResultTest {

    /** A gate's evidence as a gate builds it: nested maps and lists of its own, which it may keep. */
    private static Map<String, Object> gatesOwnEvidence(List<Object> stories, Map<String, Object> coverage) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("stories_without_task", stories);
        evidence.put("coverage", coverage);
        return evidence;
    }

    @Test
    void theGatesLaterChangesToItsNestedEvidenceDoNotReachTheResult() {
        List<Object> stories = new ArrayList<>(List.of("S-1"));
        Map<String, Object> unit = new LinkedHashMap<>(Map.of("target", 80));
        Map<String, Object> coverage = new LinkedHashMap<>(Map.of("unit", unit));
        GateResult result = GateResult.of("parity", List.of(), gatesOwnEvidence(stories, coverage));

        stories.add("S-2");
        unit.put("target", 0);
        coverage.put("e2e", Map.of());

        assertThat(result.evidence()).isEqualTo(Map.of("stories_without_task", List.of("S-1"),
                "coverage", Map.of("unit", Map.of("target", 80))));
    }

    @Test
    void noMapOrListNestedInTheEvidenceCanBeChanged() {
        GateResult result = GateResult.of("parity", List.of(),
                gatesOwnEvidence(new ArrayList<>(List.of(new ArrayList<>(List.of("S-1")))),
                        new LinkedHashMap<>(Map.of("unit", new LinkedHashMap<>(Map.of("target", 80))))));

        @SuppressWarnings("unchecked")
        List<Object> stories = (List<Object>) result.evidence().get("stories_without_task");
        @SuppressWarnings("unchecked")
        List<Object> inner = (List<Object>) stories.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> coverage = (Map<String, Object>) result.evidence().get("coverage");
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = (Map<String, Object>) coverage.get("unit");

        assertThatThrownBy(() -> stories.add("S-2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> inner.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> coverage.put("e2e", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> unit.put("target", 0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.evidence().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    /** JSON's nulls and order are kept, and every kind of JSON number. */
    @Test
    void nullsOrderAndJsonNumbersAreKeptAsGiven() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("z", null);
        evidence.put("a", Arrays.asList(null, 1, "two"));
        evidence.put("numbers", List.of(1L, (short) 2, (byte) 3, 4.5, 5.5f, BigInteger.TEN, BigDecimal.ONE));

        GateResult result = GateResult.of("g", List.of(), evidence);

        assertThat(result.evidence().keySet()).containsExactly("z", "a", "numbers");
        assertThat(result.evidence().get("z")).isNull();
        assertThat(result.evidence().get("a")).isEqualTo(Arrays.asList(null, 1, "two"));
        assertThat(result.evidence().get("numbers")).isEqualTo(evidence.get("numbers"));
    }

    /**
     * api26: a value with no JSON form is refused when the result is made, naming the gate and where the value
     * is; a set and an array were kept as they were (changeable, and written as the mapper saw fit).
     */
    @Test
    void refusesAValueThatIsNotJsonNamingTheGateAndWhereItIs() {
        record Seen(int tasks) {
        }
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("a java.util.ImmutableCollections$Set12, not a JSON value", Set.of("x"));
        cases.put("a [Ljava.lang.String;, not a JSON value", new String[] {"x"});
        cases.put("a " + Seen.class.getName() + ", not a JSON value", new Seen(1));
        cases.put("a java.time.LocalDate, not a JSON value", LocalDate.of(2025, 9, 2));
        cases.put("a " + GateStatus.class.getName() + ", not a JSON value", GateStatus.PASS);
        cases.put("is NaN, which JSON has no number for", Double.NaN);
        cases.put("is Infinity, which JSON has no number for", Float.POSITIVE_INFINITY);
        cases.forEach((problem, value) -> {
            Map<String, Object> coverage = new LinkedHashMap<>();
            coverage.put("ok", 1);
            coverage.put("ids", Arrays.asList("S-1", value));
            Map<String, Object> evidence = Map.of("coverage", coverage);

            assertThatThrownBy(() -> GateResult.of("parity", List.of(), evidence))
                    .isInstanceOfSatisfying(GateResult.InvalidEvidenceException.class, e -> {
                        assertThat(e.gate()).isEqualTo("parity");
                        assertThat(e.path()).isEqualTo("evidence.coverage.ids[1]");
                    })
                    .hasMessageStartingWith("gate parity: evidence.coverage.ids[1] ").hasMessageContaining(problem);
        });
    }

    /**
     * review26: a subclass of {@code BigInteger} or {@code BigDecimal} (neither class is final) passed the allow-list
     * as the class it extends; the JSON writer writes such a number as its {@code toString()}, raw, so one whose
     * {@code toString()} is {@code 1, "signed": true} wrote a member of its own into the evidence file. Only the
     * classes themselves are numbers.
     */
    @Test
    void refusesASubclassOfBigIntegerOrBigDecimalWhoseTextIsNotItsValue() {
        Object integer = new BigInteger("1") {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                return "1, \"signed\": true";
            }
        };
        Object decimal = new BigDecimal("1.5") {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                return "1.5, \"signed\": true";
            }
        };

        for (Object number : List.of(integer, decimal)) {
            assertThatThrownBy(() -> GateResult.of("g", List.of(), Map.of("count", number)))
                    .isInstanceOf(GateResult.InvalidEvidenceException.class)
                    .hasMessage("gate g: evidence.count is a " + number.getClass().getName() + ", not a JSON value (a"
                            + " string, number, boolean, null, or a list or string-keyed map of them)");
        }
    }

    @Test
    void refusesAMapWhoseKeyIsNotAString() {
        Map<Object, Object> byNumber = new LinkedHashMap<>();
        byNumber.put(1, "one");

        assertThatThrownBy(() -> GateResult.of("g", List.of(), Map.of("by_number", byNumber)))
                .isInstanceOf(GateResult.InvalidEvidenceException.class)
                .hasMessage("gate g: evidence.by_number has a key that is a java.lang.Integer, not a string");
    }

    @Test
    void evidenceNestedToTheBoundIsKeptAndOneLevelDeeperIsRefused() {
        assertThat(GateResult.of("g", List.of(), nested(GateResult.MAX_EVIDENCE_DEPTH)).evidence()).isNotEmpty();

        assertThatThrownBy(() -> GateResult.of("g", List.of(), nested(GateResult.MAX_EVIDENCE_DEPTH + 1)))
                .isInstanceOf(GateResult.InvalidEvidenceException.class)
                .hasMessageStartingWith("gate g: evidence.n[0].n[0]")
                .hasMessageEndingWith(" nests deeper than " + GateResult.MAX_EVIDENCE_DEPTH + " levels");
    }

    /** review25 left it: evidence that holds itself (a gate's bug) overflowed the stack; it is refused now. */
    @Test
    void evidenceThatHoldsItselfIsRefusedNotCopiedUntilTheStackRunsOut() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        list.add(list);
        evidence.put("itself", evidence);
        Map<String, Object> listed = Map.of("list", list);

        assertThatThrownBy(() -> GateResult.of("g", List.of(), evidence))
                .isInstanceOf(GateResult.InvalidEvidenceException.class).hasMessageContaining("nests deeper than");
        assertThatThrownBy(() -> GateResult.of("g", List.of(), listed))
                .isInstanceOf(GateResult.InvalidEvidenceException.class).hasMessageContaining("nests deeper than");
    }

    /** Evidence {@code depth} levels deep: maps and lists alternating, the evidence map the first level. */
    private static Map<String, Object> nested(int depth) {
        Object value = "leaf";
        for (int level = depth; level > 1; level--) {
            value = level % 2 == 0 ? List.of(value) : Map.of("n", value);
        }
        return Map.of("n", value);
    }
}
