package dev.planning.engine.eventlog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on one log, between threads and between processes.
 *
 * <p>Threads of this JVM queue on a lock keyed by the log's real path (shared by every
 * {@link FileEventStore} instance); the holder then takes an exclusive {@link FileLock} on the
 * sidecar file {@code <log>.lock}, which other processes honour. The sidecar, rather than the log,
 * is locked because on POSIX systems closing <em>any</em> descriptor of a file drops the process's
 * locks on it, and readers open the log freely. The sidecar is empty and must not be deleted while
 * a process may be writing.
 */
final class LogLock {

    /** The work done while holding the lock. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws IOException;
    }

    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private LogLock() {
    }

    /** The sidecar lock file of a log. */
    static Path sidecar(Path log) {
        return log.resolveSibling(log.getFileName() + ".lock");
    }

    /** The key both locks use: the log's path with its directory's symbolic links resolved. */
    static Path key(Path log) throws IOException {
        return log.getParent().toRealPath().resolve(log.getFileName());
    }

    /** Runs {@code body} holding both locks of the log whose {@link #key(Path) key} is given. */
    static <T> T holding(Path key, Body<T> body) throws IOException {
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
