package dev.planning.engine.internal.digest;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a digest file is the one its cycle published, as that cycle's event log records it: the one check that
 * {@code planning digest} asks of each earlier digest it takes as a baseline (digest39, review39) and the HTML report
 * asks of each digest it shows or charts (report40). Anyone who commits writes a digest file, front matter and all,
 * for a cycle that never ran, that published none, or over the one published; its figures are what nobody measured.
 *
 * @since 0.1
 */
public final class DigestPublication {

    private DigestPublication() {
    }

    /**
     * Reads a digest file once (digest41): its bytes, and its front matter read from those very bytes as the digest
     * of {@code cycle}; {@link Candidate#published} then checks the same bytes against the cycle's log, never the file
     * read again. How each reader of a digest another command published takes it: {@code planning digest}'s earlier
     * digests, {@code planning improve}'s, a carried origin's, the HTML report's.
     *
     * @param file    the digest file
     * @param path    its workspace-relative path, as the log records it and messages name it
     * @param cycle   the cycle whose digest it is, by its name
     * @param log     that cycle's event log when the caller read it (empty list: it has none), so that the refusal of
     *                another cycle's digest says what can be done for that cycle as it stands (time43); empty when not
     * @param kind    how messages name the file, e.g. {@code earlier digest}
     * @param content what its content would go into, e.g. {@code figures in this cycle's deltas and trends}
     * @return the file as read, not yet checked against the log
     * @throws InvalidInputException when the file cannot be read, is too large, holds no valid digest front matter,
     *                               or is another cycle's or stream's
     * @since 0.1
     */
    public static Candidate read(Path file, String path, CycleRef cycle, Optional<List<RecordedEvent>> log,
            String kind, String content) {
        byte[] bytes = DigestFrontMatter.bytes(file, path);
        return new Candidate(bytes, path, cycle, kind,
                DigestFrontMatter.readOf(bytes, path, cycle, log, kind, content));
    }

    /**
     * A digest file as {@link #read} read it: its front matter is taken only once {@link #published} has checked the
     * bytes it was read from.
     *
     * @since 0.1
     */
    public static final class Candidate {

        private final byte[] bytes;
        private final String path;
        private final CycleRef cycle;
        private final String kind;
        private final DigestSummary summary;

        private Candidate(byte[] bytes, String path, CycleRef cycle, String kind, DigestSummary summary) {
            this.bytes = bytes;
            this.path = Objects.requireNonNull(path, "path");
            this.cycle = Objects.requireNonNull(cycle, "cycle");
            this.kind = Objects.requireNonNull(kind, "kind");
            this.summary = Objects.requireNonNull(summary, "summary");
        }

        /**
         * The front matter, once the bytes read are the digest the cycle's log records it published
         * ({@link DigestPublication#require}).
         *
         * @param log     the cycle's event log as the store the command uses reads it (empty: the cycle has none)
         * @param logPath the log's path, for messages
         * @param use     what its figures would be, e.g. {@code its figures would be this cycle's baseline}
         * @return the digest's front matter
         * @throws InvalidInputException when the bytes are not the digest its cycle published
         * @since 0.1
         */
        public DigestSummary published(List<RecordedEvent> log, String logPath, String use) {
            require(bytes, path, cycle, log, logPath, kind, use);
            return summary;
        }

        /**
         * The SHA-256 of the bytes read, lowercase hex: once {@link #published} returned, the one the log records.
         *
         * @return the hash
         * @since 0.1
         */
        public String sha256() {
            return Sha256.hex(bytes);
        }
    }

    /**
     * The SHA-256 the log's last publication of the digest at {@code path} records ({@code DIGEST_PUBLISHED} at that
     * path); empty when the log records none ({@code ""} when that event records no hash).
     *
     * @param log  the cycle's event log, oldest first
     * @param path the digest's workspace-relative path, as the event records it
     * @return the recorded hash, or empty
     * @since 0.1
     */
    public static Optional<String> recorded(List<RecordedEvent> log, String path) {
        return log.stream().map(RecordedEvent::event)
                .filter(e -> e.type() == EventType.DIGEST_PUBLISHED && path.equals(e.details().get("path")))
                .reduce((first, last) -> last).map(e -> e.details().getOrDefault("sha256", ""));
    }

    /**
     * Fail closed: refuses a digest of a cycle without an event log (of no cycle that ran), one the log records no
     * publication of, and one other than the log's last {@code DIGEST_PUBLISHED} at its path records (its SHA-256).
     * It checks the bytes the caller read from the digest file, whose content the caller takes from those very bytes
     * (digest41: the front matter was parsed from one read and the file hashed in another, so a file changed between
     * the two had one version's figures pass as the published other's).
     *
     * @param digest  the bytes read from the digest file
     * @param path    its workspace-relative path, as the log records it and messages name it
     * @param cycle   the cycle whose digest it is, by its name
     * @param log     that cycle's event log as the store the command uses reads it (empty: the cycle has none)
     * @param logPath the log's path, for messages
     * @param kind    how the message names the file, e.g. {@code earlier digest}
     * @param use     what its figures would be, e.g. {@code its figures would be this cycle's baseline}
     * @throws InvalidInputException when the bytes are not the digest its cycle published, naming the file, the log
     *                               and why
     * @since 0.1
     */
    public static void require(byte[] digest, String path, CycleRef cycle, List<RecordedEvent> log, String logPath,
            String kind, String use) {
        String what = "the " + kind + " " + path;
        if (log.isEmpty()) {
            throw new InvalidInputException(what + " is of cycle " + cycle + ", which has no event log (" + logPath
                    + "): a digest of a cycle that never ran: " + use + "; delete it, or restore that cycle's event"
                    + " log", SourceLocation.ofFile(path));
        }
        Optional<String> recorded = recorded(log, path);
        if (recorded.isEmpty()) {
            // review39: a cycle that ran but published no digest took any committed file at the digest's path.
            // digest41: a COMPLETED cycle records nothing more, so its digest cannot be published (DigestPublisher).
            throw new InvalidInputException(what + " is not one cycle " + cycle + " published: its event log "
                    + logPath + " records no publication of it: " + use + "; " + (completed(log)
                            ? "the cycle is COMPLETED and records nothing more, so its digest cannot be published"
                                    + " again: delete " + path + " (`git rm " + path + "`)"
                            : "publish that cycle's digest, or delete the file"), SourceLocation.ofFile(path));
        }
        String actual = Sha256.hex(digest);
        if (!actual.equals(recorded.get())) {
            throw new InvalidInputException(what + " is not the one cycle " + cycle + " published: its event log "
                    + logPath + " records SHA-256 " + Printable.line(recorded.get()) + ", the file's is " + actual
                    + ": " + use + "; " + (completed(log) ? "restore it from version control (the cycle is COMPLETED"
                            + " and records nothing more, so its digest cannot be published again)"
                            : "restore it from version control, or publish that cycle's digest again"),
                    SourceLocation.ofFile(path));
        }
    }

    /**
     * Whether the log ends with the cycle's move to {@code COMPLETED}: nothing follows it in a log the store reads, and
     * no digest can be published after it.
     */
    static boolean completed(List<RecordedEvent> log) {
        PlanningEvent last = log.get(log.size() - 1).event();
        return last.type() == EventType.STATE_TRANSITION && last.toState().orElse(null) == CycleState.COMPLETED;
    }
}
