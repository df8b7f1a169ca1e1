package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack35: lint's read of the cycles' event logs against a contributor who commits the log. Lint must never pass a
 * log {@code status} and {@code gate} refuse, and stays bounded and read-only whatever the log holds.
 */
class EventLogLintAttackTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @TempDir
    Path workspace;

    @BeforeEach
    void writeTheCyclesPlans() {
        Plans.feWorkspace(workspace);
    }

    private static PlanningEvent event(EventType type, CycleState from, CycleState to) {
        return new PlanningEvent("evt_" + type + "_" + from + "_" + to, Instant.parse("2025-09-02T10:00:00Z"), type,
                Optional.ofNullable(from), Optional.ofNullable(to), CYCLE.toString(), "ci",
                Map.of("schema_lint", GateStatus.PASS), Map.of());
    }

    private LintReport lint() {
        return WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.empty(), Optional.empty());
    }

    /**
     * A rebuilt log whose every line chains, claiming {@code PLANNED -> COMPLETED} in one move: {@code status}
     * refuses it at line 2; lint passed it (its read judged the chain and the cycle, not the history).
     */
    @Test
    void aWellChainedHistoryTheLifecycleDoesNotAllowFailsLintAtTheLineStatusRefuses() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        String head = store.append(CYCLE, event(EventType.CYCLE_CREATED, null, CycleState.PLANNED),
                RecordedEvent.GENESIS).hash();
        head = store.append(CYCLE, event(EventType.STATE_TRANSITION, CycleState.PLANNED, CycleState.COMPLETED),
                head).hash();
        store.append(CYCLE, event(EventType.GATE_EVALUATED, null, null), head);
        byte[] before = Files.readAllBytes(workspace.resolve(LOG));
        // What status and gate do with the log they read: fold it (LifecycleMachine), refused at line 2.
        assertThatThrownBy(() -> CycleFold.fold(store.location(CYCLE), store.read(CYCLE)))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 does not fit the cycle's history");

        LintReport report = lint();

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.code().startsWith("event.")).singleElement()
                .satisfies(f -> {
                    assertThat(f.code()).isEqualTo(LintCodes.EVENT_HISTORY);
                    assertThat(f.describe()).startsWith(LOG + ":2: error: event ").contains("on line 2 does not fit"
                            + " the cycle's history: STATE_TRANSITION PLANNED -> COMPLETED is not a transition the"
                            + " lifecycle allows");
                });
        assertThat(Files.readAllBytes(workspace.resolve(LOG))).isEqualTo(before);
    }

    /**
     * Each event the fold refuses, one finding at its line: a move from a state the cycle is not in (line 3), then a
     * second {@code CYCLE_CREATED} (line 4), a mistake of its own whatever the state (lint36: the fold stopped at line
     * 3, and line 4 was told at the next lint).
     */
    @Test
    void eachEventTheFoldRefusesIsOneFindingAtItsLine() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        String head = store.append(CYCLE, event(EventType.CYCLE_CREATED, null, CycleState.PLANNED),
                RecordedEvent.GENESIS).hash();
        head = store.append(CYCLE, event(EventType.STATE_TRANSITION, CycleState.PLANNED,
                CycleState.READY_FOR_HANDOFF), head).hash();
        head = store.append(CYCLE, event(EventType.PLAN_UPDATED, CycleState.PLANNED, CycleState.PLANNED), head)
                .hash();
        store.append(CYCLE, event(EventType.CYCLE_CREATED, null, CycleState.PLANNED), head);

        List<Finding> findings = lint().findings();

        assertThat(findings).filteredOn(f -> f.code().startsWith("event.")).extracting(Finding::describe)
                .satisfiesExactly(
                        line -> assertThat(line).startsWith(LOG + ":3: error: ")
                                .contains("PLAN_UPDATED starts from PLANNED but the cycle was READY_FOR_HANDOFF")
                                .endsWith("[" + LintCodes.EVENT_HISTORY + "]"),
                        line -> assertThat(line).startsWith(LOG + ":4: error: ")
                                .contains("CYCLE_CREATED may only be the first event")
                                .endsWith("[" + LintCodes.EVENT_HISTORY + "]"));
    }

    /**
     * A log of 20,000 bad lines (60 KB; a few hundred bytes once git compresses it, and millions as cheaply): one
     * finding per line held every one in memory. Now the first {@value ErrorList#MAX_SHOWN}, then one counting the rest.
     */
    @Test
    void aLogOfManyBadLinesIsBoundedToTheFirstFindingsAndACount() throws IOException {
        int lines = 20_000;
        Path log = workspace.resolve(LOG);
        Files.createDirectories(log.getParent());
        Files.write(log, "{}\n".repeat(lines).getBytes(StandardCharsets.UTF_8));

        List<Finding> findings = lint().findings().stream().filter(f -> f.code().startsWith("event.")).toList();

        assertThat(findings).hasSize(ErrorList.MAX_SHOWN + 1);
        assertThat(findings).extracting(f -> f.location().orElseThrow().line()).filteredOn(line -> line > 0)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, ErrorList.MAX_SHOWN).boxed().toList());
        assertThat(findings).extracting(Finding::describe).contains(LOG + ": error: and "
                + (lines - ErrorList.MAX_SHOWN) + " more findings in this log, not listed (" + (lines - ErrorList.MAX_SHOWN)
                + " errors); fix those above, then lint again [" + LintCodes.EVENT_INVALID + "]");
    }

    /** A line nested 100,000 deep (under the 1 MiB a line may be): one finding at its line, no stack overflow. */
    @Test
    void aLineNestedDeeperThanTheParserAllowsIsOneFindingAtItsLine() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        store.append(CYCLE, event(EventType.CYCLE_CREATED, null, CycleState.PLANNED), RecordedEvent.GENESIS);
        Path log = workspace.resolve(LOG);
        Files.write(log, ("[".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        List<Finding> findings = lint().findings();

        assertThat(findings).filteredOn(f -> f.code().startsWith("event.")).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.EVENT_INVALID);
            assertThat(f.location().orElseThrow().line()).isEqualTo(2);
            assertThat(f.message()).contains("nesting depth");
        });
    }

    /** A committed link from the log to {@code /dev/zero}: refused as a link out of the workspace, nothing read. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aLogLinkedToAnEndlessDeviceIsRefusedUnread() throws IOException {
        Path log = workspace.resolve(LOG);
        Files.createDirectories(log.getParent());
        Files.createSymbolicLink(log, Path.of("/dev/zero"));

        LintReport report = lint();

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.location().map(l -> l.file().equals(LOG)).orElse(false))
                .singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(LintCodes.FILE_UNREADABLE));
        Files.delete(log);
    }
}
