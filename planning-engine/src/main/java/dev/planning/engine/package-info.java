/**
 * The engine's entry point: {@link dev.planning.engine.Planning#builder()} assembles a
 * {@link dev.planning.api.PlanningWorkspace} from a workspace directory, its rulebook, the gates
 * found with {@link java.util.ServiceLoader} (plus any passed explicitly) and the file-system
 * event store.
 */
package dev.planning.engine;
