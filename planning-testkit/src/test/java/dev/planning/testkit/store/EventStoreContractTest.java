package dev.planning.testkit.store;

import static dev.planning.testkit.ContractRuns.failures;
import static dev.planning.testkit.ContractRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Events;

/** The contract passes a sound store and fails stores that break its promises. */
class EventStoreContractTest {

    @Test
    void passesASoundStore() {
        Events tests = run(SoundStoreContract.class);

        assertThat(tests.failed().count()).as(failures(tests).toString()).isZero();
        assertThat(tests.succeeded().count()).isEqualTo(28);
        assertThat(tests.skipped().count()).isZero();
        assertThat(tests.aborted().count()).isZero();
    }

    @Test
    void failsAStoreThatIgnoresTheExpectedHead() {
        assertThat(failures(run(IgnoresHeadContract.class))).contains("refusesAStaleHead",
                "refusesGenesisOnANonEmptyLog", "refusesAHeadThatWasNeverWritten", "refusesTheHeadOfAnotherCycle",
                "repeatingASuccessfulAppendNeverRecordsItTwice", "exactlyOneConcurrentAppendWinsPerPosition");
    }

    @Test
    void failsAStoreThatDoesNotChain() {
        assertThat(failures(run(UnchainedContract.class))).contains("chainsEachEventToThePreviousOne",
                "firstAppendExpectsTheGenesisHead");
    }

    @Test
    void failsAStoreThatReadsNewestFirst() {
        assertThat(failures(run(NewestFirstContract.class))).contains("readsEventsInAppendOrder",
                "appendReturnsTheEventAsItReadsBack");
    }

    @Test
    void failsAStoreThatAcceptsAMalformedHeadOrNull() {
        assertThat(failures(run(LaxInputContract.class))).contains("refusesAMalformedExpectedHead",
                "refusesNullArguments");
    }

    @Test
    void failsAStoreWhoseReadIsALiveView() {
        assertThat(failures(run(LiveViewContract.class))).contains("aReadHistoryIsASnapshot");
    }

    @Test
    void failsAStoreWhoseHashIgnoresTheHistory() {
        assertThat(failures(run(HistoryBlindContract.class))).containsExactly("aHashCommitsToTheHistoryBeforeIt");
    }

    @Test
    void failsAStoreThatDoesNotListItsCycles() {
        assertThat(failures(run(NoListingContract.class))).containsExactlyInAnyOrder("anEmptyStoreListsNoCycles",
                "listsEveryCycleWithAnEventOnceInOrder", "theCyclesListedAreASnapshot");
    }

    @Test
    void failsAStoreThatListsACycleWithoutAnEvent() {
        assertThat(failures(run(SloppyListingContract.class))).containsExactly("listsEveryCycleWithAnEventOnceInOrder");
    }

    @Test
    void failsAStoreThatSortsItsCyclesByAnotherCollation() {
        assertThat(failures(run(IgnoreCaseListingContract.class))).containsExactly("listsEveryCycleWithAnEventOnceInOrder");
    }

    @Test
    void failsAStoreThatAppendsAnEventAboutAnotherCycle() {
        assertThat(failures(run(AnyEntityContract.class))).containsExactly("refusesAnEventAboutAnotherCycle");
    }

    @Test
    void failsAStoreThatRefusesAnEmbeddersEntityId() {
        assertThat(failures(run(CycleEntityOnlyContract.class))).containsExactly("keepsAnEventWhoseEntityIsNotACycle");
    }

    @Test
    void failsAStoreThatAppendsAnEventDatedBeforeTheLogsLast() {
        assertThat(failures(run(AnyTimeContract.class))).containsExactly("refusesAnEventDatedBeforeTheLogsLastEvent");
    }

    @Test
    void failsAStoreThatRefusesAnEventDatedAtTheInstantOfTheLogsLast() {
        // The racing writers' test may fail too: a writer whose event is dated before the head it read dates it so.
        assertThat(failures(run(StrictlyLaterContract.class)))
                .contains("keepsAnEventDatedAtTheInstantOfTheLogsLastEvent");
    }

    // Contract runs, selected explicitly above (nested classes are not picked up by Surefire).

