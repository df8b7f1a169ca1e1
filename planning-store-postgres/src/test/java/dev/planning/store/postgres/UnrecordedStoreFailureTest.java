package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningException;
import dev.planning.engine.internal.lifecycle.Unrecorded;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * review26: a busy or unreachable store that fails the append after the file it records was written stays its kind,
 * its message saying what was written and what completes it. keys26 made it a plain {@code SystemFailureException}
 * with the store's failure as its cause, so an embedder catching {@link StoreBusyException} around {@code seal},
 * {@code sign}, {@code importOutcomes} or {@code digest} (to run it again, as its Javadoc says it may) no longer
 * caught it.
 */
class UnrecordedStoreFailureTest {

    private static final String WRITTEN = "the digest frameworks/planning-fe/digests/2025-09-02.md";
    private static final String COMPLETE = "once the cause is fixed, run `planning digest` again to record it";
    private static final String ADDED = ". " + WRITTEN + " was written, but its event is not recorded: " + COMPLETE;

    @Test
    void aBusyStoreStaysABusyStoreOfItsReasonSayingWhatWasWritten() {
        StoreBusyException busy = new StoreBusyException("cannot append to the event log of fe/2025-09-02: the store"
                + " is busy: another session's work conflicted", StoreBusyException.Reason.CONFLICT,
                new SQLException("could not serialize access", "40001"));

        PlanningException explained = Unrecorded.explain(busy, WRITTEN, COMPLETE);

        assertThat(explained).isInstanceOfSatisfying(StoreBusyException.class, e -> {
            assertThat(e.reason()).isEqualTo(StoreBusyException.Reason.CONFLICT);
            assertThat(e.getCause()).isSameAs(busy);
        }).hasMessage(busy.getMessage() + ADDED);
    }

    @Test
    void anUnreachableStoreStaysAnUnreachableStoreSayingWhatWasWritten() {
        StoreUnreachableException unreachable = new StoreUnreachableException("cannot append to the event log of"
                + " fe/2025-09-02: the database cannot be reached", new SQLException("refused", "08001"));

        PlanningException explained = Unrecorded.explain(unreachable, WRITTEN, COMPLETE);

        assertThat(explained).isInstanceOf(StoreUnreachableException.class).hasCause(unreachable)
                .hasMessage(unreachable.getMessage() + ADDED);
    }
}
