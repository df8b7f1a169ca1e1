package dev.planning.engine.internal.workspace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on one file (an event log, a manifest being signed), between threads and
 * between processes.
 *
 * <p>Threads of this JVM queue on a lock keyed by the file's real path (shared by every user of
 * this class); the holder then takes an exclusive {@link java.nio.channels.FileLock} on the sidecar file
 * {@code <file>.lock}, which other processes honour. The sidecar, rather than the file, is locked
 * because on POSIX systems closing <em>any</em> descriptor of a file drops the process's locks on
 * it, and readers open the file freely. The sidecar is empty and must not be deleted while a
 * process may be writing. Its channel is kept open between holds ({@link OpenSidecars}), and
 * checked on each hold to still be the file the sidecar's name leads to.
 *
 * <p>The in-JVM locks live only while used: an entry is made when the first thread asks for a key
 * and dropped when the last thread that held or waited for it leaves, so an embedder that appends
 * to many cycles over a long run keeps no lock per file it ever touched. The count of users is
 * changed only inside the map's atomic {@code compute} for that key, so a lock that is held or
 * waited for is never dropped nor replaced by a second lock for the same key.
 */
public final class PathLock {

    /** The work done while holding the lock. */
    @FunctionalInterface
    public interface Body<T> {
        /** The work; may throw {@link IOException}, which {@link #holding} passes on. */
        T run() throws IOException;
    }

    /** The work done while holding the lock, with the {@link Held hold} (to keep a channel on the file). */
    @FunctionalInterface
    public interface HeldBody<T> {
        /** The work; may throw {@link IOException}, which {@link #holding(Path, HeldBody)} passes on. */
        T run(Held held) throws IOException;
    }

    /**
     * The hold of a file's locks, as its body sees it: a channel on the locked file itself may be
     * kept open with the sidecar's between holds, so that a writer appending again and again does
     * not open and close the file each time. Such a channel is closed with the sidecar's channel
     * (when the sidecar is found replaced, or to make room), and used only by the lock's holder.
     * What the caller keeps it with is the identity ({@link java.nio.file.attribute.BasicFileAttributes#fileKey()})
     * of the file it has open: a later hold gets it back only for that identity, which the caller
     * reads anew, under the lock, from the file's name. Valid only inside the body.
     */
    public static final class Held {

        private final OpenSidecars.Kept kept;

        private Held(OpenSidecars.Kept kept) {
            this.kept = kept;
        }

        /** The identity a channel on the locked file was kept for by an earlier hold, or {@code null}. */
        public Object keptFileKey() {
            return kept == null || kept.data == null ? null : kept.dataKey;
        }

        /** Closes and forgets the channel on the locked file kept by an earlier hold, if any. */
        public void drop() {
            if (kept != null) {
                OpenSidecars.dropData(kept);
            }
        }

        /**
         * The channel on the locked file kept by an earlier hold, if it is open and was kept for the
         * file whose identity is {@code fileKey}; otherwise {@code null}, and a channel kept for
         * another file (or closed meanwhile, by an interrupt say) is closed and forgotten.
         */
        public FileChannel kept(Object fileKey) {
            if (kept == null || kept.data == null) {
                return null;
            }
            if (fileKey != null && fileKey.equals(kept.dataKey) && kept.data.isOpen()) {
                return kept.data;
            }
            OpenSidecars.dropData(kept);
            return null;
        }

        /**
         * Keeps {@code channel}, open on the locked file whose identity is {@code fileKey}, for later
         * holds, closing one kept before.
         *
         * @return whether it is kept; when not (the sidecar's own channel is not kept), the caller
         *         closes it
         */
        public boolean keep(FileChannel channel, Object fileKey) {
            if (kept == null || fileKey == null) {
                return false;
            }
            if (kept.data != channel) {
                OpenSidecars.dropData(kept);
            }
            kept.data = channel;
            kept.dataKey = fileKey;
            return true;
        }
    }

