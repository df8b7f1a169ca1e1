package dev.planning.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.Planning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's in-memory store lists its cycles, so the cross-cycle queries run on it through the public API. */
class InMemoryEventStoreCyclesTest {

    @Test
    void listsEachCycleWithAnEventOnceSortedByStreamThenCycleIdAsASnapshot() {
        InMemoryEventStore store = new InMemoryEventStore();
        assertThat(store.cycles()).isEmpty();
        CycleRef lower = new CycleRef("fe", "a1");
        CycleRef upper = new CycleRef("fe", "Z1");
        CycleRef be = new CycleRef("be", "C-9");
        Machines.withoutGates(store).create(lower);
        Machines.withoutGates(store).create(upper);
        Machines.withoutGates(store).create(be);
        RecordedEvent created = store.read(lower).get(0);
        // An append refused on a new cycle holds no event: that cycle is not listed.
        CycleRef refused = new CycleRef("fe", "R-1");
        PlanningEvent e = created.event();
        PlanningEvent aboutRefused = new PlanningEvent(e.id(), e.timestamp(), e.type(), e.fromState(), e.toState(),
                refused.toString(), e.triggeredBy(), e.gateResults(), e.details());
        assertThatThrownBy(() -> store.append(refused, aboutRefused, created.hash()))
                .isInstanceOf(ConcurrentTransitionException.class);

        List<CycleRef> cycles = store.cycles();
        assertThat(cycles).containsExactly(be, upper, lower);

        store.forget(be);
        assertThat(cycles).containsExactly(be, upper, lower);
        assertThat(store.cycles()).containsExactly(upper, lower);
    }

    @Test
    void aWorkspaceOnTheBenchmarksStoreAnswersItsPortfolioThroughThePublicApi(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("rulebook"));
        InMemoryEventStore store = new InMemoryEventStore();
        CycleRef cycle = new CycleRef("fe", "C-1");
        Machines.runCycle(Machines.withoutGates(store), cycle);
        PlanningWorkspace ws = Planning.builder().workspace(dir).eventStore(store).readOnly().build();

        List<CycleQueries.CycleSummary> portfolio = ws.queries(TrustedKeys.none()).portfolio();

        assertThat(portfolio).extracting(CycleQueries.CycleSummary::cycle, CycleQueries.CycleSummary::state,
                CycleQueries.CycleSummary::events).containsExactly(org.assertj.core.groups.Tuple.tuple(cycle,
                        CycleState.COMPLETED, 7));
    }
}
