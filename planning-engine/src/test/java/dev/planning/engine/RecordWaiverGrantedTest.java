package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.CycleQueries.WaiverExpiry;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * strict23: a {@code WAIVER_GRANTED} an application records is refused when its {@code expires} is no ISO
 * date, rather than recorded to be read later as already expired (or, before, by its first ten characters).
 */
class RecordWaiverGrantedTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path temp;

    private PlanningWorkspace workspace() {
        return CycleWorkspace.open(CycleWorkspace.create(temp.resolve("ws"), CYCLE.cycleId()),
                Instant.parse("2025-09-02T10:00:00Z"));
    }

    @Test
    void anExpiryThatIsNoIsoDateIsRefusedAndNothingIsRecorded() {
        PlanningWorkspace workspace = workspace();
        for (String expires : new String[] {"2099-12-31junk", "2099-12-31T00:00:00Z", "31.12.2099", "+10000-01-01", " "}) {
            assertThatThrownBy(() -> workspace.record(CYCLE, EventType.WAIVER_GRANTED,
                    Map.of("rule", "r", "item", "FE-1", "approver", "a", "expires", expires)))
                    .as(expires).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("`expires`").hasMessageContaining("YYYY-MM-DD");
        }
        assertThat(workspace.queries(CycleWorkspace.TRUST).expiringWaivers(LocalDate.MAX)).isEmpty();
    }

    @Test
    void anIsoExpiryOrNoneIsRecorded() {
        PlanningWorkspace workspace = workspace();
        workspace.record(CYCLE, EventType.WAIVER_GRANTED, Map.of("rule", "r", "item", "FE-1", "approver", "a",
                "expires", "2099-12-31"));
        workspace.record(CYCLE, EventType.WAIVER_GRANTED, Map.of("rule", "r", "item", "FE-2", "approver", "a"));

        assertThat(workspace.queries(CycleWorkspace.TRUST).expiringWaivers(LocalDate.of(2100, 1, 1))).extracting(WaiverExpiry::expires)
                .containsExactly(Optional.empty(), Optional.of(LocalDate.of(2099, 12, 31)));
    }
}
