package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the guard of sealed cycles says quotes the values it takes from the log on one line. */
class SealGuardMessagesTest {

    @TempDir
    Path dir;

    @Test
    void theEventThatSaysTheCycleLeftPackagedIsNamedOnOneLine() {
        // No manifest at all: the history past PACKAGED is not backed, and the message names the event.
        assertThat(unbackedHistory())
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.UNSIGNED_HISTORY))
                .satisfies(d -> assertThat(d.message()).startsWith("event evt_1\\u000Aok: forged (line 7,")
                        .doesNotContain("\n"));
    }

    /** fix43: the discrepancy's description shows the id as its message quoted it, not its escape escaped again. */
    @Test
    void theDescriptionKeepsTheEscapeOfTheEventsIdAsItIs() {
        assertThat(unbackedHistory().describe()).contains("event evt_1\\u000Aok: forged (line 7,")
                .doesNotContain("\\u005C").doesNotContain("\n");
    }

    /** The one discrepancy of a cycle EXECUTED by an event {@code evt_1<LF>ok: forged} at line 7, with no manifest. */
    private Discrepancy unbackedHistory() {
        Path workspace = SealFixture.copyExample(dir);
        ManifestVerifier verifier = new ManifestVerifier(workspace, WorkspaceLayout.DEFAULT,
                RulebookLoader.load(workspace.resolve("rulebook")), new FileEventStore(workspace),
                VerdictRecomputer.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
        PlanningEvent claim = new PlanningEvent("evt_1\nok: forged", NOW, EventType.STATE_TRANSITION,
                Optional.of(CycleState.PACKAGED), Optional.of(CycleState.EXECUTED), CYCLE.toString(), "ci", Map.of(),
                Map.of());
        CycleStatus status = new CycleStatus(CYCLE, CycleState.EXECUTED,
                List.of(new RecordedEvent(7, claim, RecordedEvent.GENESIS, "1".repeat(64))));

        List<Discrepancy> history = new SealGuard(verifier, () -> SealFixture.TRUST).history(status, "events.jsonl");
        assertThat(history).hasSize(1);
        return history.get(0);
    }
}
