package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * api26, over the PostgreSQL store: {@code advance} and {@code record} of a cycle that does not exist are refused
 * before a row or a file is written, and {@code cycles()} lists a cycle with events and no task breakdown (the
 * workspace's plan files hold none here), as over the files.
 */
@Tag("slow")
@Tag("servers")
class EmbedderCyclesTest extends CountedStoreFixture {

    private static final CycleRef MISTYPED = new CycleRef("fe", "2025-09-20");

    private PlanningWorkspace embedder() {
        return Planning.builder().workspace(workspace).eventStore(events).triggeredBy("embedder-service").build();
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> walk = Files.walk(workspace)) {
            return walk.sorted().toList();
        }
    }

    @Test
    void advanceAndRecordOfACycleThatDoesNotExistWriteNoRowAndNoFile() throws IOException {
        PlanningWorkspace embedder = embedder();
        List<Path> before = entries();

        assertThatThrownBy(() -> embedder.advance(MISTYPED, CycleState.READY_FOR_HANDOFF))
                .isInstanceOf(NoSuchCycleException.class).hasMessageStartingWith("no such cycle fe/2025-09-20");
        assertThatThrownBy(() -> embedder.record(MISTYPED, EventType.WAIVER_GRANTED, Map.of("rule", "r")))
                .isInstanceOf(NoSuchCycleException.class);

        assertThat(events.cycles()).isEmpty();
        assertThat(events.read(MISTYPED)).isEmpty();
        assertThat(entries()).isEqualTo(before);
    }

    @Test
    void aCycleWithEventsInTheStoreAndNoPlanIsListed() {
        PlanningWorkspace embedder = embedder();
        embedder.create(MISTYPED);

        assertThat(embedder.cycles()).containsExactly(MISTYPED);
        assertThat(embedder.exists(MISTYPED)).isTrue();
    }
}
