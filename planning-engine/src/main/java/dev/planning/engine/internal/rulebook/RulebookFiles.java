package dev.planning.engine.internal.rulebook;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.rulebook.Rulebook;
import java.util.Objects;
import java.util.Optional;

/**
 * The files of a rulebook loaded from its directory, as the engine's gate contexts serve them
 * ({@link dev.planning.api.gate.GateContext#rulebookFile}): the directory is read once, when a gate
 * first asks, and served only when those bytes hash to {@link Rulebook#hash()}, so what a gate
 * compiles is exactly what the hash names (and what a seal records). A rulebook changed since it was
 * loaded is refused, never served under the old hash. Thread-safe: the contexts of one workspace
 * share one instance.
 */
public final class RulebookFiles {

    private final Rulebook rulebook;
    /** Kept only once read and checked: a read that failed is tried again, and refused again. */
    private volatile RulebookHasher.Snapshot snapshot;

    /**
     * The files of {@code rulebook}, read from its directory when first asked for.
     *
     * @param rulebook a rulebook loaded from its directory
     */
    public RulebookFiles(Rulebook rulebook) {
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
    }

    /**
     * The files of {@code rulebook} as already read elsewhere (from git objects at a commit): served
     * from {@code snapshot}, never from a directory.
     *
     * @param rulebook a rulebook loaded from {@code snapshot} ({@link RulebookLoader#loadSnapshot})
     * @param snapshot its files
     * @throws IllegalArgumentException when the snapshot's hash is not the rulebook's
     */
    public RulebookFiles(Rulebook rulebook, RulebookHasher.Snapshot snapshot) {
        this(rulebook);
        if (!snapshot.hash().equals(rulebook.hash())) {
            throw new IllegalArgumentException("the files hash to " + snapshot.hash() + ", not the rulebook's "
                    + rulebook.hash());
        }
        this.snapshot = snapshot;
    }

    /**
     * The bytes of one of the rulebook's files, as its hash names them.
     *
     * @param file relative to the rulebook directory with {@code /} separators, e.g. {@code rules/a.drl}
     * @return empty when the rulebook holds no such file (a path that leaves it holds none)
     * @throws InvalidInputException when the directory cannot be read, or no longer hashes to the rulebook's hash
     */
    public Optional<byte[]> read(String file) {
        Objects.requireNonNull(file, "file");
        return snapshot().content(file);
    }

    private RulebookHasher.Snapshot snapshot() {
        RulebookHasher.Snapshot read = snapshot;
        if (read == null) {
            synchronized (this) {
                read = snapshot;
                if (read == null) {
                    read = RulebookHasher.read(rulebook.directory());
                    if (!read.hash().equals(rulebook.hash())) {
                        throw new InvalidInputException("the rulebook changed since it was loaded: its files hash to "
                                + read.hash() + ", not " + rulebook.hash() + "; nothing was compiled, so nothing is"
                                + " judged under a hash that does not name its rules. Run the command again",
                                SourceLocation.ofFile(rulebook.directory().toString()));
                    }
                    snapshot = read;
                }
            }
        }
        return read;
    }
}
