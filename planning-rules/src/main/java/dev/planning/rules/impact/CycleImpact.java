package dev.planning.rules.impact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a rulebook change does to one cycle.
 *
 * @param cycle        the cycle
 * @param blockedBase  whether the governance gate fails under the base rulebook
 * @param blockedHead  whether it fails under the head rulebook
 * @param added        findings under the head rulebook that the base rulebook does not report
 * @param resolved     findings under the base rulebook that the head rulebook no longer reports
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CycleImpact(CycleRef cycle, boolean blockedBase, boolean blockedHead, List<ImpactFinding> added,
        List<ImpactFinding> resolved) {

    /**
     * Validates and copies the lists.
     *
     * @param cycle the cycle
     * @param blockedBase whether the governance gate fails under the base rulebook
     * @param blockedHead whether it fails under the head rulebook
     * @param added findings under the head rulebook that the base rulebook does not report
     * @param resolved findings under the base rulebook that the head rulebook no longer reports
     */
    public CycleImpact {
        Objects.requireNonNull(cycle, "cycle");
        added = List.copyOf(added);
        resolved = List.copyOf(resolved);
    }

    /**
     * Whether the change blocks a cycle that passes governance today.
     *
     * @return whether the change blocks a cycle that passes governance today
     */
    public boolean newlyBlocked() {
        return blockedHead && !blockedBase;
    }

    /**
     * Whether the change unblocks a cycle that governance blocks today.
     *
     * @return whether the change unblocks a cycle that governance blocks today
     */
    public boolean newlyPassing() {
        return blockedBase && !blockedHead;
    }

    /**
     * Whether the change makes any difference to this cycle.
     *
     * @return whether the change makes any difference to this cycle
     */
    public boolean changed() {
        return !added.isEmpty() || !resolved.isEmpty() || blockedBase != blockedHead;
    }
}
