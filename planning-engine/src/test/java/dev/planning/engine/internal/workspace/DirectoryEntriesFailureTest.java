package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParseException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.engine.fixtures.FaultyFileSystemProvider;
import java.io.EOFException;
import java.io.IOException;
import java.io.SyncFailedException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /**
     * errs37: a file where a directory of the path is expected was told "(Not a directory) ...; make it readable by
     * the user running planning", which no change of permissions cures.
     */
    @Test
    void aFileAboveThePathReadIsNamedWithWhatIsExpectedNotMakeItReadable() throws IOException {
        Files.writeString(workspace.resolve("frameworks"), "a file, not the streams' directory");
        Path plan = workspace.resolve("frameworks/planning-fe/tasks/plan.yaml");
        IOException failed = catchThrowableOfType(IOException.class, () -> Files.readAllBytes(plan));

        PlanningException e = DirectoryEntries.cannotRead(workspace, plan, WITHOUT, failed);

        assertThat(e).isExactlyInstanceOf(UnreadableInputException.class);
        assertThat(e.getMessage()).isEqualTo("cannot read frameworks/planning-fe/tasks/plan.yaml (frameworks is not a"
                + " directory): " + WITHOUT + "; expected a directory there: move the file away, or restore the"
                + " directory from version control");
    }

    /** errs37: a file listed as a directory was "(NotDirectoryException) ...; make it readable ...". */
    @Test
    void aFileListedAsADirectoryIsNamedWithWhatIsExpectedNotMakeItReadable() throws IOException {
        Path tasks = Files.writeString(workspace.resolve("tasks"), "a file, not a directory");
        IOException failed = catchThrowableOfType(IOException.class, () -> Files.list(tasks).close());

        PlanningException e = DirectoryEntries.cannotList(workspace, tasks, WITHOUT, failed);

        assertThat(e).isExactlyInstanceOf(UnreadableInputException.class);
        assertThat(e.getMessage()).isEqualTo("cannot list tasks (it is not a directory): " + WITHOUT + "; expected a"
                + " directory there: move the file away, or restore the directory from version control");
    }

    /** What a list of the directory {@code tasks} the platform denied is told as. */
    private PlanningException listingDenied() throws IOException {
        Path tasks = Files.createDirectories(workspace.resolve("tasks"));
        return DirectoryEntries.cannotList(workspace, tasks, WITHOUT, new AccessDeniedException(tasks.toString()));
    }

    /** A permission denied is still told to be made readable. */
    @Test
    void aPermissionDeniedIsToldToBeMadeReadable() throws IOException {
        PlanningException e = listingDenied();

        assertThat(e.getMessage()).isEqualTo("cannot list tasks (permission denied): " + WITHOUT + "; make it readable"
                + " by the user running planning");
    }

    @Test
    void aPermissionDeniedIsTheUsersToFixWhoeverRunsIt() throws IOException {
        PlanningException e = listingDenied();

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

    /** Failed before: the reason shown was the exception's kind, {@code (IOException)}. */
    @Test
    void aReadTheDiskFailedNamesTheSystemsReason() {
        PlanningException e = DirectoryEntries.cannotRead("events.jsonl", WITHOUT,
                thrownByThePlatform(new IOException("Input/output error")));

        assertThat(e).hasMessageStartingWith("cannot read events.jsonl (Input/output error): " + WITHOUT);
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

    // fail35: the disk's failure made for real through the ordinary Files calls (FaultyFileSystemProvider), and the
    // user's causes an allow-list: a kind of failure not recognised is the system's.

    /** Failed before: Files.exists answered false for the link, so the disk's failure was judged a loop, exit 2. */
    @Test
    void aLinkWhoseTargetTheDiskFailsToExamineIsTheSystemsNotALoop() throws IOException {
        Path tasks = Files.createDirectories(workspace.resolve("stored-tasks"));
        Files.createSymbolicLink(workspace.resolve("tasks"), tasks.getFileName());
        FaultyFileSystemProvider disk = FaultyFileSystemProvider.answeringEio(tasks);

        assertThatThrownBy(() -> DirectoryEntries.sorted(disk.path(workspace), disk.path(workspace.resolve("tasks")),
                WITHOUT)).isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot read tasks (Input/output error): " + WITHOUT);
        assertThatThrownBy(() -> DirectoryEntries.isRegularFile(disk.path(workspace),
                disk.path(workspace.resolve("tasks/plan.yaml")), WITHOUT))
                .isExactlyInstanceOf(SystemFailureException.class);
    }

    /** The link itself examined (not followed) answers; only following it meets the disk's failure. */
    @Test
    void aLinkExaminedWithoutFollowingItIsThereThoughItsTargetFails() throws IOException {
        Path tasks = Files.createDirectories(workspace.resolve("stored-tasks"));
        Files.createSymbolicLink(workspace.resolve("tasks"), tasks.getFileName());
        FaultyFileSystemProvider disk = FaultyFileSystemProvider.answeringEio(tasks);

        assertThat(DirectoryEntries.attributes(disk.path(workspace), disk.path(workspace.resolve("tasks")), WITHOUT,
                LinkOption.NOFOLLOW_LINKS)).hasValueSatisfying(a -> assertThat(a.isSymbolicLink()).isTrue());
    }

    /** Failed before: a loop in a directory on the path (not its last name) showed no cause, so was the system's. */
    @Test
    void aLinkThatLoopsOnTheWayToTheFileIsTheUsersToFix() throws IOException {
        Files.createSymbolicLink(workspace.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(workspace.resolve("b"), Path.of("a"));

        assertThatThrownBy(() -> DirectoryEntries.attributes(workspace, workspace.resolve("a/plan.yaml"), WITHOUT))
                .isExactlyInstanceOf(UnreadableInputException.class).hasMessageStartingWith("cannot read a/plan.yaml (");
    }

    @Test
    void aDirectoryTheDiskFailsToListThroughTheFilesCallsIsTheSystems() throws IOException {
        Path tasks = Files.createDirectories(workspace.resolve("tasks"));
        Files.writeString(tasks.resolve("plan.yaml"), "tasks: []\n");
        FaultyFileSystemProvider disk = FaultyFileSystemProvider.answeringEio(tasks);

        assertThatThrownBy(() -> DirectoryEntries.sorted(disk.path(workspace), disk.path(tasks), WITHOUT))
                .isExactlyInstanceOf(SystemFailureException.class).hasMessageContaining("the system failed, not the input");
        assertThatThrownBy(() -> DirectoryEntries.isRegularFile(disk.path(workspace), disk.path(tasks.resolve("plan.yaml")),
                WITHOUT)).isExactlyInstanceOf(SystemFailureException.class);
    }

    /** Failed before: any IOException subtype but the plain two was the user's, an interrupted read included. */
    @Test
    void aReadInterruptedIsTheSystemsNotTheWorkspaces() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, new ClosedByInterruptException()))
                .isExactlyInstanceOf(SystemFailureException.class);
    }

    /** Failed before: an unrecognised kind was blamed on the workspace's author. */
    @Test
    void aKindOfFailureNotRecognisedIsTheSystems() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, new SyncFailedException("sync failed")))
                .isExactlyInstanceOf(SystemFailureException.class);
        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT,
                new FileAlreadyExistsException(log.toString()))).isExactlyInstanceOf(SystemFailureException.class);
    }

    /** Failed before: a plain IOException any code but the platform's threw was the user's. */
    @Test
    void aPlainIoExceptionOfCodeNotRecognisedIsTheSystems() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");
        IOException fromElsewhere = new IOException("something went wrong");
        fromElsewhere.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.example.SomeDriver", "read", null, -1)});

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, fromElsewhere))
                .isExactlyInstanceOf(SystemFailureException.class);
    }

    @Test
    void whatARecognisedReaderSaysOfTheBytesStaysTheInputs() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, new EOFException("cut short")))
                .isExactlyInstanceOf(UnreadableInputException.class);
        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, new JsonParseException(null, "unexpected")))
                .isExactlyInstanceOf(UnreadableInputException.class);
    }
    /** JGit's own plain {@link IOException}, thrown by its code (its first frame is JGit's), around {@code cause}. */
    private static IOException ofJGitAround(Throwable cause) {
        IOException wrapped = new IOException("Short read of block.", cause);
        wrapped.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.eclipse.jgit.internal.storage.file.Pack", "read", null, -1)});
        return wrapped;
    }

    /** Failed before (fail36): a plain IOException JGit's code threw was the user's, whatever it wrapped. */
    @Test
    void aReadTheDiskFailedThatJGitWrapsIsTheSystems() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");
        IOException eio = thrownByThePlatform(new IOException("Input/output error"));

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, ofJGitAround(eio)))
                .isExactlyInstanceOf(SystemFailureException.class);
        // Wrapped again, not directly: the nearest I/O failure among the causes is the one judged.
        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT,
                ofJGitAround(new IllegalStateException("reading a pack", eio)))).isExactlyInstanceOf(SystemFailureException.class);
    }

    @Test
    void whatJGitWrapsThatIsTheUsersOrNoFailedReadStaysTheUsers() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT,
                ofJGitAround(new AccessDeniedException(log.toString())))).isExactlyInstanceOf(UnreadableInputException.class);
        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, ofJGitAround(new EOFException("cut short"))))
                .isExactlyInstanceOf(UnreadableInputException.class);
        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT,
                ofJGitAround(new IllegalStateException("no I/O")))).isExactlyInstanceOf(UnreadableInputException.class);
    }

    /** A chain of causes that loops (no reader makes one) shows no cause: the system's, and judging it ends. */
    @Test
    void aChainOfCausesThatLoopsIsTheSystems() throws IOException {
        Path log = Files.writeString(workspace.resolve("events.jsonl"), "{}\n");
        IOException first = new IOException("first");
        IOException second = ofJGitAround(first);
        first.initCause(second);

        assertThat(DirectoryEntries.cannotRead(workspace, log, WITHOUT, second))
                .isExactlyInstanceOf(SystemFailureException.class);
    }
}
