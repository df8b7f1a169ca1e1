package dev.planning.engine.internal.workspace;

import dev.planning.api.store.EventStore;
import java.util.Optional;

/**
 * A workspace that says which event store it was built with ({@code Planning.builder().eventStore(...)}; the
 * workspace's files by default): for the planning modules that judge its cycles outside its own operations, so
 * that they read its event logs where its gates do (the rulebook impact asks it for a previous cycle's log). The
 * public {@link dev.planning.api.PlanningWorkspace} does not expose its store; every workspace
 * {@code Planning.builder().build()} returns is one of these.
 *
 * @since 0.1
 */
public interface StoreBackedWorkspace {

    /**
     * The event store the workspace reads its cycles' events from and records them in.
     *
     * @return that store; empty when this workspace cannot say
     */
    Optional<EventStore> eventStore();
}
