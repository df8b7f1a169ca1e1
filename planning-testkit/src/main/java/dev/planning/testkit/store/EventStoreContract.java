package dev.planning.testkit.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link EventStore} implementation must meet, as a JUnit 5 test class to
 * extend: a store implementer subclasses it in their own tests, supplies {@link #newStore()}, and
 * runs every promise of the SPI against their store (as every Micrometer registry runs
 * {@code micrometer-test}).
 *
 * <pre>{@code
 * class PostgresEventStoreContractTest extends EventStoreContract {
 *     @Override
 *     protected EventStore newStore() {
 *         return new PostgresEventStore(freshSchema());       // a new, empty storage each call
 *     }
 *
 *     @Override
 *     protected EventStore newStoreSharingStorageWith(EventStore store) {
 *         return new PostgresEventStore(((PostgresEventStore) store).dataSource());
 *     }
 * }
 * }</pre>
 *
 * <p>What the contract checks, each in its own test:
 * <ul>
 * <li><b>Reading</b>: a cycle without a log reads as empty; events read back oldest first, with
 *     consecutive 1-based line numbers, equal to what {@code append} returned, every field intact
 *     (gate results and details in insertion order); reading twice gives the same history; the
 *     logs of different cycles are independent.</li>
 * <li><b>Snapshots</b>: a history once read does not change with later appends, and changing the
 *     list returned (when it allows that) does not change the store.</li>
 * <li><b>Listing</b>: {@link EventStore#cycles()} lists every cycle with at least one event, each once,
 *     sorted by stream then cycle id as {@link String#compareTo} orders them (upper case before
 *     lower); not a cycle only read, nor one whose only append was refused; another instance over the
 *     same storage lists the same; the list is a snapshot. A store that does not implement it (the
 *     default refuses) fails these tests.</li>
 * <li><b>Hash chain</b>: the first event chains to {@link RecordedEvent#GENESIS}, every later one
 *     to the hash of the one before; hashes are 64 lower-case hex digits, distinct, and each commits
 *     to the history before it (the same event appended after different histories gets different
 *     hashes), so that a log's head anchors all of it. Stores
 *     whose storage can be edited from outside (files, a database) run
 *     {@link DamageableEventStoreContract} too: a damaged log is refused on read.</li>
 * <li><b>Compare-and-append</b>: an append succeeds only when {@code expectedHead} is the log's
 *     current head (the genesis value for an empty log); a stale head, a head never written, or
 *     the genesis value on a non-empty log is refused with {@link ConcurrentTransitionException}
 *     and nothing is written.</li>
 * <li><b>Retries</b>: repeating an append that succeeded (same event, same expected head) never
 *     records the event twice: the store either returns the event as first recorded (a store
 *     idempotent by event id) or refuses with {@link ConcurrentTransitionException}.</li>
 * <li><b>Concurrency</b>: of several threads appending on the same head at once (through
 *     instances sharing one storage, see {@link #newStoreSharingStorageWith}), exactly one wins
 *     per position and the others get {@link ConcurrentTransitionException}; writers that retry
 *     leave one unbroken chain holding each event exactly once.</li>
 * <li><b>Bad input</b>: a {@code null} argument is refused with {@link NullPointerException}
 *     (or {@link IllegalArgumentException}) naming it; an {@code expectedHead} that is not 64
 *     lower-case hex digits with {@link IllegalArgumentException} naming it; nothing is written.</li>
 * <li><b>Another cycle's event</b>: an event whose {@link PlanningEvent#entityId() entity id} has a
 *     cycle's form ({@code stream/cycleId}, as {@link CycleRef} accepts it) but names another cycle
 *     than the one appended to is refused with {@link IllegalArgumentException} naming that cycle, on a
 *     new log and on a non-empty one, and nothing is written (a log holding another cycle's history
 *     would mislead whoever reads it as this cycle's). An entity id not of that form (an embedder's
 *     own, such as {@code order-42} or {@code fe/2025-09-02/epic-7}) is kept as it is.</li>
 * <li><b>Time order</b>: an event dated before the log's last event is refused with
 *     {@link SystemFailureException} naming both times, and nothing is written, through the instance that wrote the
 *     log and through another over the same storage (every read refuses a log whose events go back in time, so a
 *     clock that stepped back must not make the store write one); an event dated at the same instant is kept.
 *     {@link DamageableEventStoreContract} shows the read side.</li>
 * </ul>
 *
 * <p>Durability across a crash (an acknowledged event survives the process) cannot be shown
 * from inside one JVM generically; a store proves it with its own fault tests.
 *
 * <p>Test instances follow JUnit's default lifecycle (one instance per test method), so a
 * subclass may keep per-test state, such as a {@code @TempDir}, in fields.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class EventStoreContract {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Instant START = Instant.parse("2025-09-02T10:00:00Z");

    /** The cycle most tests write to. */
    protected static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    private final AtomicInteger sequence = new AtomicInteger();

    /**
     * A new store over new, empty storage: no cycle has a log in it. Called at least once per
     * test; each call must return a store that shares nothing with the stores returned before.
     *
     * @return never {@code null}
     */
    protected abstract EventStore newStore();

    /**
     * Another instance over the same storage as {@code store} (a second connection pool on the
     * same database, a second file store on the same directory), as another process would open
     * it. The concurrency tests give each thread its own instance from here, so that
     * compare-and-append is shown across instances, not only within one.
     *
     * <p>The default returns {@code store} itself: right for stores whose storage lives in the
     * instance (an in-memory store). A store whose instances can share storage should override it.
     *
     * @param store a store returned by {@link #newStore()}
     * @return never {@code null}
     */
    protected EventStore newStoreSharingStorageWith(EventStore store) {
        return store;
    }

    /**
     * A new, distinct event about {@code cycle}: a state transition with a gate result and a
     * detail, timestamped from a fixed instant (never the wall clock). Subclasses may use it in
     * their own tests.
     *
     * @param cycle the cycle the event is about, never {@code null}
     * @return never {@code null}
     */
    protected final PlanningEvent newEvent(CycleRef cycle) {
        int n = sequence.incrementAndGet();
        return new PlanningEvent("evt_contract_" + n, START.plusSeconds(n), EventType.STATE_TRANSITION,
                Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF), cycle.toString(),
                "contract", Map.of("schema_lint", GateStatus.PASS), Map.of("n", Integer.toString(n)));
    }

    // ---------------------------------------------------------------- reading

    @Test
    @DisplayName("a cycle without a log reads as empty")
    void readsNothingForACycleWithoutALog() {
        assertThat(newStore().read(CYCLE)).isEmpty();
    }

    @Test
    @DisplayName("the first append expects the genesis head and is line 1")
    void firstAppendExpectsTheGenesisHead() {
        EventStore store = newStore();
        PlanningEvent event = newEvent(CYCLE);

        RecordedEvent recorded = store.append(CYCLE, event, RecordedEvent.GENESIS);

        assertThat(recorded.line()).isEqualTo(1);
        assertThat(recorded.event()).isEqualTo(event);
        assertThat(recorded.prevHash()).isEqualTo(RecordedEvent.GENESIS);
        assertThat(recorded.hash()).matches(HASH).isNotEqualTo(RecordedEvent.GENESIS);
    }

    @Test
    @DisplayName("what append returns is what read gives back")
    void appendReturnsTheEventAsItReadsBack() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        RecordedEvent second = store.append(CYCLE, newEvent(CYCLE), first.hash());

        assertThat(store.read(CYCLE)).containsExactly(first, second);
    }

    @Test
    @DisplayName("events read back oldest first, with consecutive line numbers")
    void readsEventsInAppendOrder() {
        EventStore store = newStore();
        List<String> ids = new ArrayList<>();
        String head = RecordedEvent.GENESIS;
        for (int i = 0; i < 5; i++) {
            PlanningEvent event = newEvent(CYCLE);
            ids.add(event.id());
            head = store.append(CYCLE, event, head).hash();
        }

        List<RecordedEvent> read = store.read(CYCLE);

        assertThat(read).extracting(e -> e.event().id()).containsExactlyElementsOf(ids);
        assertThat(read).extracting(RecordedEvent::line).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    @DisplayName("every field of an event survives, gate results and details in insertion order")
    void keepsEveryFieldOfAnEvent() {
        EventStore store = newStore();
        Map<String, GateStatus> gates = new LinkedHashMap<>();
        gates.put("schema_lint", GateStatus.PASS);
        gates.put("governance", GateStatus.WARN);
        gates.put("cross_stream_consistency", GateStatus.FAIL);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", "governance: 2 critical violations — see \"evidence\"\nline two");
        details.put("unicode", "é ✓ 計画 \uD83D\uDE80");
        details.put("empty", "");
        PlanningEvent refused = new PlanningEvent("evt_contract_fields", Instant.parse("2025-09-02T10:15:30.123456789Z"),
                EventType.TRANSITION_REFUSED, Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF),
                CYCLE.toString(), "ci", gates, details);
        // Appended in time order, as the engine appends: a store may refuse a log whose times go backwards, as the
        // file store does (time41).
        PlanningEvent created = new PlanningEvent("evt_contract_created", refused.timestamp().plusSeconds(1),
                EventType.CYCLE_CREATED,
                Optional.empty(), Optional.empty(), CYCLE.toString(), "system", Map.of(), Map.of());

        RecordedEvent first = store.append(CYCLE, refused, RecordedEvent.GENESIS);
        store.append(CYCLE, created, first.hash());
        List<RecordedEvent> read = store.read(CYCLE);

        assertThat(read).extracting(RecordedEvent::event).containsExactly(refused, created);
        assertThat(read.get(0).event().gateResults().keySet())
                .containsExactly("schema_lint", "governance", "cross_stream_consistency");
        assertThat(read.get(0).event().details().keySet()).containsExactly("reason", "unicode", "empty");
    }

    @Test
    @DisplayName("reading twice gives the same history")
    void readingTwiceGivesTheSameHistory() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        store.append(CYCLE, newEvent(CYCLE), first.hash());

        assertThat(store.read(CYCLE)).isEqualTo(store.read(CYCLE));
    }

    @Test
    @DisplayName("a history once read is a snapshot: later appends and changes to it reach neither it nor the store")
    void aReadHistoryIsASnapshot() {
        EventStore store = newStore();
        CycleRef fresh = new CycleRef(CYCLE.stream(), "2025-10-14");
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        List<RecordedEvent> before = store.read(CYCLE);
        List<RecordedEvent> none = store.read(fresh);

        store.append(CYCLE, newEvent(CYCLE), first.hash());
        store.append(fresh, newEvent(fresh), RecordedEvent.GENESIS);

        assertThat(before).containsExactly(first);
        assertThat(none).isEmpty();
        try {
            before.clear();
        } catch (UnsupportedOperationException expected) {
            // an unmodifiable snapshot is the usual answer
        }
        assertThat(store.read(CYCLE)).hasSize(2);
    }

    @Test
    @DisplayName("the logs of different cycles are independent")
    void keepsCyclesApart() {
        EventStore store = newStore();
        CycleRef sameStream = new CycleRef(CYCLE.stream(), "2025-09-16");
        CycleRef sameCycleId = new CycleRef("be", CYCLE.cycleId());
        RecordedEvent a = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);

        assertThat(store.read(sameStream)).isEmpty();
        assertThat(store.read(sameCycleId)).isEmpty();
        RecordedEvent b = store.append(sameStream, newEvent(sameStream), RecordedEvent.GENESIS);
        RecordedEvent c = store.append(sameCycleId, newEvent(sameCycleId), RecordedEvent.GENESIS);

        assertThat(store.read(CYCLE)).containsExactly(a);
        assertThat(store.read(sameStream)).containsExactly(b);
        assertThat(store.read(sameCycleId)).containsExactly(c);
    }

    @Test
    @DisplayName("what one instance appends, another over the same storage reads")
    void anotherInstanceOverTheSameStorageSeesTheLog() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        EventStore other = newStoreSharingStorageWith(store);

        assertThat(other.read(CYCLE)).containsExactly(first);
        RecordedEvent second = other.append(CYCLE, newEvent(CYCLE), first.hash());
        assertThat(store.read(CYCLE)).containsExactly(first, second);
    }

    // ---------------------------------------------------------------- listing the cycles

    @Test
    @DisplayName("an empty store lists no cycles")
    void anEmptyStoreListsNoCycles() {
        assertThat(newStore().cycles()).isEmpty();
    }

    @Test
    @DisplayName("the cycles listed are those with an event, each once, by stream then cycle id as String.compareTo orders them")
    void listsEveryCycleWithAnEventOnceInOrder() {
        EventStore store = newStore();
        CycleRef upper = new CycleRef("fe", "Z1");
        CycleRef lower = new CycleRef("fe", "a1");
        CycleRef otherStream = new CycleRef("be", CYCLE.cycleId());
        CycleRef onlyRead = new CycleRef("fe", "2025-10-14");
        CycleRef refused = new CycleRef("qa", CYCLE.cycleId());
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        store.append(CYCLE, newEvent(CYCLE), first.hash());
        store.append(lower, newEvent(lower), RecordedEvent.GENESIS);
        store.append(upper, newEvent(upper), RecordedEvent.GENESIS);
        store.append(otherStream, newEvent(otherStream), RecordedEvent.GENESIS);
        store.read(onlyRead);
        assertThatThrownBy(() -> store.append(refused, newEvent(refused), "ab".repeat(32)))
                .isInstanceOf(ConcurrentTransitionException.class);

        // "Z1" before "a1": upper case first, as String.compareTo (a database's collation may differ).
        List<CycleRef> expected = List.of(otherStream, CYCLE, upper, lower);
        assertThat(store.cycles()).as("cycles()").containsExactlyElementsOf(expected);
        assertThat(newStoreSharingStorageWith(store).cycles()).as("cycles() of another instance over the same storage")
                .containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("the cycles once listed are a snapshot: a later append and a change to the list reach neither it nor the store")
    void theCyclesListedAreASnapshot() {
        EventStore store = newStore();
        store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        List<CycleRef> before = store.cycles();
        CycleRef later = new CycleRef("be", CYCLE.cycleId());

        store.append(later, newEvent(later), RecordedEvent.GENESIS);

        assertThat(before).containsExactly(CYCLE);
        try {
            before.clear();
        } catch (UnsupportedOperationException expected) {
            // an unmodifiable snapshot is the usual answer
        }
        assertThat(store.cycles()).containsExactly(later, CYCLE);
    }

    // ---------------------------------------------------------------- hash chain

    @Test
    @DisplayName("each event chains to the hash of the one before, the first to genesis")
    void chainsEachEventToThePreviousOne() {
        EventStore store = newStore();
        String head = RecordedEvent.GENESIS;
        for (int i = 0; i < 4; i++) {
            head = store.append(CYCLE, newEvent(CYCLE), head).hash();
        }

        List<RecordedEvent> read = store.read(CYCLE);

        assertThat(read.get(0).prevHash()).isEqualTo(RecordedEvent.GENESIS);
        for (int i = 1; i < read.size(); i++) {
            assertThat(read.get(i).prevHash()).as("prevHash of line %d", i + 1).isEqualTo(read.get(i - 1).hash());
        }
        assertThat(read).extracting(RecordedEvent::hash).allMatch(h -> HASH.matcher(h).matches()).doesNotHaveDuplicates();
        assertThat(read.get(read.size() - 1).hash()).isEqualTo(head);
    }

    // ---------------------------------------------------------------- compare-and-append

    @Test
    @DisplayName("a hash commits to the history before it: the same event after different histories hashes differently")
    void aHashCommitsToTheHistoryBeforeIt() {
        EventStore one = newStore();
        EventStore other = newStore();
        RecordedEvent oneFirst = one.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        RecordedEvent otherFirst = other.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        PlanningEvent same = newEvent(CYCLE);

        RecordedEvent oneSecond = one.append(CYCLE, same, oneFirst.hash());
        RecordedEvent otherSecond = other.append(CYCLE, same, otherFirst.hash());

        assertThat(oneSecond.hash()).as("a head that does not cover the earlier lines cannot anchor them")
                .isNotEqualTo(otherSecond.hash());
    }

    @Test
    @DisplayName("each append expects the head the previous one returned")
    void appendsOnTheHeadTheLastAppendReturned() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        RecordedEvent second = store.append(CYCLE, newEvent(CYCLE), first.hash());

        assertThat(second.line()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
    }

    @Test
    @DisplayName("the genesis head on a non-empty log is refused and nothing is written")
    void refusesGenesisOnANonEmptyLog() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);

        assertThatThrownBy(() -> store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS))
                .isInstanceOf(ConcurrentTransitionException.class);
        assertThat(store.read(CYCLE)).containsExactly(first);
    }

    @Test
    @DisplayName("a stale head is refused and nothing is written")
    void refusesAStaleHead() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        RecordedEvent second = store.append(CYCLE, newEvent(CYCLE), first.hash());

        assertThatThrownBy(() -> store.append(CYCLE, newEvent(CYCLE), first.hash()))
                .isInstanceOf(ConcurrentTransitionException.class);
        assertThat(store.read(CYCLE)).containsExactly(first, second);
    }

    @Test
    @DisplayName("a head that was never written is refused, on an empty log and on a non-empty one")
    void refusesAHeadThatWasNeverWritten() {
        EventStore store = newStore();
        String invented = "ab".repeat(32);

        assertThatThrownBy(() -> store.append(CYCLE, newEvent(CYCLE), invented))
                .isInstanceOf(ConcurrentTransitionException.class);
        assertThat(store.read(CYCLE)).isEmpty();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        assertThatThrownBy(() -> store.append(CYCLE, newEvent(CYCLE), invented))
                .isInstanceOf(ConcurrentTransitionException.class);
        assertThat(store.read(CYCLE)).containsExactly(first);
    }

    @Test
    @DisplayName("a head of another cycle's log is refused")
    void refusesTheHeadOfAnotherCycle() {
        EventStore store = newStore();
        CycleRef other = new CycleRef("be", CYCLE.cycleId());
        RecordedEvent mine = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        RecordedEvent theirs = store.append(other, newEvent(other), RecordedEvent.GENESIS);

        assertThatThrownBy(() -> store.append(CYCLE, newEvent(CYCLE), theirs.hash()))
                .isInstanceOf(ConcurrentTransitionException.class);
        assertThat(store.read(CYCLE)).containsExactly(mine);
    }

    @Test
    @DisplayName("repeating an append that succeeded never records the event twice")
    void repeatingASuccessfulAppendNeverRecordsItTwice() {
        EventStore store = newStore();
        PlanningEvent event = newEvent(CYCLE);
        RecordedEvent recorded = store.append(CYCLE, event, RecordedEvent.GENESIS);

        RecordedEvent again = null;
        try {
            again = store.append(CYCLE, event, RecordedEvent.GENESIS);
        } catch (ConcurrentTransitionException refused) {
            // Allowed: the head moved on when the event was first recorded.
        }

        if (again != null) {
            // A store idempotent by event id answers with the event as first recorded.
            assertThat(again).isEqualTo(recorded);
        }
        assertThat(store.read(CYCLE)).containsExactly(recorded);
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard, not a measurement
    @DisplayName("of threads appending on the same head at once, exactly one wins per position")
    void exactlyOneConcurrentAppendWinsPerPosition() throws Exception {
        int threads = 6;
        int positions = 5;
        EventStore base = newStore();
        List<EventStore> instances = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            instances.add(t == 0 ? base : newStoreSharingStorageWith(base));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            String head = RecordedEvent.GENESIS;
            List<String> winners = new ArrayList<>();
            for (int p = 1; p <= positions; p++) {
                CyclicBarrier start = new CyclicBarrier(threads);
                String expected = head;
                List<Future<Optional<RecordedEvent>>> attempts = new ArrayList<>();
                for (EventStore instance : instances) {
                    PlanningEvent event = newEvent(CYCLE);
                    attempts.add(pool.submit(attempt(start, () -> instance.append(CYCLE, event, expected))));
                }
                List<RecordedEvent> won = new ArrayList<>();
                for (Future<Optional<RecordedEvent>> attempt : attempts) {
                    outcome(attempt).ifPresent(won::add);
                }
                assertThat(won).as("winners at position %d", p).hasSize(1);
                assertThat(won.get(0).line()).isEqualTo(p);
                winners.add(won.get(0).event().id());
                head = won.get(0).hash();
            }
            assertThat(base.read(CYCLE)).extracting(e -> e.event().id()).containsExactlyElementsOf(winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard, not a measurement
    @DisplayName("writers racing with retries leave one unbroken chain holding each event once")
    void racingWritersLeaveOneUnbrokenChain() throws Exception {
        int threads = 4;
        int eventsPerThread = 8;
        EventStore base = newStore();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                EventStore instance = t == 0 ? base : newStoreSharingStorageWith(base);
                writers.add(pool.submit(() -> {
                    start.await();
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < eventsPerThread; i++) {
                        PlanningEvent event = newEvent(CYCLE);
                        appendWithRetries(instance, event, threads * eventsPerThread);
                        mine.add(event.id());
                    }
                    return mine;
                }));
            }
            List<List<String>> written = new ArrayList<>();
            for (Future<List<String>> writer : writers) {
                written.add(writer.get());
            }

            List<RecordedEvent> log = base.read(CYCLE);
            assertThat(log).hasSize(threads * eventsPerThread);
            assertThat(log).extracting(RecordedEvent::line)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, log.size()).boxed().toList());
            String previous = RecordedEvent.GENESIS;
            for (RecordedEvent event : log) {
                assertThat(event.prevHash()).as("prevHash of line %d", event.line()).isEqualTo(previous);
                previous = event.hash();
            }
            List<String> ids = log.stream().map(e -> e.event().id()).toList();
            assertThat(ids).doesNotHaveDuplicates();
            for (List<String> mine : written) {
                // Each writer's events are in the log, in the order that writer appended them.
                assertThat(ids).containsSubsequence(mine);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    @DisplayName("a null cycle, event or expected head is refused, naming it")
    void refusesNullArguments() {
        EventStore store = newStore();
        PlanningEvent event = newEvent(CYCLE);

        assertRefusedNaming(() -> store.read(null), "cycle");
        assertRefusedNaming(() -> store.append(null, event, RecordedEvent.GENESIS), "cycle");
        assertRefusedNaming(() -> store.append(CYCLE, null, RecordedEvent.GENESIS), "event");
        assertRefusedNaming(() -> store.append(CYCLE, event, null), "expectedHead");
        assertThat(store.read(CYCLE)).isEmpty();
    }

    @Test
    @DisplayName("an expected head that is not 64 lower-case hex digits is refused, naming it")
    void refusesAMalformedExpectedHead() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);

        for (String bad : List.of("", "abc", first.hash().substring(1), first.hash() + "0",
                first.hash().toUpperCase(Locale.ROOT), "g".repeat(64), " " + first.hash().substring(1))) {
            assertThatThrownBy(() -> store.append(CYCLE, newEvent(CYCLE), bad))
                    .as("expected head '%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expectedHead");
        }
        assertThat(store.read(CYCLE)).containsExactly(first);
    }

    @Test
    @DisplayName("an event whose entity id names another cycle is refused, naming it, and nothing is written")
    void refusesAnEventAboutAnotherCycle() {
        EventStore store = newStore();
        CycleRef fresh = new CycleRef(CYCLE.stream(), "2025-10-14");
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);

        for (CycleRef other : List.of(new CycleRef("be", CYCLE.cycleId()), new CycleRef(CYCLE.stream(), "2025-09-16"))) {
            assertThatThrownBy(() -> store.append(CYCLE, newEvent(other), first.hash()))
                    .as("an event about %s appended to %s", other, CYCLE)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(other.toString());
            assertThatThrownBy(() -> store.append(fresh, newEvent(other), RecordedEvent.GENESIS))
                    .as("an event about %s appended to the new log of %s", other, fresh)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(other.toString());
        }
        assertThat(store.read(CYCLE)).containsExactly(first);
        assertThat(store.read(fresh)).isEmpty();
    }

    @Test
    @DisplayName("an event whose entity id is not of a cycle's form (an embedder's own) is kept")
    void keepsAnEventWhoseEntityIsNotACycle() {
        EventStore store = newStore();
        String head = RecordedEvent.GENESIS;
        List<RecordedEvent> kept = new ArrayList<>();
        for (String entity : List.of("order-42", "fe/2025-09-02/epic-7", "Fe/2025-09-02", "fe/", "/2025-09-02", "")) {
            PlanningEvent event = newEvent(CYCLE);
            PlanningEvent embedders = new PlanningEvent(event.id(), event.timestamp(), event.type(), event.fromState(),
                    event.toState(), entity, event.triggeredBy(), event.gateResults(), event.details());
            RecordedEvent recorded = store.append(CYCLE, embedders, head);
            assertThat(recorded.event().entityId()).as("entity id").isEqualTo(entity);
            kept.add(recorded);
            head = recorded.hash();
        }

        assertThat(store.read(CYCLE)).containsExactlyElementsOf(kept);
    }

    // ---------------------------------------------------------------- time order

    @Test
    @DisplayName("an event dated before the log's last event is refused, naming both times, and nothing is written")
    void refusesAnEventDatedBeforeTheLogsLastEvent() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        RecordedEvent last = store.append(CYCLE, newEvent(CYCLE), first.hash());
        Instant lastAt = last.event().timestamp();
        // A clock stepped back by a second, and by a nanosecond: the times are compared as they are.
        for (Instant at : List.of(lastAt.minusSeconds(1), lastAt.minusNanos(1))) {
            PlanningEvent backdated = datedAt(newEvent(CYCLE), at);
            for (EventStore writer : List.of(store, newStoreSharingStorageWith(store))) {
                assertThatThrownBy(() -> writer.append(CYCLE, backdated, last.hash()))
                        .as("an event dated %s after one dated %s", at, lastAt)
                        .isInstanceOf(SystemFailureException.class)
                        .hasMessageContaining(at.toString())
                        .hasMessageContaining(lastAt.toString());
            }
        }

        assertThat(store.read(CYCLE)).containsExactly(first, last);
        assertThat(newStoreSharingStorageWith(store).read(CYCLE)).containsExactly(first, last);
    }

    @Test
    @DisplayName("an event dated at the same instant as the log's last event is kept")
    void keepsAnEventDatedAtTheInstantOfTheLogsLastEvent() {
        EventStore store = newStore();
        RecordedEvent first = store.append(CYCLE, newEvent(CYCLE), RecordedEvent.GENESIS);
        PlanningEvent same = datedAt(newEvent(CYCLE), first.event().timestamp());

        RecordedEvent second = store.append(CYCLE, same, first.hash());

        assertThat(second.event()).isEqualTo(same);
        assertThat(newStoreSharingStorageWith(store).read(CYCLE)).containsExactly(first, second);
    }

    // ---------------------------------------------------------------- helpers

    /** {@code event} dated {@code at}, all else kept. */
    private static PlanningEvent datedAt(PlanningEvent event, Instant at) {
        return new PlanningEvent(event.id(), at, event.type(), event.fromState(), event.toState(), event.entityId(),
                event.triggeredBy(), event.gateResults(), event.details());
    }

    private static void assertRefusedNaming(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name) {
        assertThatThrownBy(call)
                .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    /** Waits at the barrier, then appends; a refusal is an empty result, anything else propagates. */
    private static Callable<Optional<RecordedEvent>> attempt(CyclicBarrier start, Callable<RecordedEvent> append) {
        return () -> {
            start.await();
            try {
                return Optional.of(append.call());
            } catch (ConcurrentTransitionException e) {
                return Optional.empty();
            }
        };
    }

    private static Optional<RecordedEvent> outcome(Future<Optional<RecordedEvent>> attempt) throws InterruptedException {
        try {
            return attempt.get();
        } catch (ExecutionException e) {
            throw new AssertionError("an append failed with something other than ConcurrentTransitionException: "
                    + e.getCause(), e.getCause());
        }
    }

    /**
     * Reads the head and appends, again until the append is not refused. Each refusal of a sound
     * store means another writer appended meanwhile, so a writer among {@code total} appends can
     * be refused fewer than {@code total} times; more means the store refuses its own head.
     */
    /**
     * {@code event} dated no earlier than {@code last}, the event it follows, as the engine dates an event after
     * reading the log's head: a store may refuse a log whose times go backwards, as the file store does (time41).
     */
    private static PlanningEvent noEarlierThan(PlanningEvent event, RecordedEvent last) {
        Instant before = last.event().timestamp();
        return event.timestamp().isBefore(before) ? new PlanningEvent(event.id(), before, event.type(),
                event.fromState(), event.toState(), event.entityId(), event.triggeredBy(), event.gateResults(),
                event.details()) : event;
    }

    private static void appendWithRetries(EventStore store, PlanningEvent event, int total) {
        for (int refusals = 0; refusals < total; refusals++) {
            List<RecordedEvent> log = store.read(CYCLE);
            String head = log.isEmpty() ? RecordedEvent.GENESIS : log.get(log.size() - 1).hash();
            try {
                store.append(CYCLE, log.isEmpty() ? event : noEarlierThan(event, log.get(log.size() - 1)), head);
                return;
            } catch (ConcurrentTransitionException e) {
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the store refused " + total + " appends of " + event.id()
                + " on the head it had just read, though only " + (total - 1) + " other appends were made");
    }
}
