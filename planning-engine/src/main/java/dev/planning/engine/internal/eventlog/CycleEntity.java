package dev.planning.engine.internal.eventlog;

import dev.planning.api.InvalidInputException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import java.util.function.Supplier;

/**
 * Whether an event is about another cycle than the log it is in, one rule for every event store (file,
 * in-memory, PostgreSQL): its {@code entity_id} has a cycle's form ({@code stream/cycleId}, as
 * {@link CycleRef} accepts it) and names another cycle. An entity id of another form is an embedder's own
 * and is not judged.
 */
public final class CycleEntity {

    private CycleEntity() {
    }

    /**
     * Whether {@code event} is about a cycle other than {@code cycle}.
     *
     * @param event the event
     * @param cycle the cycle whose log it is in, or is to be appended to
     * @return {@code true} when its entity id has a cycle's form and is not {@code cycle}'s
     */
    public static boolean ofAnotherCycle(PlanningEvent event, CycleRef cycle) {
        String entity = event.entityId();
        if (entity.equals(cycle.toString())) {
            return false;
        }
        int slash = entity.indexOf('/');
        if (slash < 0 || entity.indexOf('/', slash + 1) >= 0) {
            return false;
        }
        try {
            new CycleRef(entity.substring(0, slash), entity.substring(slash + 1));
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /**
     * Refuses to append an event about another cycle, before anything is written.
     *
     * @param cycle    the cycle appended to
     * @param event    the event
     * @param location where the cycle's log is, for the message
     * @throws IllegalArgumentException when {@link #ofAnotherCycle} holds, naming the event's cycle
     */
    public static void refuseAppendOfAnotherCycle(CycleRef cycle, PlanningEvent event, Supplier<String> location) {
        if (ofAnotherCycle(event, cycle)) {
            throw new IllegalArgumentException("event " + event.id() + " is about cycle " + event.entityId()
                    + ", not " + cycle + ": it is not appended to " + location.get());
        }
    }
}
