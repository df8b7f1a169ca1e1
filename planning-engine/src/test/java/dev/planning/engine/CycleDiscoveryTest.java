package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.EventStore;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cycles27: {@link PlanningWorkspace#exists} and {@link PlanningWorkspace#cycles()} give one answer to "which
 * cycles exist" for what status27 left: a cycle whose only content is a broken log (exists, listed, its reading
 * refused naming the line), a planning file's or log's name on a dangling link (refused by both, naming it), and
 * "no such cycle" naming what was looked for and the nearest cycles. Each case is asked of a workspace and a
 * read-only one.
 */
class CycleDiscoveryTest {

    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    private static final CycleRef PLANNED = new CycleRef("fe", "2025-09-02");
    private static final CycleRef ASKED = new CycleRef("fe", "2025-10-07");

    @TempDir
    Path root;

    private List<PlanningWorkspace> workspaces() {
        CycleWorkspace.create(root, PLANNED.cycleId());
        return List.of(Planning.builder().workspace(root).triggeredBy("test").build(),
                Planning.builder().workspace(root).readOnly().build());
    }

    private Path file(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void aCycleWhoseOnlyContentIsABrokenLogExistsIsListedAndItsStatusNamesTheLogAndLine() throws Exception {
        List<PlanningWorkspace> workspaces = workspaces();
        file(LAYOUT.eventLog(ASKED), "{\"not\": \"an event\"}\n");

        for (PlanningWorkspace workspace : workspaces) {
            assertThat(workspace.exists(ASKED)).as("exists").isTrue();
            assertThat(workspace.cycles()).as("listed").containsExactly(PLANNED, ASKED);
            assertThatThrownBy(() -> workspace.status(ASKED)).isInstanceOfSatisfying(EventLogCorruptedException.class,
                    e -> assertThat(e.location()).contains(new SourceLocation(LAYOUT.eventLog(ASKED), 1, 0)))
                    .hasMessageContaining("line 1 is not a readable planning event");
        }
    }

    @Test
    void aCycleWithAPlanAndABrokenLogExistsAndIsListedAlike() throws Exception {
        List<PlanningWorkspace> workspaces = workspaces();
        file(LAYOUT.eventLog(PLANNED), "garbage\n");

        for (PlanningWorkspace workspace : workspaces) {
            assertThat(workspace.exists(PLANNED)).isTrue();
            assertThat(workspace.cycles()).containsExactly(PLANNED);
            assertThatThrownBy(() -> workspace.status(PLANNED)).isInstanceOf(EventLogCorruptedException.class);
        }
    }

    @Test
    void aStoryMapsNameOnADanglingLinkIsRefusedByExistsAndTheListingAlikeNamingIt() throws Exception {
        List<PlanningWorkspace> workspaces = workspaces();
        Path link = root.resolve(LAYOUT.storyMap(ASKED));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.resolveSibling("gone.md"));

        for (PlanningWorkspace workspace : workspaces) {
            assertThatThrownBy(() -> workspace.exists(ASKED)).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.location()).contains(SourceLocation.ofFile(LAYOUT.storyMap(ASKED))))
                    .hasMessageContaining("planning file " + LAYOUT.storyMap(ASKED)
                            + " is a symbolic link whose target does not exist");
            assertThatThrownBy(workspace::cycles).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(LAYOUT.storyMap(ASKED) + " is a symbolic link whose target does not exist");
        }
    }

    @Test
    void anEventLogsNameOnADanglingLinkIsRefusedByExistsAndTheListingAlike() throws Exception {
        List<PlanningWorkspace> workspaces = workspaces();
        Path link = root.resolve(LAYOUT.eventLog(ASKED));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.resolveSibling("gone.events.jsonl"));

        for (PlanningWorkspace workspace : workspaces) {
            assertThatThrownBy(() -> workspace.exists(ASKED)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("2025-10-07.events.jsonl").hasMessageContaining("symbolic link");
            assertThatThrownBy(workspace::cycles).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("2025-10-07.events.jsonl").hasMessageContaining("dangling link");
        }
    }

    @Test
    void aStoryMapLinkedToAFileInsideTheWorkspaceIsFollowedAsEveryReaderFollowsIt() throws Exception {
        List<PlanningWorkspace> workspaces = workspaces();
        Path target = file("shared/story_map.md", "# shared\n");
        Path link = root.resolve(LAYOUT.storyMap(ASKED));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);

        for (PlanningWorkspace workspace : workspaces) {
            assertThat(workspace.exists(ASKED)).isTrue();
            assertThat(workspace.cycles()).containsExactly(PLANNED, ASKED);
        }
    }

    @Test
    void aStoryMapLinkedOutOfTheWorkspaceIsRefusedByBoth(@TempDir Path outside) throws Exception {
        List<PlanningWorkspace> workspaces = workspaces();
        Path target = Files.writeString(outside.resolve("secret.md"), "# secret\n", StandardCharsets.UTF_8);
        Path link = root.resolve(LAYOUT.storyMap(ASKED));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);

        for (PlanningWorkspace workspace : workspaces) {
            assertThatThrownBy(() -> workspace.exists(ASKED)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("outside the workspace");
            assertThatThrownBy(workspace::cycles).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("outside the workspace");
        }
    }

    @Test
    void aDirectoryUnderAStoryMapsNameIsRefusedByBoth() throws Exception {
        List<PlanningWorkspace> workspaces = workspaces();
        Files.createDirectories(root.resolve(LAYOUT.storyMap(ASKED)));

        for (PlanningWorkspace workspace : workspaces) {
            assertThatThrownBy(() -> workspace.exists(ASKED)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(LAYOUT.storyMap(ASKED) + " is no regular file");
            assertThatThrownBy(workspace::cycles).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(LAYOUT.storyMap(ASKED) + " is no regular file");
        }
    }

    @Test
    void noSuchCycleNamesEveryFileLookedForAndTheNearestCycles() throws Exception {
        PlanningWorkspace workspace = workspaces().get(0);
        workspace.create(new CycleRef("fe", "2025-08-19"));
        workspace.create(new CycleRef("fe", "2025-09-16"));
        workspace.create(new CycleRef("fe", "2025-10-30"));
        CycleRef mistyped = new CycleRef("fe", "2025-09-20");

        assertThatThrownBy(() -> workspace.advance(mistyped, CycleState.READY_FOR_HANDOFF))
                .isInstanceOfSatisfying(NoSuchCycleException.class, e -> assertThat(e.location())
                        .contains(SourceLocation.ofFile(LAYOUT.eventLog(mistyped))))
                .hasMessage("no such cycle fe/2025-09-20: none of its planning files exists ("
                        + String.join(", ", LAYOUT.planningFiles(mistyped)) + ") and its event log ("
                        + LAYOUT.eventLog(mistyped) + ") holds no event; did you mean fe/2025-09-02? the nearest"
                        + " cycles of stream fe: fe/2025-09-02, fe/2025-09-16, fe/2025-10-30 (4 in all); open it"
                        + " first (PlanningWorkspace.create, or planning init --stream fe --cycle 2025-09-20)");
    }

    @Test
    void noSuchCycleOfAStreamWithoutCyclesNamesTheStreamsThereAre() {
        NoSuchCycleException e = new NoSuchCycleException(new CycleRef("design", "2025-09-02"), LAYOUT,
                List.of(PLANNED, new CycleRef("be", "2025-09-02")));

        assertThat(e).hasMessageContaining("stream design has no cycle; the workspace's streams: be, fe")
                .hasMessageContaining(LAYOUT.storyMap(new CycleRef("design", "2025-09-02")));
        assertThat(new NoSuchCycleException(ASKED, LAYOUT, List.of()))
                .hasMessageContaining("the workspace has no cycle yet");
        assertThat(new NoSuchCycleException(ASKED, LAYOUT)).as("the cycles not known: none named")
                .hasMessageNotContaining("no cycle yet").hasMessageNotContaining("did you mean")
                .hasMessageContaining(LAYOUT.eventLog(ASKED));
    }

    @Test
    void aStoreThatListsANullCycleIsRefusedNotPassedOn() {
        CycleWorkspace.create(root, PLANNED.cycleId());
        EventStore listsNull = new EventStore() {
            private final EventStore events = new InMemoryEventStore();

            @Override
            public List<RecordedEvent> read(CycleRef cycle) {
                return events.read(cycle);
            }

            @Override
            public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
                return events.append(cycle, event, expectedHead);
            }

            @Override
            public List<CycleRef> cycles() {
                return Arrays.asList(PLANNED, null);
            }
        };
        PlanningWorkspace workspace = Planning.builder().workspace(root).eventStore(listsNull).triggeredBy("test")
                .build();

        assertThatThrownBy(workspace::cycles).isInstanceOf(PlanningException.class)
                .hasMessageContaining("listed a null cycle from EventStore.cycles()");
    }
}
