package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose failure a read of the workspace is ({@link DirectoryEntries}): a cause the user can fix (no permission, a
 * link that loops) is an {@link UnreadableInputException} naming the path (exit 2); a read the system failed (the
 * disk answering {@code EIO}) a {@link SystemFailureException} (exit 3), where every failure was the user's.
 *
 * <p>A directory made unreadable ({@code chmod}) denies nothing to root, and tests may run as root, where a case
 * skipped would be a {@code [WARNING]} line CI fails on: that case is reached for real, as any user, by
 * {@code UnreadableEntriesTest} (the CLI in a child JVM under {@code setpriv}, exit 2 naming the directory); here
 * the permission denied is the exception the platform throws for it.
 */
class DirectoryEntriesFailureTest {

    private static final String WITHOUT = "the cycles of the stream cannot be told without it";

    @TempDir
    Path workspace;

    /** A failure as the Java platform throws it for a read the disk failed: its first frame is the platform's. */
    private static <E extends IOException> E thrownByThePlatform(E e) {
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("sun.nio.fs.UnixException", "translateToIOException", null, -1)});
        return e;
    }

    @Test
    void aPermissionDeniedIsTheUsersToFixWhoeverRunsIt() throws IOException {
        Path tasks = Files.createDirectories(workspace.resolve("tasks"));

        PlanningException e = DirectoryEntries.cannotList(workspace, tasks, WITHOUT,
                new AccessDeniedException(tasks.toString()));

        assertThat(e).isExactlyInstanceOf(UnreadableInputException.class).hasMessageStartingWith("cannot list tasks (");
    }

    @Test
    void aDirectoryBehindASymbolicLinkThatLoopsIsTheUsersToFix() throws IOException {
        Path a = workspace.resolve("a");
        Path b = workspace.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);

        assertThatThrownBy(() -> DirectoryEntries.sorted(workspace, a, WITHOUT))
                .isExactlyInstanceOf(UnreadableInputException.class).hasMessageStartingWith("cannot read a (");
    }

    @Test
    void aDirectoryTheDiskFailsToListIsASystemFailureNamingIt() throws IOException {
        Path tasks = Files.createDirectories(workspace.resolve("tasks"));
        // What opendir or stat answering EIO is in Java: a plain FileSystemException on a path that shows no cause.
        FileSystemException eio = thrownByThePlatform(
                new FileSystemException(tasks.toString(), null, "Input/output error"));

        PlanningException e = DirectoryEntries.cannotList(workspace, tasks, WITHOUT, eio);

        assertThat(e).isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot list tasks (Input/output error): " + WITHOUT)
                .hasMessageContaining("the system failed, not the input");
        assertThat(e.location()).contains(SourceLocation.ofFile("tasks"));
    }

    @Test
    void aFileTheDiskFailsToReadIsASystemFailureThoughOnlyItsNameIsShown() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");

        PlanningException e = DirectoryEntries.cannotRead("events.jsonl", WITHOUT,
                thrownByThePlatform(new IOException("Input/output error")));

        assertThat(e).isExactlyInstanceOf(SystemFailureException.class);
        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT,
                thrownByThePlatform(new FileSystemException(log.toString(), null, "Input/output error"))))
                .isExactlyInstanceOf(SystemFailureException.class);
    }

    @Test
    void aDirectoryWhereAFileIsReadIsTheUsersToFixThoughThePlatformSaysItAsTheDisksFailure() throws IOException {
        Path log = Files.createDirectories(workspace.resolve("events.jsonl"));
        // EISDIR: the platform's own plain IOException, as for a disk answering EIO.
        IOException isADirectory = catchThrowableOfType(IOException.class, () -> Files.readAllBytes(log));

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, isADirectory))
                .isExactlyInstanceOf(UnreadableInputException.class);
        assertThat(DirectoryEntries.cannotRead(log, "events.jsonl", WITHOUT, isADirectory))
                .isExactlyInstanceOf(UnreadableInputException.class);
    }

    @Test
    void whatTheBytesReadOrOurOwnCodeSayIsTheInputsNotTheSystems() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, new MalformedInputException(1)))
                .isExactlyInstanceOf(UnreadableInputException.class);
        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, new IOException("the last line is too long")))
                .isExactlyInstanceOf(UnreadableInputException.class);
    }

    @Test
    void aDirectoryNameTooLongOnThePathIsTheUsersToFixNotTheSystems() {
        // ENAMETOOLONG for a directory the path runs through (its last name is short): the path the user or a
        // committed file wrote, never the disk's failure.
        Path plan = workspace.resolve("d".repeat(300)).resolve("plan.yaml");

        assertThatThrownBy(() -> DirectoryEntries.attributes(workspace, plan, WITHOUT))
                .isExactlyInstanceOf(UnreadableInputException.class).hasMessageStartingWith("cannot read ");
    }

    @Test
    void aPathTooLongAsAWholeIsTheUsersToFixNotTheSystems() {
        // ENAMETOOLONG for the whole path (over PATH_MAX, each name short): the path given, never the disk's failure.
        Path plan = workspace;
        for (int i = 0; i < 40; i++) {
            plan = plan.resolve("n".repeat(120));
        }
        Path tooLong = plan.resolve("plan.yaml");

        assertThatThrownBy(() -> DirectoryEntries.attributes(workspace, tooLong, WITHOUT))
                .isExactlyInstanceOf(UnreadableInputException.class).hasMessageStartingWith("cannot read ");
    }
}
