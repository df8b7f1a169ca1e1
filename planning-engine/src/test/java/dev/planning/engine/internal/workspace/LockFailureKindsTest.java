package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Which failures to take a lock are the user's to fix (a {@link LockFailedException}, exit 2) and which
 * the system's (a {@link SystemFailureException}, exit 3). The file system's failures are injected
 * through the sidecar opener ({@link PathLock#opener}), not made by exhausting the machine. Isolated:
 * the opener is process-wide.
 */
@Isolated
class LockFailureKindsTest {

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheOpener() {
        PathLock.opener = PathLock::openSidecar;
        LockFailedException.writable = Files::isWritable;
    }

    private PlanningException failureToLock(Path log) throws IOException {
        AtomicBoolean ran = new AtomicBoolean();
        Path key = PathLock.key(log);
        PlanningException failure = catchThrowableOfType(PlanningException.class,
                () -> PathLock.holding(key, () -> ran.getAndSet(true)));
        assertThat(ran).as("the body ran").isFalse();
        assertThat(PathLock.inUse(key)).as("the in-JVM lock is left").isFalse();
        return failure;
    }

    private static void failingOpen(IOException failure) {
        PathLock.opener = sidecar -> {
            throw failure;
        };
    }

    @Test
    void tooManyOpenFilesIsTheSystemsFailureNamingTheLockFileAndNotTheUsers() throws Exception {
        Path log = dir.resolve("a.jsonl");
        failingOpen(new FileSystemException(PathLock.sidecar(log).toString(), null, "Too many open files"));

        PlanningException failure = failureToLock(log);

        assertThat(failure).isInstanceOf(SystemFailureException.class);
        assertThat(failure.describe()).startsWith(PathLock.sidecar(log) + ": cannot take this lock (Too many open"
                + " files), so nothing was written under it: the system failed, not the input").contains("ulimit -n")
                .doesNotContain("\n");
        PathLock.opener = PathLock::openSidecar;
        assertThat(PathLock.holding(PathLock.key(log), () -> "ran")).as("taken once descriptors are free")
                .isEqualTo("ran");
    }

    @Test
    void aFullDiskWhenTheLockFileIsCreatedIsTheSystemsFailure() throws Exception {
        Path log = dir.resolve("a.jsonl");
        failingOpen(new FileSystemException(PathLock.sidecar(log).toString(), null, "No space left on device"));

        assertThat(failureToLock(log)).isInstanceOf(SystemFailureException.class)
                .hasMessageContaining("(No space left on device)").hasMessageContaining("disk space");
    }

    @Test
    void anIoErrorOfTheLockItselfIsTheSystemsFailure() throws Exception {
        Path log = dir.resolve("a.jsonl");
        PathLock.opener = sidecar -> new FailingLocks(new IOException("Input/output error"), true);

        assertThat(failureToLock(log)).isInstanceOf(SystemFailureException.class)
                .hasMessageContaining("(IOException)").hasMessageContaining("check the disk");
    }

    @Test
    void aDeadlockWithAnotherProcessHoldingTheLockIsTheUsersToWaitOut() throws Exception {
        Path log = dir.resolve("a.jsonl");
        // EDEADLK from fcntl, and a fresh channel's tryLock refused: another process holds it.
        PathLock.opener = sidecar -> new FailingLocks(new IOException("Resource deadlock avoided"), false);

        assertThat(failureToLock(log)).isInstanceOf(LockFailedException.class)
                .hasMessageContaining("another process holds it").hasMessageEndingWith("and try again");
    }

    @Test
    void permissionDeniedIsTheUsersToFixNamingTheDirectory() throws Exception {
        Path log = dir.resolve("a.jsonl");
        failingOpen(new AccessDeniedException(PathLock.sidecar(log).toString()));

        PlanningException failure = failureToLock(log);

        assertThat(failure).isInstanceOf(LockFailedException.class);
        assertThat(failure.describe()).isEqualTo(PathLock.sidecar(PathLock.key(log)) + ": cannot take this lock"
                + " (permission denied), so nothing was written under it: permission denied; make "
                + PathLock.key(log).getParent() + " (and the lock file, when present) writable by you, and try again");
    }

    @Test
    void aDirectoryTheUserMayNotWriteIsTheUsersToFixEvenWhenTheReasonIsNotATypedOne() throws Exception {
        Path ws = Files.createDirectory(dir.resolve("ws"));
        Path log = ws.resolve("a.jsonl");
        failingOpen(new FileSystemException(PathLock.sidecar(log).toString(), null, "Operation not permitted"));
        // Judged as a user without write permission: as root, the permission bits would stop no one.
        LockFailedException.writable = path -> !path.startsWith(ws);

        assertThat(failureToLock(log)).isInstanceOf(LockFailedException.class)
                .hasMessageContaining("permission denied; make");
    }

    @Test
    void theSameUntypedFailureInADirectoryTheUserMayWriteIsTheSystems() throws Exception {
        Path ws = Files.createDirectory(dir.resolve("ws"));
        Path log = ws.resolve("a.jsonl");
        failingOpen(new FileSystemException(PathLock.sidecar(log).toString(), null, "Operation not permitted"));
        LockFailedException.writable = path -> true;

        assertThat(failureToLock(log)).isInstanceOf(SystemFailureException.class);
    }

    @Test
    void aMissingDirectoryIsTheUsersToFix() {
        Path sidecar = dir.resolve("gone/deeper/a.jsonl.lock");

        PlanningException failure = LockFailedException.of(sidecar,
                new FileSystemException(sidecar.toString(), null, "No such file or directory"));

        assertThat(failure).isInstanceOf(LockFailedException.class)
                .hasMessageContaining("the directory " + sidecar.getParent() + " does not exist; create it");
    }

    @Test
    void aRegularFileWhereADirectoryGoesIsTheUsersToFixNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path sidecar = file.resolve("keys/trust.yaml.lock");

        PlanningException failure = LockFailedException.of(sidecar,
                new FileSystemException(sidecar.toString(), null, "Not a directory"));

        assertThat(failure).isInstanceOf(LockFailedException.class)
                .hasMessageContaining(file + " is not a directory, and the lock file goes under it");
    }

    @Test
    void aFileNameTooLongForItsLockFileIsTheUsersToFixNotTheSystems() throws Exception {
        // The file's own name fits (251 bytes), its lock file's (".lock" more) does not: the user chose the name.
        Path log = dir.resolve("a".repeat(251));
        Files.writeString(log, "x");
        Assumptions.assumeTrue(catchThrowableOfType(FileSystemException.class,
                () -> Files.createFile(PathLock.sidecar(log))) != null, "this file system takes names past 255 bytes");

        PlanningException failure = failureToLock(log);

        assertThat(failure).isInstanceOf(LockFailedException.class)
                .hasMessageContaining("name is too long").hasMessageContaining("choose a shorter name")
                .hasMessageNotContaining("ulimit");
    }

    /** A channel whose {@code lock} fails as given; its {@code tryLock} is refused or granted. */
    private static final class FailingLocks extends FileChannel {
        private final IOException lockFailure;
        private final boolean grantsTryLock;

        FailingLocks(IOException lockFailure, boolean grantsTryLock) {
            this.lockFailure = lockFailure;
            this.grantsTryLock = grantsTryLock;
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            throw lockFailure;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            return grantsTryLock ? new FileLock(this, position, size, shared) {
                private boolean valid = true;

                @Override
                public boolean isValid() {
                    return valid;
                }

                @Override
                public void release() {
                    valid = false;
                }
            } : null;
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public FileChannel position(long newPosition) {
            return this;
        }

        @Override
        public long size() {
            return 0;
        }

        @Override
        public FileChannel truncate(long size) {
            return this;
        }

        @Override
        public void force(boolean metaData) {
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() {
        }
    }
}
