package dev.planning.engine.internal.workspace;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sidecar lock files' channels, kept open between holds, so that a writer appending again and
 * again to one log does not open, inspect and close the sidecar on every append.
 *
 * <p>On POSIX systems closing <em>any</em> descriptor of a file drops the process's locks on it,
 * so a channel closed while another thread of this JVM held the file's lock would silently end
 * that thread's exclusion. Hence: a key's channels are opened, locked and closed only by the thread
 * holding the key's in-JVM lock ({@link PathLock#holding}), which uses the kept channel under the
 * kept channel's own {@code use} lock; a kept channel is closed only under that {@code use} lock,
 * either by the key's holder or, to make room, by another thread that got it with
 * {@code tryLock} (so nobody was using it) before it is removed from the map (so a holder that
 * finds no kept channel knows none is left open). Kept channels are never left to the garbage
 * collector, whose cleaner would close them at any moment: the map holds at most
 * {@value #MAX_OPEN}, the least recently used closed first (the map keeps its entries in access
 * order, so finding that one is not a scan of them all: a writer moving many cycles, each new
 * cycle's first append making room, would otherwise walk every kept entry, cold in the cache after
 * its sync); when none can be closed, a hold closes its own channel when it ends, as before.
 *
 * <p>A kept channel is trusted only while the sidecar's name still leads to the file it has open:
 * after taking the lock, the name is examined ({@code lstat}, never following a link) and its file
 * identity compared with the one recorded when the channel was opened. A sidecar deleted and made
 * again (say by {@code git clean -X}), or replaced by a link, is noticed then: the old channel is
 * closed and the name opened again, refused if it is a link ({@link PathLock#openSidecar}).
 */
final class OpenSidecars {

    /** The most sidecar channels kept open in a JVM. */
    static final int MAX_OPEN = 64;

    /** The kept channels, least recently looked up first; guarded by itself, held only briefly. */
    private static final Map<Path, Kept> OPEN = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * A kept channel, the identity of the file it has open, and who uses it; and, when a hold kept
     * one ({@link PathLock.Held#keep}), a channel on the locked file itself with that file's
     * identity, closed with the sidecar's.
     */
    static final class Kept {
        final FileChannel channel;
        final Object fileKey;
        /** Held while the channel is in use or being closed. */
        final ReentrantLock use = new ReentrantLock();
        /** Guarded by {@code use}. */
        boolean closed;
        /** The locked file's channel kept by a hold, or {@code null}; guarded by {@code use}. */
        FileChannel data;
        /** The identity of the file {@code data} has open; guarded by {@code use}. */
        Object dataKey;

        Kept(FileChannel channel, Object fileKey) {
            this.channel = channel;
            this.fileKey = fileKey;
        }
    }

    private OpenSidecars() {
    }

    /**
     * A lock taken by {@link #lock}: the file lock, and the kept entry it went through, whose
     * {@code use} lock the holder holds until {@link #release} ({@code null} when the channel is not
     * kept).
     */
    record Hold(FileLock lock, Kept kept) {
    }

    /**
     * Takes the exclusive lock on the sidecar of the file whose key is given, through the kept
     * channel when it still has the sidecar open, else through a newly opened one (kept when the
     * file it opened is known). The caller holds the key's in-JVM lock.
     *
     * @return the hold, to be handed back to {@link #release} by the same thread
     * @throws IOException naming the sidecar, when it is a link or not a regular file
     */
    static Hold lock(Path key) throws IOException {
        Path sidecar = PathLock.sidecar(key);
        Kept kept = kept(key);
        if (kept != null) {
            kept.use.lock();
            boolean inUse = false;
            try {
                if (!kept.closed) {
                    FileLock lock = lockOrNull(kept.channel);
                    if (lock != null && kept.fileKey.equals(fileKeyOrNull(sidecar))) {
                        inUse = true;
                        return new Hold(lock, kept);
                    }
                    close(key, kept);
                }
            } finally {
                if (!inUse) {
                    kept.use.unlock();
                }
            }
        }
        BasicFileAttributes before = attributesOrNull(sidecar);
        FileChannel channel = PathLock.opener.open(sidecar);
        FileLock lock;
        try {
            lock = channel.lock();
        } catch (IOException | RuntimeException e) {
            quietlyClose(channel);
            throw e;
        }
        // Kept only when the file opened is known: the name led to the same file just before the
        // open and just after it (a sidecar this open created is kept from its next hold on).
        Object fileKey = before == null ? null : before.fileKey();
        if (fileKey != null && fileKey.equals(fileKeyOrNull(sidecar)) && room(key)) {
            Kept fresh = new Kept(channel, fileKey);
            fresh.use.lock();
            synchronized (OPEN) {
                OPEN.put(key, fresh);
            }
            return new Hold(lock, fresh);
        }
        return new Hold(lock, null);
    }

    /**
     * Releases a lock from {@link #lock}; closes its channel unless it is kept. Never fails: an unlock
     * that fails (an {@code fcntl} answering EIO) is followed by closing the channel, kept or not, and
     * a process's locks on a file go with the descriptor that is closed, whatever {@code close} reports
     * (Linux frees the descriptor even then). So the caller's work stands, and no lock is left held by
     * a channel this JVM would lock again ({@link java.nio.channels.OverlappingFileLockException}).
     */
    static void release(Path key, Hold hold) {
        FileLock lock = hold.lock();
        FileChannel channel = lock.channel();
        Kept kept = kept(key);
        if (kept != null && kept == hold.kept() && kept.channel == channel && kept.use.isHeldByCurrentThread()) {
            try {
                if (channel.isOpen()) {
                    lock.release();
                }
            } catch (IOException | RuntimeException e) {
                close(key, kept);
            } finally {
                kept.use.unlock();
            }
            return;
        }
        try {
            if (channel.isOpen()) {
                lock.release();
            }
        } catch (IOException | RuntimeException e) {
            // Closed below, which drops the lock.
        } finally {
            quietlyClose(channel);
        }
    }

    /** Whether a channel on the key's sidecar is kept open now; for tests. */
    static boolean isKept(Path key) {
        synchronized (OPEN) {
            return OPEN.containsKey(key);
        }
    }

    /** The key's kept entry, or {@code null}; for readers, who use its channels under its {@code use} lock only. */
    static Kept keptOrNull(Path key) {
        return kept(key);
    }

    /** The key's kept channel, now the most recently used, or {@code null}. */
    private static Kept kept(Path key) {
        synchronized (OPEN) {
            return OPEN.get(key);
        }
    }

    /**
     * Whether another channel may be kept: below the limit, or once the least recently used one
     * that nobody is using was closed.
     */
    private static boolean room(Path key) {
        Path oldestKey = null;
        Kept victim = null;
        synchronized (OPEN) {
            if (OPEN.size() < MAX_OPEN) {
                return true;
            }
            // In access order: the first entry is the least recently used (the key's own, if it
            // is there, is passed over as the scan did).
            Iterator<Map.Entry<Path, Kept>> entries = OPEN.entrySet().iterator();
            while (entries.hasNext() && victim == null) {
                Map.Entry<Path, Kept> entry = entries.next();
                if (!entry.getKey().equals(key)) {
                    oldestKey = entry.getKey();
                    victim = entry.getValue();
                }
            }
        }
        if (victim == null || !victim.use.tryLock()) {
            return false;
        }
        try {
            if (!victim.closed) {
                close(oldestKey, victim);
            }
        } finally {
            victim.use.unlock();
        }
        synchronized (OPEN) {
            return OPEN.size() < MAX_OPEN;
        }
    }

    /**
     * Closes a kept channel (and the locked file's channel kept with it), then forgets it; the
     * caller holds its {@code use} lock.
     */
    private static void close(Path key, Kept kept) {
        quietlyClose(kept.channel);
        dropData(kept);
        kept.closed = true;
        synchronized (OPEN) {
            OPEN.remove(key, kept);
        }
    }

    /** The lock, or {@code null} when the kept channel was closed (by an interrupt, say). */
    private static FileLock lockOrNull(FileChannel channel) throws IOException {
        try {
            return channel.lock();
        } catch (ClosedChannelException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            return null;
        }
    }

    private static BasicFileAttributes attributesOrNull(Path sidecar) throws IOException {
        try {
            return Files.readAttributes(sidecar, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The identity of the regular file the name leads to (never through a link), else {@code null}. */
    private static Object fileKeyOrNull(Path sidecar) throws IOException {
        BasicFileAttributes attributes = attributesOrNull(sidecar);
        return attributes != null && attributes.isRegularFile() ? attributes.fileKey() : null;
    }

    /** Closes and forgets the locked file's channel kept with {@code kept}; the caller holds its {@code use} lock. */
    static void dropData(Kept kept) {
        if (kept.data != null) {
            quietlyClose(kept.data);
            kept.data = null;
            kept.dataKey = null;
        }
    }

    private static void quietlyClose(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through it; its lock, if any, ends with the descriptor.
        }
    }
}
