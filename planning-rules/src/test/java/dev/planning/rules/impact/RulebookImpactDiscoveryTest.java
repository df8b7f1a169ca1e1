package dev.planning.rules.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.PlanningFileShapes;
import dev.planning.engine.internal.cycle.GateEnvironment;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.rulebook.RulebookFiles;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mend28: the rulebook impact finds a workspace's cycles as {@code PlanningWorkspace.cycles()}, the gates and
 * {@code planning lint} do ({@code PlanningFiles}): a planning file's name on a dangling link, a link out of the
 * workspace or a directory is refused, naming it, never judged as a cycle without that file nor skipped.
 */
class RulebookImpactDiscoveryTest {

    private static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces").toAbsolutePath().normalize();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-01T00:00:00Z"), ZoneOffset.UTC);
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    private static final CycleRef OTHER = new CycleRef("fe", "2025-10-07");

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private Path workspace() throws IOException {
        return WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("ws"));
    }

    @Test
    void aPlanningFileOnADanglingLinkIsRefusedNamingIt() throws IOException {
        Path ws = workspace();
        PlanningFileShapes.storyMapOnADanglingLink(ws, OTHER);

        assertThatThrownBy(() -> RulebookImpact.compare(ws, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.location()).contains(SourceLocation.ofFile(LAYOUT.storyMap(OTHER))))
                .hasMessageContaining("is a symbolic link whose target does not exist");
    }

    @Test
    void aPlanningFileLinkedOutOfTheWorkspaceIsRefusedNotRead() throws IOException {
        Path ws = workspace();
        Path link = PlanningFileShapes.taskBreakdownLinkedOutOf(ws, OTHER, outside);

        try {
            assertThatThrownBy(() -> RulebookImpact.compare(ws, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(LAYOUT.taskBreakdown(OTHER)).hasMessageContaining("outside the workspace");
        } finally {
            // The link goes first: the temporary directory's clean-up warns of a link out of it.
            Files.delete(link);
        }
    }

    @Test
    void aPlanningFileNameOnADirectoryIsRefusedNamingIt() throws IOException {
        Path ws = workspace();
        PlanningFileShapes.decisionLogOnADirectory(ws, OTHER);

        assertThatThrownBy(() -> RulebookImpact.compare(ws, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(LAYOUT.decisionLog(OTHER)).hasMessageContaining("no regular file");
    }

    @Test
    void aWorkspaceWithSoundPlanningFilesListsItsCycles() throws IOException {
        Path ws = workspace();

        assertThat(RulebookImpact.compare(ws, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK).cycles())
                .extracting(CycleImpact::cycle).containsExactly(new CycleRef("fe", "2025-09-02"));
    }

    /** store29: the impact's gates check the workspace's logs, so a broken previous cycle is refused, not read as sound. */
    @Test
    void theImpactsGatesRefuseAPreviousCycleWhoseLogIsBrokenNamingItsLine() throws IOException {
        Path ws = workspace();
        CycleRef previous = new CycleRef("fe", "2025-08-05");
        PlanningFileShapes.eventLogBroken(ws, previous);
        Rulebook rulebook = RulebookLoader.load(ws.resolve("rulebook"));
        GateEnvironment environment = RulebookImpact.environment(ws, LAYOUT, new FileEventStore(ws, LAYOUT), rulebook,
                new RulebookFiles(rulebook), CLOCK);

        assertThatThrownBy(() -> environment.logs().requireIntact(previous))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> assertThat(e.location())
                        .contains(new SourceLocation(LAYOUT.eventLog(previous), 1, 0)));
    }

    /**
     * mend31: the impact checked a previous cycle's log in the workspace's files even when the workspace keeps its logs
     * in a store of its own (PostgreSQL, {@code planning --store}); the gates now ask the store the impact is given. A
     * store that refuses the previous cycle's log is refused with its words, though the files hold no log at all.
     */
    @Test
    void theImpactsGatesAskTheGivenStoreForThePreviousCyclesLog() throws IOException {
        Path ws = workspace();
        CycleRef previous = new CycleRef("fe", "2025-08-05");
        Rulebook rulebook = RulebookLoader.load(ws.resolve("rulebook"));
        Refusing refusing = new Refusing();
        GateEnvironment environment = RulebookImpact.environment(ws, LAYOUT, refusing, rulebook,
                new RulebookFiles(rulebook), CLOCK);

        assertThatThrownBy(() -> environment.logs().requireIntact(previous))
                .isInstanceOf(EventLogCorruptedException.class).hasMessage("refused by the configured store");
        assertThat(refusing.asked).containsExactly(previous);
    }

    /** A store given for the logs is asked in place of the files: a broken log file of a cycle the store knows is not read. */
    @Test
    void theFilesAreNotReadWhenAStoreIsGiven() throws IOException {
        Path ws = workspace();
        CycleRef previous = new CycleRef("fe", "2025-08-05");
        PlanningFileShapes.eventLogBroken(ws, previous);
        Rulebook rulebook = RulebookLoader.load(ws.resolve("rulebook"));
        EventStore empty = new Refusing() {
            @Override
            public List<RecordedEvent> read(CycleRef cycle) {
                return List.of();
            }
        };

        RulebookImpact.environment(ws, LAYOUT, empty, rulebook, new RulebookFiles(rulebook), CLOCK).logs()
                .requireIntact(previous);
        assertThat(RulebookImpact.compare(ws, LAYOUT, empty, ws.resolve("rulebook"), ws.resolve("rulebook"), CLOCK)
                .cycles()).extracting(CycleImpact::cycle).contains(new CycleRef("fe", "2025-09-02"));
    }

    /**
     * mend33: {@code compare(PlanningWorkspace, head, clock)} judged the cycles with the workspace's files as their
     * event logs, whatever store the workspace was built with, since the public workspace does not expose it. It
     * now asks the store the workspace was built with (its files when built without one).
     */
    @Test
    void anOpenWorkspacesImpactReadsTheLogsFromTheStoreTheWorkspaceWasBuiltWith() throws IOException {
        Path ws = workspace();
        Refusing store = new Refusing();
        PlanningWorkspace withStore = Planning.builder().workspace(ws).eventStore(store).build();
        PlanningWorkspace readOnly = Planning.builder().workspace(ws).eventStore(store).readOnly().build();

        assertThat(RulebookImpact.logsOf(withStore)).isSameAs(store);
        assertThat(RulebookImpact.logsOf(readOnly)).isSameAs(store);
        assertThat(RulebookImpact.logsOf(Planning.builder().workspace(ws).build())).isInstanceOf(FileEventStore.class);
        assertThat(RulebookImpact.compare(withStore, ws.resolve("rulebook"), CLOCK).cycles())
                .extracting(CycleImpact::cycle).contains(new CycleRef("fe", "2025-09-02"));
    }

    /** A store that refuses every log, and remembers which it was asked for. */
    private static class Refusing implements EventStore {
        final List<CycleRef> asked = new ArrayList<>();

        @Override
        public List<RecordedEvent> read(CycleRef cycle) {
            asked.add(cycle);
            throw new EventLogCorruptedException("refused by the configured store", SourceLocation.ofFile("store"));
        }

        @Override
        public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
            throw new UnsupportedOperationException("the impact appends nothing");
        }
    }
}