    /** Reads a file through a channel open on it. */
    @FunctionalInterface
    public interface Reader<T> {
        /** The reading; positional reads only (the channel may be shared with the lock's holders). */
        T read(FileChannel channel) throws IOException;
    }

    /**
     * Reads a file without taking its locks, through the channel on it kept with its lock
     * ({@link Held#keep}) when one is kept for the file whose identity is {@code fileKey} (as the
     * caller just read it from the file's name) and no holder of the lock is using it now;
     * otherwise {@code otherwise} reads it (opening it by name). A reader holds the kept channel
     * only while reading, so a holder waits at most that long, and the channel is never closed
     * under it.
     *
     * @param key     the file's {@link #key(Path) key}
     * @param fileKey the file's identity as last read from its name, or {@code null} (then
     *                {@code otherwise} reads)
     */
    public static <T> T reading(Path key, Object fileKey, Reader<T> reader, Body<T> otherwise) throws IOException {
        OpenSidecars.Kept kept = fileKey == null ? null : OpenSidecars.keptOrNull(key);
        if (kept != null && kept.use.tryLock()) {
            try {
                if (!kept.closed && kept.data != null && kept.data.isOpen() && fileKey.equals(kept.dataKey)) {
                    return reader.read(kept.data);
                }
            } finally {
                kept.use.unlock();
            }
        }
        return otherwise.run();
    }

    private static final ConcurrentMap<Path, Entry> IN_JVM = new ConcurrentHashMap<>();

    /** Opens a sidecar for locking ({@link #openSidecar}); tests replace it to make the file system fail. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path sidecar) throws IOException;
    }

    /** How sidecars are opened: {@link #openSidecar}, except in tests that inject failures. */
    static volatile Opener opener = PathLock::openSidecar;

    /** A refusal of the lock file itself (a link, not a regular file), which names it and says what to do. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A key's in-JVM lock and the threads that hold or wait for it ({@code users}, changed only in {@code compute}). */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private PathLock() {
    }

    /** The sidecar lock file of a file. */
    public static Path sidecar(Path log) {
        return log.resolveSibling(log.getFileName() + ".lock");
    }

    /**
     * Refuses a file whose sidecar exists and is a symbolic link or not a regular file, before any
     * work that the lock would later guard: a reader calls it first, so a transition stops before
     * its gates write evidence.
     *
     * @param file the locked file (not the sidecar)
     * @throws IOException naming the sidecar
     */
    public static void checkSidecar(Path file) throws IOException {
        Path sidecar = sidecar(file);
        Optional<String> refused = sidecarRefusal(file, sidecar.toString());
        if (refused.isPresent()) {
            throw new Refused(refused.get());
        }
    }

