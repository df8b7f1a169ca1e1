package dev.planning.engine.internal.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace's queries over its file store read each event log once per question: listing the
 * cycles does not read the logs a second time (the store's {@code cycles()} reads each to tell an
 * empty one; the queries read each anyway and skip an empty one). The store's clock stands before
 * the logs were written, so that no read is answered from what the store remembers: every read is
 * a whole read, and counted.
 */
class QueriesReadEachLogOnceTest {

    @TempDir
    Path workspace;

    @Test
    void eachQuestionReadsEachLogOnce() {
        FileEventStore store = new FileEventStore(workspace, WorkspaceLayout.DEFAULT,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        List<CycleRef> cycles = List.of(TestEvents.CYCLE, new CycleRef("be", "B-1"), new CycleRef("qa", "Q-1"));
        int n = 0;
        for (CycleRef cycle : cycles) {
            store.append(cycle, TestEvents.event("evt_" + n++, cycle), RecordedEvent.GENESIS);
        }
        CycleQueries queries = EventLogQueries.ofStore(workspace, WorkspaceLayout.DEFAULT, store, TrustedKeys.none(),
                () -> new Rulebook(Path.of("rulebook").toAbsolutePath(), "0".repeat(64), "1", Map.of("p",
                        new GateProfile("p", List.of())), Map.of(), "p", Map.of(), List.of(), Map.of(), List.of(),
                        new SigningPolicy(List.of(new SigningRequirement(List.of("PM"), 1))), List.of()));

        List<Consumer<CycleQueries>> questions = List.of(CycleQueries::portfolio,
                q -> q.expiringWaivers(LocalDate.of(2030, 1, 1)), q -> q.recentRefusals(Instant.EPOCH, 10),
                q -> q.pendingSignatures(Set.of("PM")));
        for (Consumer<CycleQueries> question : questions) {
            long before = store.wholeReads();
            question.accept(queries);
            assertThat(store.wholeReads() - before).as("whole reads of one question").isEqualTo(cycles.size());
        }
    }
}
