package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * api26: {@link PlanningWorkspace#cycles()} lists every cycle that {@link PlanningWorkspace#exists exists}, a cycle
 * with events and no task breakdown included (it listed the cycles with a plan only, so such a cycle was
 * invisible to {@code planning status} and the report); what is not a cycle lists nothing, and a name that is not a
 * cycle's is refused.
 */
class WorkspaceCyclesTest {

    private static final CycleRef PLANNED = new CycleRef("fe", "2025-09-02");
    private static final CycleRef EVENTS_ONLY = new CycleRef("fe", "2025-08-19");
    private static final CycleRef OTHER_STREAM = new CycleRef("be", "2025-09-02");

    @TempDir
    Path root;

    private PlanningWorkspace workspace() {
        CycleWorkspace.create(root, PLANNED.cycleId());
        return Planning.builder().workspace(root).triggeredBy("test").build();
    }

    @Test
    void aCycleWithEventsAndNoTaskBreakdownIsListedBesideThoseWithOne() {
        PlanningWorkspace workspace = workspace();
        workspace.create(EVENTS_ONLY);
        workspace.create(OTHER_STREAM);

        assertThat(workspace.cycles()).containsExactly(OTHER_STREAM, EVENTS_ONLY, PLANNED)
                .allSatisfy(cycle -> assertThat(workspace.exists(cycle)).as("%s exists", cycle).isTrue());
        assertThat(Planning.builder().workspace(root).readOnly().build().cycles()).as("read-only")
                .containsExactly(OTHER_STREAM, EVENTS_ONLY, PLANNED);
        assertThatThrownBy(() -> workspace.cycles().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptyCycleDirectoryAndAnEmptyLogAreNoCycle() throws Exception {
        PlanningWorkspace workspace = workspace();
        Files.createDirectories(root.resolve(workspace.layout().evidenceDir(new CycleRef("fe", "2025-10-01"))));
        Path log = root.resolve(workspace.layout().eventLog(new CycleRef("fe", "2025-10-02")));
        Files.createDirectories(log.getParent());
        Files.write(log, new byte[0]);

        assertThat(workspace.cycles()).containsExactly(PLANNED);
        assertThat(workspace.exists(new CycleRef("fe", "2025-10-01"))).isFalse();
        assertThat(workspace.exists(new CycleRef("fe", "2025-10-02"))).isFalse();
    }

    @Test
    void aCycleWhoseLogIsBrokenIsListedForItsStatusToRefuse() throws Exception {
        PlanningWorkspace workspace = workspace();
        workspace.create(EVENTS_ONLY);
        Path log = root.resolve(workspace.layout().eventLog(EVENTS_ONLY));
        Files.writeString(log, Files.readString(log, StandardCharsets.UTF_8).replace("CYCLE_CREATED", "CYCLE_CREATEX"),
                StandardCharsets.UTF_8);

        assertThat(workspace.cycles()).containsExactly(EVENTS_ONLY, PLANNED);
        assertThatThrownBy(() -> workspace.status(EVENTS_ONLY)).isInstanceOf(EventLogCorruptedException.class);
    }

    @Test
    void aLogFileNotNamedAfterACycleIsRefusedNamingItNeverSkipped() throws Exception {
        PlanningWorkspace workspace = workspace();
        Path events = Files.createDirectories(root.resolve("frameworks/planning-fe/events"));
        Files.writeString(events.resolve("..\u001b[2J.events.jsonl"), "{}\n", StandardCharsets.UTF_8);

        assertThatThrownBy(workspace::cycles).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not named after a cycle")
                .hasMessageNotContaining("\u001b");
    }
}