    /**
     * Why {@link #checkSidecar} refuses {@code file}'s sidecar, naming it as {@code shown} (lint names it relative to
     * the workspace); empty when there is none or it is a regular file.
     *
     * @param file  the locked file (not the sidecar)
     * @param shown how the message names the sidecar
     * @throws IOException when the sidecar cannot be examined
     */
    public static Optional<String> sidecarRefusal(Path file, String shown) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(sidecar(file), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? Optional.empty() : Optional.of(refusal(shown, attributes));
        } catch (NoSuchFileException e) {
            // No sidecar yet: the lock creates a plain file.
            return Optional.empty();
        }
    }

    /**
     * Opens (creating it when absent) the sidecar for locking, never through a symbolic link: a
     * committed link named {@code <file>.lock} must not make the lock create or touch a file
     * elsewhere. {@code NOFOLLOW_LINKS} makes the open itself refuse a link (no window between a
     * check and the open); the attribute check also refuses anything that is not a regular file.
     *
     * @throws IOException naming the sidecar, when it is a link or not a regular file
     */
    static FileChannel openSidecar(Path sidecar) throws IOException {
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(sidecar, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            before = null;
        }
        if (before != null && !before.isRegularFile()) {
            throw new Refused(refusal(sidecar.toString(), before));
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(sidecar, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            // ELOOP: the name became a symbolic link between the check and the open.
            if (Files.isSymbolicLink(sidecar)) {
                throw new Refused(refusal(sidecar.toString(),
                        Files.readAttributes(sidecar, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)), e);
            }
            throw e;
        }
        return channel;
    }

    private static String refusal(String sidecar, BasicFileAttributes attributes) {
        String what = attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file";
        return "the lock file " + Shown.path(sidecar) + " is " + what + "; locks never follow links. Remove it (it must not be "
                + "committed: .gitignore lists *.lock) and try again";
    }

    /** The key both locks use: the file's path with its directory's symbolic links resolved. */
    public static Path key(Path log) throws IOException {
        return log.getParent().toRealPath().resolve(log.getFileName());
    }

    /**
     * Runs {@code body} holding both locks of {@code file}, after making its directory: the way a
     * writer that creates the file's directory when missing takes the lock (the trust file, the
     * manifest, an exported log). A directory that cannot be made or examined (a regular file in its
     * place, no permission) is a lock that cannot be taken.
     *
     * @throws LockFailedException   naming the lock file, when the lock cannot be taken for a reason the user
     *                               can fix (nothing ran)
     * @throws dev.planning.api.SystemFailureException naming the lock file, when it cannot be taken because
     *                               the system failed: no descriptors, no space, an I/O error (nothing ran)
     * @throws IOException           what {@code body} throws
     */
    public static <T> T holdingCreating(Path file, Body<T> body) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path key;
        try {
            Files.createDirectories(absolute.getParent());
            key = key(absolute);
        } catch (IOException e) {
            throw LockFailedException.of(sidecar(absolute), e);
        }
        return holding(key, body);
    }

    /** Runs {@code body} holding both locks of the file whose {@link #key(Path) key} is given. */
    public static <T> T holding(Path key, Body<T> body) throws IOException {
        return holding(key, held -> body.run());
    }

    /**
     * Runs {@code body} holding both locks of the file whose {@link #key(Path) key} is given, with
     * the hold, through which it may keep a channel on the file for later holds.
     *
     * <p>A lock that cannot be taken is a {@link LockFailedException} naming the lock file (a
     * {@link dev.planning.api.SystemFailureException} when the system failed: {@link LockFailedException#of}), except
     * for a missing directory ({@link NoSuchFileException}, which a caller may answer by making it and
     * trying again) and an interrupt ({@link java.nio.channels.ClosedByInterruptException},
     * {@link java.nio.channels.FileLockInterruptionException}): in every case nothing ran. A release that
     * fails once the body ran is not an error of the caller's: the sidecar's channel is then closed,
     * and the lock goes with its descriptor ({@link OpenSidecars#release}), so the work the body did
     * stands and is reported as done. When the body throws, its exception is what the caller gets.
     *
     * @throws IOException what {@code body} throws, or the missing directory or interrupt above
     */
    public static <T> T holding(Path key, HeldBody<T> body) throws IOException {
        Entry entry = IN_JVM.compute(key, (k, present) -> {
            Entry used = present == null ? new Entry() : present;
            used.users++;
            return used;
        });
        try {
            entry.lock.lock();
            try {
                OpenSidecars.Hold hold;
                try {
                    hold = OpenSidecars.lock(key);
                } catch (NoSuchFileException | java.nio.channels.ClosedChannelException
                        | java.nio.channels.FileLockInterruptionException e) {
                    throw e;
                } catch (IOException e) {
                    throw LockFailedException.of(sidecar(key), e);
                }
                try {
                    return body.run(new Held(hold.kept()));
                } finally {
                    OpenSidecars.release(key, hold);
                }
            } finally {
                entry.lock.unlock();
            }
        } finally {
            IN_JVM.computeIfPresent(key, (k, present) -> --present.users == 0 ? null : present);
        }
    }

    /** Whether a key has an in-JVM lock now (held or waited for); for tests. */
    static boolean inUse(Path key) {
        return IN_JVM.containsKey(key);
    }
}
