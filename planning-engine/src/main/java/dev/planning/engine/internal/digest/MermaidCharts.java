package dev.planning.engine.internal.digest;

import dev.planning.api.Printable;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The digest's Mermaid diagrams: a line chart ({@code xychart-beta}) per KPI measured in at least
 * two of the last cycles, and a state diagram of the cycle's path through the lifecycle. Mermaid
 * renders in the usual code hosts; the text stays readable where it does not.
 */
final class MermaidCharts {

    private MermaidCharts() {
    }

    /** A line chart of one KPI over the cycles it was measured in. */
    static String trend(KpiRow row) {
        StringBuilder chart = new StringBuilder("xychart-beta\n");
        chart.append("    title \"").append(label(row.value().name())).append("\"\n");
        chart.append("    x-axis [").append(row.history().stream().map(p -> "\"" + label(p.cycleId()) + "\"")
                .collect(Collectors.joining(", "))).append("]\n");
        chart.append("    y-axis \"").append(label(row.value().unit())).append("\"\n");
        chart.append("    line [").append(row.history().stream().map(p -> Figures.shown(p.value()))
                .collect(Collectors.joining(", "))).append("]\n");
        return chart.toString();
    }

    /**
     * The cycle's path: every accepted transition as an arrow, numbered in order; a refused attempt
     * as a self-loop (or an arrow to where the failure sent the cycle) naming the failed gates.
     */
    static String lifecycle(List<PlanningEvent> events) {
        StringBuilder chart = new StringBuilder("stateDiagram-v2\n");
        chart.append("    [*] --> PLANNED: created\n");
        int step = 0;
        for (PlanningEvent event : events) {
            if (event.fromState().isEmpty() || event.toState().isEmpty()) {
                continue;
            }
            CycleState from = event.fromState().get();
            CycleState to = event.toState().get();
            switch (event.type()) {
                case STATE_TRANSITION, PLAN_UPDATED -> chart.append("    ").append(from).append(" --> ").append(to)
                        .append(": ").append(++step).append(" ").append(label(event.details()
                                .getOrDefault("transition", "moved"))).append('\n');
                case CYCLE_COMPLETED -> chart.append("    ").append(from).append(" --> [*]: ").append(++step)
                        .append(" completed\n");
                case TRANSITION_REFUSED -> {
                    String failed = failedGates(event.gateResults());
                    String recorded = event.details().get(CycleFold.MOVED_TO);
                    Optional<CycleState> landed = movedTo(event);
                    chart.append("    ").append(from).append(" --> ").append(landed.orElse(from)).append(": ")
                            .append(++step).append(" refused ").append(to)
                            .append(failed.isEmpty() ? "" : " by " + failed)
                            .append(recorded != null && landed.isEmpty() ? " moved to no known state" : "")
                            .append('\n');
                }
                default -> {
                    // Facts (imports, seals, digests) do not move the cycle.
                }
            }
        }
        return chart.toString();
    }

    /**
     * Where a refused transition sent the cycle, by an allow-list: the recorded {@code moved_to} only when it is
     * exactly the name of a state; anything else (a log written by hand, which the strict fold would refuse)
     * is no state and never reaches a chart or a digest as written.
     */
    static Optional<CycleState> movedTo(PlanningEvent event) {
        String value = event.details().get(CycleFold.MOVED_TO);
        return Arrays.stream(CycleState.values()).filter(state -> state.name().equals(value)).findFirst();
    }

    private static String failedGates(Map<String, GateStatus> results) {
        return results.entrySet().stream().filter(e -> e.getValue() == GateStatus.FAIL).map(Map.Entry::getKey)
                .map(MermaidCharts::label).collect(Collectors.joining(" and "));
    }

    /** ASCII that is kept in a label besides letters and digits: none ends a label, a string or a line. */
    private static final String LABEL_ASCII = " _-.,/()'!?+=*~";

    /**
     * Text safe inside Mermaid labels and quoted strings, by an allow-list: letters, digits and their
     * marks that {@link Printable} shows as themselves, and {@link #LABEL_ASCII}; every other character
     * (quotes, {@code : ; # % | < >}, line breaks, bidirectional controls, invisible characters) is a
     * space. Twelfth review: a deny-list of ASCII kept a right-to-left override from the event log.
     */
    static String label(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean kept = cp < 0x80 ? Character.isLetterOrDigit(cp) || LABEL_ASCII.indexOf(cp) >= 0
                    : (Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                            || type == Character.COMBINING_SPACING_MARK) && Printable.shownAsItself(cp);
            out.appendCodePoint(kept ? cp : ' ');
        });
        return out.toString().strip();
    }

    /** Whether an event type moves or tries to move the cycle. */
    static boolean isAttempt(EventType type) {
        return type == EventType.STATE_TRANSITION || type == EventType.TRANSITION_REFUSED
                || type == EventType.PLAN_UPDATED || type == EventType.CYCLE_COMPLETED;
    }
}
