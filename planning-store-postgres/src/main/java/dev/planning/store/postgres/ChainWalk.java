package dev.planning.store.postgres;

import dev.planning.api.PlanningException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import java.time.Instant;
import java.util.Objects;

/**
 * The walk along one cycle's event rows, in line order, that every reader of the hash chain takes:
 * {@link PostgresEventStore}'s reads and imports, which stop at the first mistake, and
 * {@link StoreCheck}, which reports every one. Per row: it is the next line by number; its bytes hash
 * to the SHA-256 stored with it; they decode as a planning event; the line chains to the line before
 * (its {@code prev_sha256} is that line's SHA-256, the genesis value for line 1); and the row's
 * {@code prev_sha256} column is the line's; and it is dated no earlier than the line before, as the tool dates every
 * event (time41: a line dated before it was written by hand, whose chain anyone can compute).
 *
 * <p>One tampering, one mistake: a rewritten {@code prev_sha256} column is a mistake of that column
 * (the line still chains); an edited line is "edited" and nothing else of it is judged against its row
 * or the line before (not even whether it still decodes), and the next line may chain to its stored SHA-256 or to what its bytes hash to
 * now (so neither rewriting the bytes nor rewriting the stored SHA-256 breaks the next link as well);
 * a missing line is "missing" once, and the line found in its place is not judged against the line
 * before the gap. A line rewritten with its stored SHA-256 to match is caught where the next line no
 * longer chains to it (or, for the last line, by whoever knows the head).
 */
final class ChainWalk {

    /** Where the walk's mistakes go: the read path throws on the first, the check keeps them all. */
    interface Mistakes {
        /**
         * One mistake.
         *
         * @param line    the line it concerns
         * @param message what was expected and what was found, naming the line
         */
        void add(int line, String message);
    }

    private final EventLineCodec codec;
    private final Mistakes mistakes;
    private int expected = 1;
    /** The previous line's stored SHA-256 (the genesis value before line 1). */
    private String previous = RecordedEvent.GENESIS;
    /** What the previous line's bytes hash to: {@link #previous} unless that line was edited. */
    private String previousBytes = RecordedEvent.GENESIS;
    private boolean intact = true;
    /**
     * When the previous line was dated, when it was read and not edited; {@code null} else (that line's mistake is
     * reported, and the next is not judged by it).
     */
    private Instant previousTime;

    ChainWalk(EventLineCodec codec, Mistakes mistakes) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.mistakes = Objects.requireNonNull(mistakes, "mistakes");
    }

    /**
     * What one row's line says, as far as the walk could read it.
     *
     * @param line   the decoded line; {@code null} when it is not a readable event
     * @param edited whether its bytes no longer hash to the SHA-256 stored with it: then nothing else
     *               of it was judged against its row or the line before, and what it says is no record
     * @param broken whether the chain breaks at it: lines are missing before it, or it does not chain to
     *               the line before (lines deleted, inserted or edited there); a {@code prev_sha256}
     *               column that is not the line's is no break (the line still chains)
     */
    record Step(EventLineCodec.Line line, boolean edited, boolean broken) {
    }

    /**
     * Walks one row.
     *
     * @param seq        the row's line number
     * @param prevColumn the row's {@code prev_sha256} column
     * @param sha256     the row's {@code sha256} column (the SHA-256 stored with the line)
     * @param line       the line's bytes
     * @return what the line says; each mistake found is reported before this returns
     */
    Step next(int seq, String prevColumn, String sha256, byte[] line) {
        boolean linked = true;
        if (seq != expected) {
            mistakes.add(expected, "line " + expected + " is missing: expected line " + expected + ", found line "
                    + seq + " next");
            linked = false;
            intact = false;
        }
        expected = seq + 1;
        String before = previous;
        String beforeBytes = previousBytes;
        String hash = Sha256.hex(line);
        previous = sha256;
        previousBytes = hash;
        boolean edited = !hash.equals(sha256);
        if (edited) {
            mistakes.add(seq, "line " + seq + " was edited: expected SHA-256 " + sha256 + " (stored with it), found "
                    + hash);
        }
        Instant dated = linked ? previousTime : null;
        previousTime = null;
        EventLineCodec.Line decoded;
        try {
            decoded = codec.decode(line);
        } catch (PlanningException e) {
            if (!edited) {
                mistakes.add(seq, "line " + seq + " is not a readable planning event: " + e.getMessage());
            }
            intact = false;
            return new Step(null, edited, !linked);
        }
        if (edited) {
            return new Step(decoded, true, !linked);
        }
        String found = decoded.prevHash();
        boolean chains = !linked || found.equals(before) || found.equals(beforeBytes);
        if (!chains) {
            mistakes.add(seq, seq == 1
                    ? "line 1 does not start the chain: expected prev_sha256 " + before + " (the genesis value),"
                            + " found " + found + " in the line"
                    : "line " + seq + " does not chain to line " + (seq - 1) + ": expected prev_sha256 " + before
                            + " (the SHA-256 of line " + (seq - 1) + "), found " + found + " in the line");
        }
        column(mistakes, seq, "prev_sha256", found, prevColumn);
        Instant at = decoded.event().timestamp();
        previousTime = at;
        if (dated != null && at.isBefore(dated)) {
            // time41: the tool dates no event before the event before it; a chain anyone can compute holds anyway.
            mistakes.add(seq, "line " + seq + " is dated " + at + ", before line " + (seq - 1) + ", dated " + dated
                    + ": the tool dates no event before the event before it, so the line was written or edited by"
                    + " hand (its hash chain proves nothing of who wrote it); expected a timestamp no earlier than "
                    + dated);
        }
        return new Step(decoded, false, !linked || !chains);
    }

    /**
     * Whether every line walked so far was numbered in order and readable: then the fold of their
     * events is the cycle's state (an edited line's events included: the portfolio row is judged
     * against what the lines say, and the edit is reported on its own).
     */
    boolean intact() {
        return intact;
    }

    /** Reports a column of line {@code n} that is not what its line says. */
    static void column(Mistakes mistakes, int n, String column, String expected, String found) {
        if (!Objects.equals(expected, found)) {
            mistakes.add(n, "line " + n + "'s " + column + ": expected " + show(expected) + " (in the line), found "
                    + show(found));
        }
    }

    private static String show(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
