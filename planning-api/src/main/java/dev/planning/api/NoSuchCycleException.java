package dev.planning.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleRef;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The cycle does not exist ({@link PlanningWorkspace#exists}: it has no planning file and no event), so
 * {@link PlanningWorkspace#advance}, {@link PlanningWorkspace#record} and every other writing job of the workspace
 * ({@code importOutcomes}, {@code seal}, {@code sign}, {@code digest}, {@code improve}, {@code summarize}) refuse
 * it before they write anything: a mistyped cycle id never becomes a cycle. Open a cycle with {@link PlanningWorkspace#create} (or
 * {@code planning init}) first. The command line refuses it with exit 2, as every user error.
 *
 * <pre>{@code
 * try {
 *     workspace.advance(new CycleRef("fe", requestedId), CycleState.READY_FOR_HANDOFF);
 * } catch (NoSuchCycleException e) {
 *     respond(404, e.getMessage());     // names the cycle
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class NoSuchCycleException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** The cycle asked for, as text: a {@link CycleRef} is not serializable. */
    private final String stream;

    private final String cycleId;

    /**
     * The cycle does not exist in a workspace laid out by {@code layout}: the message names it and the task
     * breakdown it lacks, the location its event log.
     *
     * @param cycle  the cycle asked for; never {@code null}
     * @param layout the workspace's layout; never {@code null}
     */
    public NoSuchCycleException(CycleRef cycle, WorkspaceLayout layout) {
        super("no such cycle " + Objects.requireNonNull(cycle, "cycle") + ": it has no event log and no task"
                + " breakdown (" + Objects.requireNonNull(layout, "layout").taskBreakdown(cycle)
                + "); open it first (PlanningWorkspace.create, or planning init)",
                SourceLocation.ofFile(layout.eventLog(cycle)));
        this.stream = cycle.stream();
        this.cycleId = cycle.cycleId();
    }

    /**
     * The cycle asked for.
     *
     * @return the cycle, never {@code null}
     */
    public CycleRef cycle() {
        return new CycleRef(stream, cycleId);
    }
}
