package dev.planning.engine.internal.git;

import static dev.planning.engine.internal.git.PlanRepository.PLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * robust28: a failure of a read of the repository is the user's (exit 2) only when its cause shows it: an
 * {@link IndexOutOfBoundsException} is a damaged git object only when JGit's parsing threw it, one of our own code
 * is a bug (an internal error, exit 3); git's status failing on a file the user may not read is that file's
 * refusal (exit 2), on any other I/O failure the system's (exit 3). A real damaged tree stays the user's
 * ({@link HeadTreeDamageTest}).
 */
class GitFailureClassTest {

    @TempDir
    Path dir;

    /** {@link PlanRepository#committed} in {@code dir/repo}. */
    private Path committed() throws IOException {
        return PlanRepository.committed(dir.resolve("repo"));
    }

    /** An IndexOutOfBoundsException our own code throws, as a bug would. */
    private static IndexOutOfBoundsException oursThrown() {
        // Thrown explicitly, so that its stack is always filled in (an implicit one may come without it).
        return (IndexOutOfBoundsException) catchThrowable(() -> {
            throw new IndexOutOfBoundsException("Index 1 out of bounds for length 0");
        });
    }

    /**
     * HotSpot throws a bounds check that failed often at one site of compiled code without its stack
     * ({@code OmitStackTraceInFastThrow}): JGit's parser's did so in the full build, after many damaged trees.
     * Where it came from cannot be told; it is judged as the JGit read every catch site wraps: damage.
     */
    @Test
    void anIndexOutOfBoundsExceptionWithoutItsStackCountsAsDamage() {
        IndexOutOfBoundsException stackless = new ArrayIndexOutOfBoundsException();
        stackless.setStackTrace(new StackTraceElement[0]);

        assertThat(GitRepository.thrownByJGit(stackless)).isTrue();
    }

    @Test
    void anIndexOutOfBoundsExceptionOfJGitsParsingIsTheOneThatCountsAsDamage() {
        Throwable parsing = catchThrowable(() -> ObjectId.fromRaw(new byte[3]));

        assertThat(parsing).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(GitRepository.thrownByJGit(parsing)).isTrue();
        assertThat(GitRepository.thrownByJGit(oursThrown())).isFalse();
    }

