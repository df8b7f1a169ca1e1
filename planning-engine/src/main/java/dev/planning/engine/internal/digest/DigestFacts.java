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
 */
record DigestFacts(String title, String state, Instant start, Instant end, List<String> owners,
        Optional<String> manifestPath) {

    DigestFacts {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        owners = List.copyOf(owners);
        Objects.requireNonNull(manifestPath, "manifestPath");
    }
}
