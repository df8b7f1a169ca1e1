package dev.planning.rules.drools;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Counts firings per rule name during one session. Not thread-safe: one session, one counter. */
final class FiringCounter extends DefaultAgendaEventListener {

    private final Map<String, Integer> counts = new TreeMap<>();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        counts.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
    }

    /** Rule name to firings, sorted by name. */
    Map<String, Integer> counts() {
        return counts;
    }

    /** The rules that fired most, for the runaway message: {@code name (count), ...}. */
    String top(int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
