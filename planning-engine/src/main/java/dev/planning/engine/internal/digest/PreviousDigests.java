package dev.planning.engine.internal.digest;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.hash.Sha256;
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
 * of a cycle that exists, one with an event log in the store the command reads, and, when that log records the
 * digest's publication ({@code DIGEST_PUBLISHED} at its path), the one it records (its SHA-256): anyone who commits
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
     * @throws InvalidInputException when one is not a digest, or is of another cycle or stream than its file stands
     *                               for, or a {@code *-digest.md} file's name stands for no cycle (an invalid id),
     *                               or its cycle has no event log, or its log records another digest as published or
     *                               none
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
            Path file = SafePaths.resolve(workspace, path);
            DigestSummary earlier = DigestFrontMatter.readOf(file, path, ref, "earlier digest",
                    "figures in this cycle's deltas and trends");
            requirePublished(file, path, ref, logs.apply(ref), layout.eventLog(ref));
            digests.add(earlier);
        }
        return List.copyOf(digests);
    }

    /**
     * Fail closed (digest39): the digest of a cycle without an event log is of no cycle that ran, and one other than
     * the log's last {@code DIGEST_PUBLISHED} at its path records, or one the log records no publication of, is not the
     * digest published; each would put figures nobody measured in this cycle's deltas and trends.
     */
    private static void requirePublished(Path file, String path, CycleRef ref, List<RecordedEvent> log,
            String logPath) {
        String use = ": its figures would be this cycle's baseline for deltas and trends";
        if (log.isEmpty()) {
            throw new InvalidInputException("the earlier digest " + path + " is of cycle " + ref + ", which has no event"
                    + " log (" + logPath + "): a digest of a cycle that never ran" + use + "; delete it, or restore"
                    + " that cycle's event log", SourceLocation.ofFile(path));
        }
        Optional<String> recorded = log.stream().map(RecordedEvent::event)
                .filter(e -> e.type() == EventType.DIGEST_PUBLISHED && path.equals(e.details().get("path")))
                .reduce((first, last) -> last).map(e -> e.details().getOrDefault("sha256", ""));
        if (recorded.isEmpty()) {
            // review39: a cycle that ran but published no digest took any committed file at the digest's path.
            throw new InvalidInputException("the earlier digest " + path + " is not one cycle " + ref + " published:"
                    + " its event log " + logPath + " records no publication of it" + use + "; publish that cycle's"
                    + " digest, or delete the file", SourceLocation.ofFile(path));
        }
        String actual = Sha256.file(file).sha256();
        if (!actual.equals(recorded.get())) {
            throw new InvalidInputException("the earlier digest " + path + " is not the one cycle " + ref
                    + " published: its event log " + logPath + " records SHA-256 " + Printable.line(recorded.get())
                    + ", the file's is " + actual + use + "; restore it from version control, or publish that"
                    + " cycle's digest again", SourceLocation.ofFile(path));
        }
    }
}
