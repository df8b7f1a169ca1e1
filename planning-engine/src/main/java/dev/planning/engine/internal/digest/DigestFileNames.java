package dev.planning.engine.internal.digest;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.workspace.Shown;
import java.util.Optional;

/**
 * The names of a stream's digests ({@code digests/<cycle-id>-digest.md}), as every reader of the directory tells
 * them: a file whose name ends in {@code -digest.md} is a digest, and its cycle is the id before that suffix. One
 * whose id is no valid cycle id ({@link CycleRef}) stands for no cycle: it cannot be told earlier or later than
 * another, nor checked against its front matter, so it is refused by the digest's trends ({@code PreviousDigests})
 * and reported by {@code planning lint} at the file (mend28: both passed over it, as if it were not committed).
 */
public final class DigestFileNames {

    /** What every digest's file name ends with. */
    public static final String SUFFIX = "-digest.md";

    private DigestFileNames() {
    }

    /** Whether a file of a {@code digests} directory is, by its name, a digest. */
    public static boolean isDigest(String fileName) {
        return fileName.endsWith(SUFFIX);
    }

    /** The cycle id a digest's file name stands for, as written (it may be invalid: {@link #misnamed}). */
    public static String cycleId(String fileName) {
        return fileName.substring(0, fileName.length() - SUFFIX.length());
    }

    /**
     * Why a digest's file stands for no cycle, naming it and the name expected; empty when its cycle id is valid.
     *
     * @param displayPath the file, workspace-relative
     * @param fileName    its name
     */
    public static Optional<String> misnamed(String displayPath, String fileName) {
        try {
            CycleRef.requireCycleId(cycleId(fileName));
            return Optional.empty();
        } catch (InvalidInputException invalid) {
            return Optional.of("the digest " + Shown.path(displayPath) + " is named for no cycle: "
                    + invalid.getMessage() + "; a digest is named <cycle-id>-digest.md, and one whose cycle cannot"
                    + " be told is neither read into a later cycle's deltas and trends nor passed over: rename it"
                    + " for its cycle, or remove it");
        }
    }

    /**
     * Refuses a digest's file that stands for no cycle ({@link #misnamed}), located at the file.
     *
     * @throws InvalidInputException when its cycle id is invalid
     */
    public static void requireCycle(String displayPath, String fileName) {
        misnamed(displayPath, fileName).ifPresent(why -> {
            throw new InvalidInputException(why, SourceLocation.ofFile(displayPath));
        });
    }
}
