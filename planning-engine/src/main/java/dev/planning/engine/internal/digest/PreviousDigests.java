package dev.planning.engine.internal.digest;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The digests of a stream's earlier cycles: those in {@code digests/} whose cycle id sorts before
 * this cycle's (cycle ids are dates or zero-padded tags, so their text order is their time order).
 * The last one is the "previous cycle" deltas are computed against. Each must be of the cycle and
 * the stream its file name stands for ({@code cycle_id}, {@code stream}); one that is not (renamed,
 * copied from another stream, edited by hand) is refused rather than read into the trend, and so is a
 * {@code *-digest.md} file whose name stands for no cycle ({@link DigestFileNames}). Each must also be the digest
 * of a cycle that exists, one with an event log in the store the command reads, and that log must record the
 * digest's publication ({@code DIGEST_PUBLISHED} at its path), the one it records (its SHA-256), as
 * {@link DigestPublication} checks it (the HTML report asks the same of every digest it draws): anyone who commits
 * writes a digest file, front matter and all, for a cycle that never ran or over the one published, and its figures
 * would be the baseline of this cycle's deltas and trends (digest39). One that is not is refused.
 */
final class PreviousDigests {

    /** How many cycles a trend shows, this one included. */
    static final int TREND_CYCLES = 5;

    private PreviousDigests() {
    }

    /**
     * Up to {@code TREND_CYCLES - 1} earlier digests, oldest first.
     *
     * @param logs each cycle's event log, as the store the command uses reads it (empty: the cycle has none)
     * @throws dev.planning.api.InvalidInputException when one is not a digest, or is of another cycle or stream
     *         than its file stands for, or a {@code *-digest.md} file's name stands for no cycle (an invalid id), or
     *         its cycle has no event log, or its log records another digest as published or none
     */
    static List<DigestSummary> before(Path workspace, WorkspaceLayout layout, CycleRef cycle,
            Function<CycleRef, List<RecordedEvent>> logs) {
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
            CycleRef ref = new CycleRef(cycle.stream(), id);
            // Read once (digest41): the figures taken are of the bytes checked against the log, never the file read
            // again, which may by then be another. Fail closed (digest39): one of no cycle that ran, or other than the
            // one published, would put figures nobody measured in this cycle's deltas and trends.
            // The log first: another cycle's digest at this path is then refused with the advice for that cycle's
            // state (time43); the figures are still of the one read of the bytes checked (PublishedDigestReadOnceTest).
            List<RecordedEvent> log = logs.apply(ref);
            DigestSummary earlier = DigestPublication.read(SafePaths.resolve(workspace, path), path, ref,
                    Optional.of(log), "earlier digest", "figures in this cycle's deltas and trends").published(log,
                            layout.eventLog(ref), "its figures would be this cycle's baseline for deltas and trends");
            digests.add(earlier);
        }
        return List.copyOf(digests);
    }
}
