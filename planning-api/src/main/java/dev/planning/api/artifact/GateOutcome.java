package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.gate.GateStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A gate's result as recorded in a manifest or digest: status, evidence file, and when it ran.
 *
 * @param status   pass, warn or fail
 * @param evidence workspace-relative path of the evidence JSON, when written
 * @param at       when the gate ran
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record GateOutcome(GateStatus status, Optional<String> evidence, Instant at) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param status pass, warn or fail
     * @param evidence workspace-relative path of the evidence JSON, when written
     * @param at when the gate ran
     */
    public GateOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(at, "at");
    }
}
