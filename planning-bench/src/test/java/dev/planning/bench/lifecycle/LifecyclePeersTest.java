package dev.planning.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecyclePeersTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "C-1");

    @Test
    void engineRunsACycleToCompletedInMemoryWithAChainedLog() {
        InMemoryEventStore store = new InMemoryEventStore();

        assertThat(Machines.runCycle(Machines.withoutGates(store), CYCLE)).isEqualTo(CycleState.COMPLETED);

        List<RecordedEvent> log = store.read(CYCLE);
        assertThat(log).hasSize(7);
        assertThat(log.get(0).event().type()).isEqualTo(EventType.CYCLE_CREATED);
        assertThat(log.get(6).event().type()).isEqualTo(EventType.CYCLE_COMPLETED);
        for (int i = 1; i < log.size(); i++) {
            assertThat(log.get(i).prevHash()).isEqualTo(log.get(i - 1).hash());
        }
        assertThat(store.encodedBytes(CYCLE)).isPositive();
    }

    @Test
    void inMemoryStoreRefusesAStaleHead() {
        InMemoryEventStore store = new InMemoryEventStore();
        LifecycleMachine machine = Machines.withoutGates(store);
        machine.create(CYCLE);
        var created = store.read(CYCLE).get(0);

        assertThatThrownBy(() -> store.append(CYCLE, created.event(), RecordedEvent.GENESIS))
                .isInstanceOf(ConcurrentTransitionException.class);
        store.forget(CYCLE);
        assertThat(store.read(CYCLE)).isEmpty();
    }

    @Test
    void engineRunsACycleDurably(@TempDir Path workspace) {
        FileEventStore store = new FileEventStore(workspace);

        assertThat(Machines.runCycle(Machines.withoutGates(store), CYCLE)).isEqualTo(CycleState.COMPLETED);
        assertThat(store.read(CYCLE)).hasSize(7);
    }

    @Test
    void springMachineRunsTheSameCycleAndResetsForTheNext() {
        var machine = SpringLifecycle.build();

        assertThat(SpringLifecycle.runCycle(machine)).isEqualTo(CycleState.COMPLETED);
        assertThat(machine.getState().getId()).isEqualTo(CycleState.PLANNED);
        assertThat(SpringLifecycle.runCycle(machine)).isEqualTo(CycleState.COMPLETED);
    }
}
