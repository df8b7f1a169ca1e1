package dev.planning.engine.internal.digest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cycle metadata a digest shows besides its {@code DigestSummary}.
 *
 * @param title        the digest's title
 * @param state        the cycle's state when generated
 * @param start        the cycle's first event
 * @param end          its latest event ({@code DIGEST_PUBLISHED} excluded)
 * @param owners       owners of the plan's items, sorted
 * @param manifestPath the handoff manifest, when the cycle was sealed
 * @param unsignedHistory what {@code planning status} says of the cycle's history past {@code PACKAGED}
 *                     ({@code PlanningWorkspace.checkHistory}): each discrepancy, or why it could not be
 *                     checked; empty when the cycle is not past {@code PACKAGED} or its history is signed
 */
record DigestFacts(String title, String state, Instant start, Instant end, List<String> owners,
        Optional<String> manifestPath, List<String> unsignedHistory) {

    DigestFacts {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        owners = List.copyOf(owners);
        Objects.requireNonNull(manifestPath, "manifestPath");
        unsignedHistory = List.copyOf(unsignedHistory);
    }

    /** Facts of a cycle whose history needs no signature, or whose history past {@code PACKAGED} is signed. */
    DigestFacts(String title, String state, Instant start, Instant end, List<String> owners,
            Optional<String> manifestPath) {
        this(title, state, start, end, owners, manifestPath, List.of());
    }
}
