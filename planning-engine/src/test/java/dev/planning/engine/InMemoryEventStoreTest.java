package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryEventStoreTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path temp;

    @Test
    void chainsTheSameHashesAsTheFileStore() {
        InMemoryEventStore memory = new InMemoryEventStore();
        FileEventStore file = new FileEventStore(temp);
        String memoryHead = RecordedEvent.GENESIS;
        String fileHead = RecordedEvent.GENESIS;
        for (int i = 0; i < 3; i++) {
            PlanningEvent event = new PlanningEvent("evt_" + i, Instant.parse("2025-09-02T10:00:00Z").plusSeconds(i),
                    EventType.GATE_EVALUATED, Optional.of(CycleState.PLANNED), Optional.empty(), CYCLE.toString(),
                    "ci", Map.of("schema_lint", GateStatus.PASS), Map.of("i", "" + i));
            memoryHead = memory.append(CYCLE, event, memoryHead).hash();
            fileHead = file.append(CYCLE, event, fileHead).hash();
        }

        assertThat(memory.read(CYCLE)).isEqualTo(file.read(CYCLE));
        assertThat(memoryHead).isEqualTo(fileHead);
    }

    @Test
    void runsTheLifecycleWithoutAnEventsDirectory() {
        Path root = CycleWorkspace.create(temp.resolve("ws"), CYCLE.cycleId());
        InMemoryEventStore store = new InMemoryEventStore();
        PlanningWorkspace workspace = Planning.builder().workspace(root).eventStore(store)
                .clock(Clock.fixed(Instant.parse("2025-09-02T10:00:00Z"), ZoneOffset.UTC)).build();

        TransitionResult result = workspace.advance(CYCLE, CycleState.READY_FOR_HANDOFF);

        assertThat(result.accepted()).isTrue();
        assertThat(workspace.status(CYCLE).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);
        assertThat(store.read(CYCLE)).isNotEmpty();
        assertThat(root.resolve("frameworks/planning-fe/events")).doesNotExist();
        assertThat(Files.exists(root.resolve("frameworks/planning-fe/events"))).isFalse();
    }
}
