package dev.planning.rules.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.fixtures.PlanningFileShapes;
import dev.planning.engine.internal.cycle.GateEnvironment;
import dev.planning.engine.internal.rulebook.RulebookFiles;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        GateEnvironment environment = RulebookImpact.environment(ws, LAYOUT, rulebook, new RulebookFiles(rulebook),
                CLOCK);

        assertThatThrownBy(() -> environment.logs().requireIntact(previous))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> assertThat(e.location())
                        .contains(new SourceLocation(LAYOUT.eventLog(previous), 1, 0)));
    }
}
