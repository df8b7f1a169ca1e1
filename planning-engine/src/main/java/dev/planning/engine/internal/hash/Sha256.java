package dev.planning.engine.internal.hash;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.Shown;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lower-case hex SHA-256 of bytes and files.
 *
 * <pre>{@code
 * String line = Sha256.hex(bytes);
 * Sha256.FileDigest digest = Sha256.file(path);             // sha256 + size
 * Map<Path, Sha256.FileDigest> all = Sha256.files(paths);   // in parallel, in the given order
 * }</pre>
 *
 * <p>Uses the JDK's provider (which uses the CPU's SHA instructions), never BouncyCastle's, which
 * is several times slower. Thread-safe.
 */
public final class Sha256 {

    /**
     * The buffer for file hashing: a 64 KiB array, read into by {@link FileInputStream}. Of the read
     * paths measured (docs/benchmarks/b2-b3-b4.md, "B3 durable, B4, B1 heap: third pass" and "fourth pass")
     * none avoids copying the bytes twice (page cache to a native buffer, native buffer to the array
     * the SHA-256 intrinsic reads); this one measured best per byte of CPU, with direct buffers of
     * 256 KiB to 1 MiB within its noise, and memory-mapped files slower.
     */
    static final int BUFFER = 64 << 10;
    private static final int MAX_THREADS = 8;
    /** Below this many bytes in all, starting threads costs more than hashing (about 1 GB/s per core). */
    private static final long PARALLEL_FROM = 8L << 20;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);

    private Sha256() {
    }

    /** The SHA-256 of a file and its size in bytes. */
    public record FileDigest(String sha256, long bytes) {
    }

    /** Lower-case hex SHA-256 of bytes. */
    public static String hex(byte[] bytes) {
        return hex(bytes, 0, bytes.length);
    }

    /** Lower-case hex SHA-256 of part of an array. */
    public static String hex(byte[] bytes, int offset, int length) {
        MessageDigest digest = newDigest();
        digest.update(bytes, offset, length);
        return HEX.formatHex(digest.digest());
    }

    /** The raw 32-byte SHA-256 of bytes. */
    public static byte[] digest(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /** Whether text is a lower-case hex SHA-256 (64 characters {@code [0-9a-f]}). */
    public static boolean isHash(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hashes a file.
     *
     * @throws PlanningException when the user may not read it (one error line, exit code 2)
     * @throws SystemFailureException when reading it failed on the system (the disk answering an I/O error: exit 3),
     *     as {@link DirectoryEntries} judges a read
     */
    public static FileDigest file(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = BUFFERS.get();
        long size = 0;
        try (InputStream in = open(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            // The file system's reason in words (misc41: "no such file or directory", not NoSuchFileException).
            String why = e instanceof FileSystemException ? Shown.reason(e) : Shown.path(Shown.why(e));
            String said = "cannot read " + Shown.path(file) + " to hash it (" + why + ")";
            if (!DirectoryEntries.usersToFix(file, e)) {
                // fail35: a read the disk failed (EIO) was the user's to fix, exit 2.
                throw new SystemFailureException(said + ": the system failed, not the input (a disk answering an I/O"
                        + " error, the process out of file descriptors, say); check the disk and try again"
                        + " (PLANNING_DEBUG=1 shows the stack trace)", null, e);
            }
            throw new PlanningException(said, null, e);
        }
        return new FileDigest(HEX.formatHex(digest.digest()), size);
    }

    /** A file of the default file system through {@link FileInputStream}; any other through its provider. */
    private static InputStream open(Path file) throws IOException {
        if (file.getFileSystem() == FileSystems.getDefault()) {
            try {
                return new FileInputStream(file.toFile());
            } catch (FileNotFoundException e) {
                // Opened again for the file system's own exception (NoSuchFileException, ...), as
                // every other reader of the engine reports it.
                return Files.newInputStream(file);
            }
        }
        return Files.newInputStream(file);
    }

    /**
     * Hashes many files, in parallel on at most {@code min(files, processors, 8)} threads when there
     * is enough to read for threads to pay off ({@value #PARALLEL_FROM} bytes), else in this thread.
     *
     * @return each file's digest, in the order given
     * @throws PlanningException for the first file (in the order given) that cannot be read
     */
    public static Map<Path, FileDigest> files(List<Path> files) {
        Map<Path, FileDigest> digests = new LinkedHashMap<>();
        int threads = Math.min(Math.min(files.size(), Runtime.getRuntime().availableProcessors()), MAX_THREADS);
        if (threads <= 1 || !worthThreads(files, Files::size)) {
            files.forEach(f -> digests.put(f, file(f)));
            return digests;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sha256-files");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<FileDigest>> futures = new ArrayList<>(files.size());
            files.forEach(f -> futures.add(pool.submit(() -> file(f))));
            for (int i = 0; i < files.size(); i++) {
                digests.put(files.get(i), await(futures.get(i)));
            }
            return digests;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A file's size, as {@link Files#size} gives it. */
    @FunctionalInterface
    interface SizeOf {
        long of(Path file) throws IOException;
    }

    /**
     * Whether the files hold at least {@value #PARALLEL_FROM} bytes in all, asking their sizes only
     * until they do (a {@code stat} per file, in the calling thread while the others wait: for 800
     * files about 4% of hashing them, docs/benchmarks/b2-b3-b4.md, "B4: fifth pass"). An unreadable file counts
     * as large, so that its error surfaces in order from the parallel path.
     */
    static boolean worthThreads(List<Path> files, SizeOf sizeOf) {
        long total = 0;
        for (Path file : files) {
            try {
                total += sizeOf.of(file);
            } catch (IOException e) {
                return true;
            }
            if (total >= PARALLEL_FROM) {
                return true;
            }
        }
        return false;
    }

    private static FileDigest await(Future<FileDigest> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
