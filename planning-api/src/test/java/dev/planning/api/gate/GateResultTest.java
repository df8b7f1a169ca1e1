package dev.planning.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** JSON's nulls and order are kept; a value that is not JSON is kept as it is, for the gate contract to judge. */
    @Test
    void nullsOrderAndOtherValuesAreKeptAsGiven() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("z", null);
        evidence.put("a", Arrays.asList(null, 1, "two"));
        Set<String> notJson = Set.of("x");
        evidence.put("set", notJson);

        GateResult result = GateResult.of("g", List.of(), evidence);

        assertThat(result.evidence().keySet()).containsExactly("z", "a", "set");
        assertThat(result.evidence().get("z")).isNull();
        assertThat(result.evidence().get("a")).isEqualTo(Arrays.asList(null, 1, "two"));
        assertThat(result.evidence().get("set")).isSameAs(notJson);
    }
}
