package dev.planning.engine.workspace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on one file (an event log, a manifest being signed), between threads and
 * between processes.
 *
 * <p>Threads of this JVM queue on a lock keyed by the file's real path (shared by every user of
 * this class); the holder then takes an exclusive {@link FileLock} on the sidecar file
 * {@code <file>.lock}, which other processes honour. The sidecar, rather than the file, is locked
 * because on POSIX systems closing <em>any</em> descriptor of a file drops the process's locks on
 * it, and readers open the file freely. The sidecar is empty and must not be deleted while a
 * process may be writing.
 */
public final class PathLock {

    /** The work done while holding the lock. */
    @FunctionalInterface
    public interface Body<T> {
        /** The work; may throw {@link IOException}, which {@link #holding} passes on. */
        T run() throws IOException;
    }

    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private PathLock() {
    }

    /** The sidecar lock file of a file. */
    public static Path sidecar(Path log) {
        return log.resolveSibling(log.getFileName() + ".lock");
    }

    /** The key both locks use: the file's path with its directory's symbolic links resolved. */
    public static Path key(Path log) throws IOException {
        return log.getParent().toRealPath().resolve(log.getFileName());
    }

    /** Runs {@code body} holding both locks of the file whose {@link #key(Path) key} is given. */
    public static <T> T holding(Path key, Body<T> body) throws IOException {
        ReentrantLock lock = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try (FileChannel channel = FileChannel.open(sidecar(key), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock fileLock = channel.lock();
            try {
                return body.run();
            } finally {
                fileLock.release();
            }
        } finally {
            lock.unlock();
        }
    }
}
