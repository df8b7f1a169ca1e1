package dev.planning.engine.internal.cycle;

import dev.planning.api.InvalidInputException;
import dev.planning.api.gate.GateContext;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.improve.CarriedOrigins;

/**
 * What the engine's gate contexts supply beyond {@link GateContext}: the digest another cycle published, as its
 * event log records it ({@link CycleLogs#publishedDigest}), which the parity gate checks a carried improvement
 * action's {@code origin} against (origin41). A context that does not supply it ({@link #of}) refuses: no origin
 * is verified through it, so none exempts a task from story parity (fail closed): each origin is refused at its own
 * line ({@link InvalidInputException}, origin42), never the gate as a whole.
 */
public interface PublishedDigests {

    /**
     * The digest {@code cycle} published.
     *
     * @throws InvalidInputException when the cycle is not COMPLETED with a history its signed manifest backs, published
     *                               no digest, or not the file there now
     * @throws dev.planning.api.EventLogCorruptedException when the cycle's log is broken
     */
    CarriedOrigins.Publication publishedDigest(CycleRef cycle);

    /** The context's published digests, or, for a context that does not supply them, one that refuses every one. */
    static PublishedDigests of(GateContext context) {
        if (context instanceof PublishedDigests digests) {
            return digests;
        }
        return cycle -> {
            throw new InvalidInputException("this gate context does not supply the digests the cycles published, so no"
                    + " carried improvement action's origin can be verified");
        };
    }
}
