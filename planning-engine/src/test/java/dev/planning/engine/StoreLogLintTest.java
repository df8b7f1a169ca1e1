package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * store36: a workspace whose event store is not its files lints the logs that store holds, those every command
 * reads, not the log files: a history the lifecycle does not allow in the store is a finding at its line (lint
 * passed it, reading the files), a cycle the store alone holds is linted too, and a broken log file the commands
 * never read is not a finding about the store's logs.
 */
class StoreLogLintTest {

    private static final CycleRef PLANNED = new CycleRef("fe", "2025-09-02");
    private static final CycleRef ONLY_IN_THE_STORE = new CycleRef("fe", "2025-10-07");

    @TempDir
    Path root;

    private static PlanningEvent event(String id, CycleRef cycle, EventType type, CycleState from, CycleState to) {
        return new PlanningEvent(id, Instant.parse("2025-09-02T10:00:00Z"), type, Optional.ofNullable(from),
                Optional.of(to), cycle.toString(), "test", Map.of(), Map.of());
    }

    /** A store holding {@code cycle}'s creation, then a move straight to COMPLETED: a history no fold allows. */
    private static InMemoryEventStore impossibleHistory(CycleRef cycle) {
        InMemoryEventStore store = new InMemoryEventStore();
        RecordedEvent created = store.append(cycle, event("evt_1", cycle, EventType.CYCLE_CREATED, null,
                CycleState.PLANNED), RecordedEvent.GENESIS);
        store.append(cycle, event("evt_2", cycle, EventType.STATE_TRANSITION, CycleState.PLANNED,
                CycleState.COMPLETED), created.hash());
        return store;
    }

    private LintReport lint(InMemoryEventStore store) {
        CycleWorkspace.create(root, PLANNED.cycleId());
        return Planning.builder().workspace(root).eventStore(store).build().lint();
    }

    @Test
    void aHistoryTheLifecycleDoesNotAllowInTheStoreIsAFindingAtItsLine() {
        LintReport report = lint(impossibleHistory(PLANNED));

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.code().equals("event.history")).singleElement()
                .satisfies(f -> assertThat(f.location()).contains(new SourceLocation("memory:" + PLANNED, 2, 0)));
        assertThat(report.filesChecked()).contains("memory:" + PLANNED);
    }

    /** errs37: the first event that did not fit was told alone; the file lint tells every one. */
    @Test
    void everyEventTheHistoryDoesNotAllowIsAFindingAtItsLineInOneRun() {
        InMemoryEventStore store = impossibleHistory(PLANNED);
        String head = store.read(PLANNED).get(1).hash();
        store.append(PLANNED, event("evt_3", PLANNED, EventType.CYCLE_CREATED, null, CycleState.PLANNED), head);

        LintReport report = lint(store);

        assertThat(report.findings()).filteredOn(f -> f.code().equals("event.history"))
                .extracting(Finding::location).containsExactly(
                        Optional.of(new SourceLocation("memory:" + PLANNED, 2, 0)),
                        Optional.of(new SourceLocation("memory:" + PLANNED, 3, 0)));
    }

    /** As the file lint: a log's first 50 mistakes, then one counting the rest. */
    @Test
    void aLogOfManyMistakesIsBoundedToTheFirstFiftyAndACount() {
        InMemoryEventStore store = impossibleHistory(PLANNED);
        String head = store.read(PLANNED).get(1).hash();
        for (int i = 3; i <= 60; i++) {
            head = store.append(PLANNED, event("evt_" + i, PLANNED, EventType.CYCLE_CREATED, null,
                    CycleState.PLANNED), head).hash();
        }

        LintReport report = lint(store);

        assertThat(report.findings()).filteredOn(f -> f.code().equals("event.history")).hasSize(50);
        assertThat(report.findings()).filteredOn(f -> f.message().startsWith("and ")).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("and 9 more findings in this log, not listed"
                        + " (9 errors); fix those above, then lint again"));
    }

    @Test
    void aCycleTheStoreAloneHoldsIsLintedToo() {
        LintReport report = lint(impossibleHistory(ONLY_IN_THE_STORE));

        assertThat(report.findings()).extracting(Finding::location).contains(
                Optional.of(new SourceLocation("memory:" + ONLY_IN_THE_STORE, 2, 0)));
    }

    @Test
    void aBrokenLogFileTheCommandsDoNotReadIsNoFindingAboutTheStoresLogs() throws Exception {
        Path log = root.resolve(WorkspaceLayout.DEFAULT.eventLog(PLANNED));
        Files.createDirectories(log.getParent());
        Files.writeString(log, "garbage\n", StandardCharsets.UTF_8);
        InMemoryEventStore store = new InMemoryEventStore();
        store.append(PLANNED, event("evt_1", PLANNED, EventType.CYCLE_CREATED, null, CycleState.PLANNED),
                RecordedEvent.GENESIS);

        LintReport report = lint(store);

        assertThat(report.findings()).as("the store's log is whole; the file is not what the commands read")
                .noneMatch(f -> f.code().startsWith("event."));
        assertThat(report.filesChecked()).contains("memory:" + PLANNED)
                .doesNotContain(WorkspaceLayout.DEFAULT.eventLog(PLANNED));
    }
}
