package dev.planning.engine.internal.digest;

import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.Task;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one digest shows, gathered by {@link DigestPublisher} and rendered by
 * {@link DigestModel}: the summary (front matter) and what only the body shows.
 */
record DigestContent(
        String digestPath,
        DigestSummary summary,
        DigestFacts facts,
        List<KpiRow> rows,
        List<GateRow> gates,
        Optional<ManifestExcerpt> manifest,
        String manifestExpected,
        List<PlanningEvent> events,
        List<Task> droppedTasks,
        CycleDecisions decisions,
        String retrospectivePath,
        int waiverHorizonDays) {

    DigestContent {
        Objects.requireNonNull(digestPath, "digestPath");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(facts, "facts");
        rows = List.copyOf(rows);
        gates = List.copyOf(gates);
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestExpected, "manifestExpected");
        events = List.copyOf(events);
        droppedTasks = List.copyOf(droppedTasks);
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(retrospectivePath, "retrospectivePath");
    }

    /** A gate's latest result in the cycle, with its evidence file when one was recorded. */
    record GateRow(String name, GateStatus status, Instant at, Optional<String> evidence) {
    }
}
