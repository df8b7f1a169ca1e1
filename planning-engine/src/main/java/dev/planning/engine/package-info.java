/**
 * The engine's entry point: {@link dev.planning.engine.Planning#builder()} assembles a
 * {@link dev.planning.api.PlanningWorkspace} from a workspace directory, its rulebook, the gates
 * found with {@link java.util.ServiceLoader} (plus any passed explicitly) and the file-system
 * event store. Beside it: {@link dev.planning.engine.InMemoryEventStore}, an event store that
 * keeps logs in memory; {@link dev.planning.engine.EventLines}, the event log's line format, for
 * a store of one's own; {@link dev.planning.engine.PlanningJson}, the command line's JSON; and
 * {@link dev.planning.engine.OutputFile}, the product's writer of the files it makes for the user.
 */
package dev.planning.engine;