    static class SoundStoreContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return new MapStore(false, false, false, false);
        }
    }

    static class IgnoresHeadContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return new MapStore(true, false, false, false);
        }
    }

    static class UnchainedContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return new MapStore(false, true, false, false);
        }
    }

    static class NewestFirstContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return new MapStore(false, false, true, false);
        }
    }

    static class LaxInputContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return new MapStore(false, false, false, true);
        }
    }

    static class LiveViewContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.liveView = true;
            return store;
        }
    }

    static class HistoryBlindContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.historyBlind = true;
            return store;
        }
    }

    static class NoListingContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.listing = Listing.NONE;
            return store;
        }
    }

    static class SloppyListingContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.listing = Listing.EVERY_KEY;
            return store;
        }
    }

    static class IgnoreCaseListingContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.listing = Listing.IGNORING_CASE;
            return store;
        }
    }

    static class AnyEntityContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.entities = Entities.ANY;
            return store;
        }
    }

    static class CycleEntityOnlyContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.entities = Entities.THE_CYCLE_ONLY;
            return store;
        }
    }

    static class AnyTimeContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.times = Times.ANY;
            return store;
        }
    }

    static class StrictlyLaterContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            MapStore store = new MapStore(false, false, false, false);
            store.times = Times.STRICTLY_LATER;
            return store;
        }
    }

    /** Which times a {@link MapStore} appends after the log's last event. */
    private enum Times {
        /** Sound: the same instant or later. */
        SOUND,
        /** Any time, an earlier one too. */
        ANY,
        /** Only a later one: the same instant is refused too. */
        STRICTLY_LATER
    }

    /** Which entity ids a {@link MapStore} appends. */
    private enum Entities {
        /** Sound: all but another cycle's ({@code stream/cycleId} naming another cycle). */
        SOUND,
        /** Every entity id, another cycle's too. */
        ANY,
        /** Only the cycle's own: an embedder's entity id is refused too. */
        THE_CYCLE_ONLY
    }

    /** How a {@link MapStore} lists its cycles. */
    private enum Listing {
        /** Sound: the cycles with an event, by stream then cycle id. */
        SOUND,
        /** Does not implement {@code cycles()}: the SPI's default refuses. */
        NONE,
        /** Every cycle it ever made a list for, a refused first append's included: a cycle without an event. */
        EVERY_KEY,
        /** The cycles with an event, sorted ignoring case (as a database collation may). */
        IGNORING_CASE
    }

    /** A small in-memory store, sound unless told to break one promise. */
    private static final class MapStore implements EventStore {
        private final boolean ignoreHead;
        private final boolean unchained;
        private final boolean newestFirst;
        private final boolean lax;
        /** Returns the stored list itself: later appends show through, and a caller can change it. */
        private boolean liveView;
        /** Hashes the event alone, not the history it follows: the head anchors nothing before it. */
        private boolean historyBlind;
        private Listing listing = Listing.SOUND;
        private Entities entities = Entities.SOUND;
        private Times times = Times.SOUND;
        private final Map<CycleRef, List<RecordedEvent>> logs = new HashMap<>();

        MapStore(boolean ignoreHead, boolean unchained, boolean newestFirst, boolean lax) {
            this.ignoreHead = ignoreHead;
            this.unchained = unchained;
            this.newestFirst = newestFirst;
            this.lax = lax;
        }

        @Override
        public synchronized List<RecordedEvent> read(CycleRef cycle) {
            if (!lax) {
                Objects.requireNonNull(cycle, "cycle");
            }
            if (liveView) {
                return logs.computeIfAbsent(cycle, c -> new ArrayList<>());
            }
            List<RecordedEvent> log = new ArrayList<>(logs.getOrDefault(cycle, List.of()));
            if (newestFirst) {
                Collections.reverse(log);
            }
            return log;
        }

        @Override
        public synchronized List<CycleRef> cycles() {
            Comparator<CycleRef> order = Comparator.comparing(CycleRef::stream).thenComparing(CycleRef::cycleId);
            return switch (listing) {
                case NONE -> EventStore.super.cycles();
                case EVERY_KEY -> logs.keySet().stream().sorted(order).toList();
                case IGNORING_CASE -> logs.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                        .sorted(Comparator.comparing(CycleRef::stream)
                                .thenComparing(CycleRef::cycleId, String.CASE_INSENSITIVE_ORDER))
                        .toList();
                case SOUND -> logs.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                        .sorted(order).toList();
            };
        }

        @Override
        public synchronized RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
            if (!lax) {
                Objects.requireNonNull(cycle, "cycle");
                Objects.requireNonNull(event, "event");
                if (expectedHead == null || !expectedHead.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("expectedHead must be 64 lower-case hex digits");
                }
            }
            if (event != null && !event.entityId().equals(String.valueOf(cycle)) && switch (entities) {
                case ANY -> false;
                case THE_CYCLE_ONLY -> true;
                case SOUND -> namesACycle(event.entityId());
            }) {
                throw new IllegalArgumentException("event " + event.id() + " is about " + event.entityId()
                        + ", not " + cycle);
            }
            List<RecordedEvent> log = logs.computeIfAbsent(cycle, c -> new ArrayList<>());
            String head = log.isEmpty() ? RecordedEvent.GENESIS : log.get(log.size() - 1).hash();
            if (!ignoreHead && !head.equals(expectedHead)) {
                throw new ConcurrentTransitionException("head moved");
            }
            if (event != null && !log.isEmpty()) {
                Instant last = log.get(log.size() - 1).event().timestamp();
                int order = event.timestamp().compareTo(last);
                if ((times == Times.SOUND && order < 0) || (times == Times.STRICTLY_LATER && order <= 0)) {
                    throw new SystemFailureException(event.timestamp() + " is before " + last, null, null);
                }
            }
            String prev = unchained ? sha256("unchained" + log.size()) : head;
            RecordedEvent recorded = new RecordedEvent(log.size() + 1, event, prev,
                    historyBlind ? sha256(event + "" + cycle) : sha256(prev + event + cycle));
            log.add(recorded);
            return recorded;
        }

        private static boolean namesACycle(String entity) {
            String[] parts = entity.split("/", -1);
            if (parts.length != 2) {
                return false;
            }
            try {
                new CycleRef(parts[0], parts[1]);
                return true;
            } catch (InvalidInputException e) {
                return false;
            }
        }

        private static String sha256(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
