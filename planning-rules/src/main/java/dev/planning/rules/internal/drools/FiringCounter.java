package dev.planning.rules.internal.drools;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Counts firings per rule name during one session, and knows which rule is firing. Written by one thread. */
final class FiringCounter extends DefaultAgendaEventListener {

    private final Map<String, Integer> counts = new TreeMap<>();
    /** The rule whose consequence is running, read by the waiting thread when a bound is overrun. */
    private volatile String current;

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch().getRule().getName();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        counts.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
        current = null;
    }

    /** The rule firing now, or {@code null} between firings. */
    String current() {
        return current;
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