    @Test
    void anIndexOutOfBoundsExceptionOfOurOwnCodeIsHandedOnAsAnInternalErrorNotAsADamagedRepository() throws Exception {
        Path repo = committed();
        IndexOutOfBoundsException bug = oursThrown();
        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            assertThat(git.unreadableHead(repo.resolve("planning"), bug)).isSameAs(bug);
            assertThat(git.failure("resolve HEAD", bug)).isSameAs(bug);
            assertThat(git.statusFailure(List.of(PLAN), bug)).isSameAs(bug);
            assertThat(git.statusFailure(List.of(PLAN), new JGitInternalException("status", bug)))
                    .isNotInstanceOf(PlanningException.class);
        }
    }

    @Test
    void gitsStatusFailingOnAFileTheUserMayNotReadIsThatFilesRefusal() throws Exception {
        Path repo = committed();
        Path attributes = repo.toRealPath().resolve(".gitattributes");
        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            RuntimeException refusal = git.statusFailure(List.of(PLAN), new JGitInternalException(
                    "Error while parsing attributes", new AccessDeniedException(attributes.toString())));

            assertThat(refusal).isInstanceOf(UnreadableInputException.class)
                    .hasMessageContaining("cannot read .gitattributes (permission denied)")
                    .hasMessageContaining("make it readable");
        }
    }

    @Test
    void gitsStatusFailingOnADiskErrorIsTheSystemsFailureNotTheInputs() throws Exception {
        Path repo = committed();
        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            RuntimeException refusal = git.statusFailure(List.of(PLAN), new JGitInternalException(
                    "Error while parsing attributes", new IOException("Input/output error")));

            assertThat(refusal).isInstanceOf(SystemFailureException.class)
                    .hasMessageContaining("cannot read the git status of")
                    .hasMessageContaining("the system failed, not the input");
        }
    }

    @Test
    void everyReadOfARevisionTellsADamagedTreeOnlyWhenJGitsParsingThrewIt() throws Exception {
        Path repo = committed();
        IndexOutOfBoundsException bug = oursThrown();
        IndexOutOfBoundsException parsing = (IndexOutOfBoundsException) catchThrowable(
                () -> ObjectId.fromRaw(new byte[3]));
        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            String head = git.head().orElseThrow();

            assertThat(git.corrupt("read " + PLAN + " at " + head, head, bug)).isSameAs(bug);
            assertThat(git.corrupt("read " + PLAN + " at " + head, head, parsing))
                    .isExactlyInstanceOf(PlanningException.class)
                    .hasMessageContaining("a git tree of commit " + head + " is corrupt");
        }
    }

    /**
     * An I/O failure the platform's own code threw, as a disk answering EIO would (a plain IOException from the
     * read): reading a directory, which fails in the same read with EISDIR.
     */
    private IOException platformThrown() throws IOException {
        try (FileChannel channel = FileChannel.open(dir)) {
            return (IOException) catchThrowable(() -> channel.read(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void aReadOfTheRepositoryFailingOnTheSystemsIoIsTheSystemsFailureNotTheInputs() throws Exception {
        Path repo = committed();
        IOException io = platformThrown();
        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            assertThat(GitRepository.systemIo(io)).isTrue();
            assertThat(git.failure("read the shallow commits", io)).isInstanceOf(SystemFailureException.class)
                    .hasMessageContaining("cannot read the shallow commits in the git repository")
                    .hasMessageContaining("the system failed, not the input");
        }
    }

    @Test
    void aReadOfTheRepositoryFailingOnAnUnreadableFileOrJGitsOwnRefusalStaysTheUsers() throws Exception {
        Path repo = committed();
        AccessDeniedException denied = new AccessDeniedException(repo.resolve(".git/shallow").toString());
        IOException ofJGit = new IOException("made up by JGit's code, not the platform's");
        FileSystemException loop = new FileSystemException(repo.resolve(".git/shallow").toString(), null,
                "Too many levels of symbolic links");
        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            assertThat(GitRepository.systemIo(denied)).isFalse();
            assertThat(GitRepository.systemIo(ofJGit)).isFalse();
            assertThat(GitRepository.systemIo(loop)).isFalse();
            assertThat(git.failure("read the shallow commits", denied)).isExactlyInstanceOf(PlanningException.class);
            assertThat(git.failure("read the shallow commits", ofJGit)).isExactlyInstanceOf(PlanningException.class);
        }
    }
    /** JGit's own plain {@link IOException}, thrown by its code (its first frame is JGit's), around {@code cause}. */
    private static IOException ofJGitAround(Throwable cause) {
        IOException wrapped = new IOException("Short read of block.", cause);
        wrapped.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.eclipse.jgit.internal.storage.file.Pack", "read", null, -1)});
        return wrapped;
    }

    /** Failed before (fail36): JGit's failure wrapping the disk's was judged by JGit's frame alone, the user's. */
    @Test
    void aReadTheDiskFailedThatJGitWrapsIsTheSystemsFailure() throws Exception {
        Path repo = committed();
        IOException wrapped = ofJGitAround(new IllegalStateException("reading a pack", platformThrown()));
        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            assertThat(GitRepository.systemIo(wrapped)).isTrue();
            assertThat(git.failure("read the shallow commits", wrapped)).isInstanceOf(SystemFailureException.class);
        }
    }

    @Test
    void whatJGitWrapsOtherwiseStaysTheUsers() throws Exception {
        Path repo = committed();
        IOException denied = ofJGitAround(new AccessDeniedException(repo.resolve(".git/shallow").toString()));
        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            assertThat(GitRepository.systemIo(denied)).isFalse();
            assertThat(GitRepository.systemIo(ofJGitAround(new IllegalStateException("no I/O")))).isFalse();
            assertThat(git.failure("read the shallow commits", denied)).isExactlyInstanceOf(PlanningException.class);
        }
    }
}
