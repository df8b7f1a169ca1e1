package dev.planning.testkit.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import java.time.Instant;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The event store contract for stores whose storage someone can edit from outside the store (a
 * file, a database table): everything {@link EventStoreContract} asks, that a log damaged in
 * its storage is refused on read (an event dated before the event before it too, written there by hand), and that a
 * cycle stored under a name no append writes (a stream or cycle id
 * that {@link CycleRef} refuses, edited into the storage) is refused by {@link EventStore#cycles()} with a
 * {@link PlanningException} naming what was found, never skipped and never passed on (a workspace's
 * {@code cycles()} takes the store's list as it is). A store held only in memory runs {@link EventStoreContract}.
 *
 * <pre>{@code
 * class MyStoreContractTest extends DamageableEventStoreContract {
 *     protected EventStore newStore() { ... }
 *     protected void damageStoredEvent(EventStore store, CycleRef cycle, int line) { ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class DamageableEventStoreContract extends EventStoreContract {

    /** For subclasses. */
    protected DamageableEventStoreContract() {
    }

    /**
     * Damages the stored form of one event as someone editing the storage by hand would (changes
     * a byte of the event's content without fixing any hash), so that the contract can show that
     * {@link EventStore#read} verifies the chain.
     *
     * @param store a store returned by {@link #newStore()} (or sharing its storage)
     * @param cycle the cycle whose log to damage
     * @param line  the 1-based line of the event to damage; never the last one
     */
    protected abstract void damageStoredEvent(EventStore store, CycleRef cycle, int line);

    /**
     * Moves a cycle's stored events under another name as someone editing the storage by hand would (renames
     * the log file, updates the rows), without any check of the store's: {@code stream} and {@code cycleId} are
     * names no append can write, which {@link CycleRef} refuses, or the valid name of a cycle the store does not
     * hold yet (whose log then holds events about {@code cycle}).
     *
     * @param store   a store returned by {@link #newStore()} (or sharing its storage)
     * @param cycle   the cycle whose events to move
     * @param stream  the stream to store them under, as it is
     * @param cycleId the cycle id to store them under, as it is
     * <p>Not abstract, so that a contract test written before this hook still compiles (review27); until
     * overridden, it throws, and the two tests that use it fail saying what to override.
     *
     * @throws UnsupportedOperationException unless overridden
     * @since 0.1
     */
    protected void renameStoredCycle(EventStore store, CycleRef cycle, String stream, String cycleId) {
        throw new UnsupportedOperationException(getClass().getName() + " does not override"
                + " DamageableEventStoreContract.renameStoredCycle(EventStore, CycleRef, String, String): override it"
                + " to move a cycle's stored events under another name as an edit of the storage would");
    }

    /**
     * Writes an event into a cycle's storage after its last line as someone editing the storage by hand would: chained
     * to the last line as the store chains its own ({@link EventStore#append}'s line, with its hashes), but without any
     * check of the store's, so that the contract can show that {@link EventStore#read} refuses what no append writes.
     *
     * <p>Not abstract, so that a contract test written before this hook still compiles; until overridden, it throws,
     * and the test that uses it fails saying what to override.
     *
     * @param store a store returned by {@link #newStore()} (or sharing its storage)
     * @param cycle the cycle whose log to write to; it holds at least one event
     * @param event the event to write, as it is
     * @throws UnsupportedOperationException unless overridden
     * @since 0.1
     */
    protected void writeStoredEvent(EventStore store, CycleRef cycle, PlanningEvent event) {
        throw new UnsupportedOperationException(getClass().getName() + " does not override"
                + " DamageableEventStoreContract.writeStoredEvent(EventStore, CycleRef, PlanningEvent): override it"
                + " to write an event into a log's storage as a hand edit would, chained but unchecked");
    }

    @Test
    @DisplayName("a log whose stored events go back in time is refused on read, naming the line and both times")
    void refusesALogDatedBackwardsOnRead() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        RecordedEvent last = store.append(CYCLE, newEvent(CYCLE), first.hash());
        PlanningEvent next = newEvent(CYCLE);
        Instant backdated = last.event().timestamp().minusSeconds(1);
        writeStoredEvent(store, CYCLE, new PlanningEvent(next.id(), backdated, next.type(), next.fromState(),
                next.toState(), next.entityId(), next.triggeredBy(), next.gateResults(), next.details()));

        Throwable thrown = catchThrowable(() -> newStoreSharingStorageWith(store).read(CYCLE));

        assertThat(thrown).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining(backdated.toString()).hasMessageContaining(last.event().timestamp().toString());
        assertThat(((PlanningException) thrown).location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(3));
    }

    @Test
    @DisplayName("a cycle stored under a cycle id no append writes is refused by cycles(), naming it, never skipped")
    void refusesACycleIdNoAppendWrites() {
        assertRefusedWhenStoredUnder(CYCLE.stream(), "2025 09 02");
    }

    @Test
    @DisplayName("a cycle stored under a stream no append writes is refused by cycles(), naming it, never skipped")
    void refusesAStreamNoAppendWrites() {
        assertRefusedWhenStoredUnder("FE", CYCLE.cycleId());
    }

    private void assertRefusedWhenStoredUnder(String stream, String cycleId) {
        EventStore store = newStore();
        CycleRef other = new CycleRef("be", CYCLE.cycleId());
        store.append(other, newEvent(other), RecordedEvent.GENESIS);
        store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        renameStoredCycle(store, CYCLE, stream, cycleId);

        Throwable thrown = catchThrowable(() -> newStoreSharingStorageWith(store).cycles());

        assertThat(thrown).as("cycles() of a store holding a cycle named '%s/%s'", stream, cycleId)
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining(stream.equals(CYCLE.stream()) ? cycleId : stream);
    }

    @Test
    @DisplayName("a log stored under another cycle's name is refused on read as corrupted, naming its first line")
    void refusesALogOfAnotherCycleOnRead() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        store.append(CYCLE, newEvent(CYCLE), first.hash());
        CycleRef renamed = new CycleRef(CYCLE.stream(), "2099-01-01");
        renameStoredCycle(store, CYCLE, renamed.stream(), renamed.cycleId());

        Throwable thrown = catchThrowable(() -> newStoreSharingStorageWith(store).read(renamed));

        assertThat(thrown).isInstanceOf(EventLogCorruptedException.class).hasMessageContaining(CYCLE.toString());
        assertThat(((PlanningException) thrown).location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(1));
    }

    @Test
    @DisplayName("a damaged event is refused on read, naming where the chain breaks")
    void refusesADamagedLogOnRead() {
        EventStore store = newStore();
        String head = RecordedEvent.GENESIS;
        for (int i = 0; i < 3; i++) {
            head = store.append(CYCLE, newEvent(CYCLE), head).hash();
        }
        damageStoredEvent(store, CYCLE, 2);

        Throwable thrown = catchThrowable(() -> newStoreSharingStorageWith(store).read(CYCLE));

        assertThat(thrown).isInstanceOf(EventLogCorruptedException.class);
        assertThat(((PlanningException) thrown).location())
                .hasValueSatisfying(l -> assertThat(l.line()).isBetween(2, 3));
    }
}
