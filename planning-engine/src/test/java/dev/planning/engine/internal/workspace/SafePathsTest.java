package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SystemFailureException;
import dev.planning.engine.fixtures.FaultyFileSystemProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathsTest {

    @TempDir
    Path workspace;

    @Test
    void resolvesAPathInsideTheWorkspace() throws Exception {
        Path resolved = SafePaths.resolve(workspace, "frameworks/planning-fe/tasks/x.yaml");

        assertThat(resolved).isEqualTo(workspace.toRealPath().resolve("frameworks/planning-fe/tasks/x.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.yaml", "frameworks/../../x", "/etc/passwd", "a\u0000b", "a\nb", "",
            "frameworks\\..\\x", "frameworks/planning-fe/tasks/../../../etc"})
    void refusesPathsThatCouldLeaveTheWorkspace(String path) {
        assertThatThrownBy(() -> SafePaths.resolve(workspace, path))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("path '")
                .hasMessageContaining("is refused");
    }

    @Test
    void refusesACycleIdWithDotDotAsAPathSegment() {
        assertThatThrownBy(() -> SafePaths.resolve(workspace, "frameworks/planning-fe/events/../../../x.events.jsonl"))
                .hasMessageContaining("'..' segment");
    }

    @Test
    void refusesASymbolicLinkThatEscapesTheWorkspace(@TempDir Path outside) throws Exception {
        Files.createDirectories(workspace.resolve("frameworks"));
        Files.createSymbolicLink(workspace.resolve("frameworks/planning-fe"), outside);

        assertThatThrownBy(() -> SafePaths.resolve(workspace, "frameworks/planning-fe/tasks/x.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("frameworks/planning-fe/tasks/x.yaml")
                .hasMessageContaining("outside the workspace");
    }

    @Test
    void refusesADanglingSymbolicLink() throws Exception {
        Files.createSymbolicLink(workspace.resolve("dangling"), workspace.resolve("nowhere/../../elsewhere"));

        assertThatThrownBy(() -> SafePaths.resolve(workspace, "dangling"))
                .hasMessageContaining("symbolic link whose target does not exist");
    }

    /** Failed before (fail36): a link that loops was told as one whose target does not exist. */
    @Test
    void refusesASymbolicLinkThatLoopsSayingSo() throws Exception {
        Files.createSymbolicLink(workspace.resolve("loop"), Path.of("loop"));

        assertThatThrownBy(() -> SafePaths.resolve(workspace, "loop/plan.yaml"))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("path 'loop/plan.yaml' is refused: it goes through a symbolic link that cannot"
                        + " be followed (");
    }

    /** The directory {@code stored-tasks}, which the workspace's {@code tasks} links to (a relative link). */
    private Path tasksLinkedToStoredTasks() throws Exception {
        Path stored = Files.createDirectories(workspace.resolve("stored-tasks"));
        Files.createSymbolicLink(workspace.resolve("tasks"), stored.getFileName());
        return stored;
    }

    /** Resolving {@code tasks/plan.yaml} on {@code disk} fails as the system's failure ({@code EIO}), not the input's. */
    private void assertResolvingThePlanIsTheSystemsFailure(FaultyFileSystemProvider disk) {
        assertThatThrownBy(() -> SafePaths.resolve(disk.path(workspace), "tasks/plan.yaml"))
                .isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("path 'tasks/plan.yaml' cannot be resolved (Input/output error): the system"
                        + " failed, not the input");
    }

    /**
     * Failed before (fail36): a link whose target the disk fails to examine ({@code EIO}, made through the ordinary
     * {@code Files} calls by {@link FaultyFileSystemProvider}) was told as one whose target does not exist, exit 2.
     */
    @Test
    void aSymbolicLinkWhoseTargetTheDiskFailsIsTheSystemsFailure() throws Exception {
        Path stored = tasksLinkedToStoredTasks();

        assertResolvingThePlanIsTheSystemsFailure(FaultyFileSystemProvider.answeringEio(stored));
    }

    /**
     * errs37: past a link, an entry the disk failed to examine ({@code EIO}) was taken for absent ({@code
     * Files.exists}), so the check of links went on from the directory above and passed, whatever the entry is.
     */
    @Test
    void anEntryPastALinkThatTheDiskFailsToExamineIsTheSystemsFailureNotAbsent() throws Exception {
        Path plan = Files.writeString(tasksLinkedToStoredTasks().resolve("plan.yaml"), "a plan");

        assertResolvingThePlanIsTheSystemsFailure(FaultyFileSystemProvider.answeringEio(plan));
    }

    /** A path past a link whose entry above is a file (ENOTDIR) is nothing there, as before: resolved, not refused. */
    @Test
    void aPathPastALinkUnderAFileIsNothingThere() throws Exception {
        Files.writeString(tasksLinkedToStoredTasks().resolve("plan.yaml"), "a plan");

        assertThat(SafePaths.resolve(workspace, "tasks/plan.yaml/deeper/x.yaml"))
                .isEqualTo(workspace.toRealPath().resolve("tasks/plan.yaml/deeper/x.yaml"));
    }

    /** Failed before (fail36): a workspace the disk fails to examine was one that "does not exist", exit 2. */
    @Test
    void aWorkspaceTheDiskFailsIsTheSystemsFailureAndOneThatIsNotThereTheUsers() throws Exception {
        FaultyFileSystemProvider disk = FaultyFileSystemProvider.answeringEio(workspace);

        assertThatThrownBy(() -> SafePaths.realWorkspace(disk.path(workspace)))
                .isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageContaining("cannot be resolved (Input/output error): the system failed, not the input");
        assertThatThrownBy(() -> SafePaths.realWorkspace(workspace.resolve("missing")))
                .isExactlyInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist or cannot be read");
    }

    @Test
    void acceptsASymbolicLinkThatStaysInside() throws Exception {
        Files.createDirectories(workspace.resolve("real"));
        Files.createSymbolicLink(workspace.resolve("alias"), workspace.resolve("real"));

        assertThat(SafePaths.resolve(workspace, "alias/file.yaml"))
                .isEqualTo(workspace.toRealPath().resolve("alias/file.yaml"));
    }

    @Test
    void saysWhetherAResolvedPathWentThroughASymbolicLink() throws Exception {
        Files.createDirectories(workspace.resolve("real/sub"));
        Files.createSymbolicLink(workspace.resolve("alias"), workspace.resolve("real"));
        Path root = workspace.toRealPath();

        assertThat(SafePaths.resolveUnder(root, "real/sub/file.yaml"))
                .isEqualTo(new SafePaths.Resolved(root.resolve("real/sub/file.yaml"), true));
        assertThat(SafePaths.resolveUnder(root, "real/missing/file.yaml").linkFree()).isTrue();
        assertThat(SafePaths.resolveUnder(root, "alias/sub/file.yaml"))
                .isEqualTo(new SafePaths.Resolved(root.resolve("alias/sub/file.yaml"), false));
    }

    @Test
    void refusesALinkOutOfTheWorkspaceBelowADirectoryThatIsNoLink(@TempDir Path outside) throws Exception {
        Files.createDirectories(workspace.resolve("frameworks/planning-fe"));
        Files.createSymbolicLink(workspace.resolve("frameworks/planning-fe/events"), outside);

        assertThatThrownBy(() -> SafePaths.resolveUnder(workspace.toRealPath(),
                "frameworks/planning-fe/events/c.events.jsonl"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside the workspace");
    }

    @Test
    void aKeptRouteExaminesTheFileSystemAgainOnEveryUse(@TempDir Path outside) throws Exception {
        Path events = Files.createDirectories(workspace.resolve("frameworks/planning-fe/events"));
        SafePaths.Route route = SafePaths.route(workspace.toRealPath(), "frameworks/planning-fe/events/c.events.jsonl");
        assertThat(route.examine().resolved().linkFree()).isTrue();

        Files.delete(events);
        Files.createSymbolicLink(events, outside);

        assertThatThrownBy(route::examine)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside the workspace");
    }

    @Test
    void aRouteIsRefusedAsTextBeforeAnyFileIsLookedAt() {
        assertThatThrownBy(() -> SafePaths.route(workspace.resolve("does-not-exist"), "a/../../b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'..' segment");
    }

    @Test
    void relativizesWithForwardSlashes() {
        assertThat(SafePaths.relativize(workspace, workspace.resolve("a/b/c.yaml"))).isEqualTo("a/b/c.yaml");
    }

    /** errors18: a control character of a refused path is shown as its escape, as every message shows one (it was "?"). */
    @Test
    void aControlCharacterOfARefusedPathIsShownAsItsEscape() {
        assertThatThrownBy(() -> SafePaths.route(workspace, "a\u0007b\u0000c"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("path 'a\\u0007b\\u0000c' is refused: it contains NUL or control characters");
    }
}
