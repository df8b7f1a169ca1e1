package dev.planning.api.lifecycle;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.TransitionResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What completing a cycle did.
 *
 * @param cycle          the cycle completed
 * @param next           the cycle opened
 * @param completion     the {@code IMPROVE -> COMPLETED} attempt; empty when the cycle was already
 *                       completed (a re-run that only carries what is missing)
 * @param planPath       the next cycle's task breakdown, workspace-relative
 * @param carried        ids of the tasks added to it
 * @param alreadyCarried ids of actions found there already (by origin), not added again
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ImproveResult(CycleRef cycle, CycleRef next, Optional<TransitionResult> completion, String planPath,
        List<String> carried, List<String> alreadyCarried) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle completed
     * @param next the cycle opened
     * @param completion the {@code IMPROVE -> COMPLETED} attempt; empty when the cycle was already completed
     *                   (a re-run that only carries what is missing)
     * @param planPath the next cycle's task breakdown, workspace-relative
     * @param carried ids of the tasks added to it
     * @param alreadyCarried ids of actions found there already (by origin), not added again
     */
    public ImproveResult {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(planPath, "planPath");
        carried = List.copyOf(carried);
        alreadyCarried = List.copyOf(alreadyCarried);
    }

    /**
     * Whether the cycle is completed (now or before) and the next one is open.
     *
     * @return whether the cycle is completed (now or before) and the next one is open
     */
    public boolean completed() {
        return completion.map(TransitionResult::accepted).orElse(true);
    }
}
