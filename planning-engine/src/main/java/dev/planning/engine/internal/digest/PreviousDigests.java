package dev.planning.engine.internal.digest;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The digests of a stream's earlier cycles: those in {@code digests/} whose cycle id sorts before
 * this cycle's (cycle ids are dates or zero-padded tags, so their text order is their time order).
 * The last one is the "previous cycle" deltas are computed against. Each must be of the cycle and
 * the stream its file name stands for ({@code cycle_id}, {@code stream}); one that is not (renamed,
 * copied from another stream, edited by hand) is refused rather than read into the trend, and so is a
 * {@code *-digest.md} file whose name stands for no cycle ({@link DigestFileNames}).
 */
final class PreviousDigests {

    /** How many cycles a trend shows, this one included. */
    static final int TREND_CYCLES = 5;

    private PreviousDigests() {
    }

    /**
     * Up to {@code TREND_CYCLES - 1} earlier digests, oldest first.
     *
     * @throws InvalidInputException when one is not a digest, or is of another cycle or stream than its file stands
     *                               for, or a {@code *-digest.md} file's name stands for no cycle (an invalid id)
     */
    static List<DigestSummary> before(Path workspace, WorkspaceLayout layout, CycleRef cycle) {
        String dir = layout.streamDir(cycle.stream()) + "/digests";
        Path directory = SafePaths.resolve(workspace, dir);
        List<String> names = DirectoryEntries.sorted(workspace, directory,
                "the digest's trends are drawn from the stream's earlier digests").stream()
                .map(p -> p.getFileName().toString())
                .filter(DigestFileNames::isDigest)
                .toList();
        // Fail closed: one whose name stands for no cycle cannot be told earlier or later than this one.
        names.forEach(name -> DigestFileNames.requireCycle(dir + "/" + name, name));
        List<String> cycleIds = names.stream()
                .map(DigestFileNames::cycleId)
                .filter(id -> id.compareTo(cycle.cycleId()) < 0)
                .sorted()
                .toList();
        List<DigestSummary> digests = new ArrayList<>();
        for (String id : cycleIds.subList(Math.max(0, cycleIds.size() - (TREND_CYCLES - 1)), cycleIds.size())) {
            String path = layout.digest(new CycleRef(cycle.stream(), id));
            // Fail closed: one of another cycle or stream would feed its figures into this cycle's trend.
            DigestSummary earlier = DigestFrontMatter.readOf(SafePaths.resolve(workspace, path), path,
                    new CycleRef(cycle.stream(), id), "earlier digest", "figures in this cycle's deltas and trends");
            digests.add(earlier);
        }
        return List.copyOf(digests);
    }
}
