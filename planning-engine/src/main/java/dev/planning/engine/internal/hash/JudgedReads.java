package dev.planning.engine.internal.hash;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The SHA-256 of the bytes of every workspace file read while a gate context's inputs were computed
 * (reliab21): the plan readers ({@code PlanCache}, {@code StrictText}, the lint memo's fingerprint, the
 * gates' own {@code WorkspaceFiles} reads) report what they read to the recorder of the thread's current
 * {@link #recording} call, and do nothing outside one. The evidence of a transition then records a file
 * only when the bytes it hashes are the bytes the gates judged: a file read twice with different bytes,
 * or changed between the gates' read and the evidence, refuses the transition rather than recording
 * a digest of bytes no gate saw.
 *
 * <p>The digests are of bytes already in memory: no file is read for them. Thread-safe; a recording
 * call on one thread sees only the reads of that thread during the call (a context's inputs are
 * computed on the thread that asks for them).
 */
public final class JudgedReads {

    /** A gate context that recorded what its gates read. */
    public interface Source {
        /** The recorder of the files the context read for its gates. */
        JudgedReads judgedReads();
    }

    private static final ThreadLocal<JudgedReads> CURRENT = new ThreadLocal<>();

    private final Map<Path, Set<String>> digests = new ConcurrentHashMap<>();

    /** Runs {@code read} with this recorder current on this thread, the one before restored afterwards. */
    public <T> T recording(Supplier<T> read) {
        JudgedReads before = CURRENT.get();
        CURRENT.set(this);
        try {
            return read.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** Reports that {@code bytes} were read from {@code file}, to the current recorder if there is one. */
    public static void read(Path file, byte[] bytes) {
        JudgedReads current = CURRENT.get();
        if (current != null) {
            current.record(file, Sha256.hex(bytes));
        }
    }

    /** Reports that bytes whose SHA-256 is {@code sha256} (raw) were read from {@code file}, as {@link #read}. */
    public static void readDigest(Path file, byte[] sha256) {
        JudgedReads current = CURRENT.get();
        if (current != null) {
            current.record(file, HexFormat.of().formatHex(sha256));
        }
    }

    private void record(Path file, String sha256) {
        digests.computeIfAbsent(key(file), k -> ConcurrentHashMap.newKeySet()).add(sha256);
    }

    /**
     * Whether the bytes with {@code sha256} are the ones read from {@code file}: empty when the file was
     * not read under this recorder; false when other bytes were read from it (or different bytes twice).
     */
    public Optional<Boolean> judged(Path file, String sha256) {
        Set<String> read = digests.get(key(file));
        return read == null ? Optional.empty() : Optional.of(read.size() == 1 && read.contains(sha256));
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
