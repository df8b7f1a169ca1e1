package dev.planning.store.postgres;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.eventlog.AllLogs;
import dev.planning.engine.internal.eventlog.CheckedLogs;

/**
 * The {@link PostgresEventStore} that {@link PostgresStore#eventStore()} hands out, telling the engine it
 * reads every cycle's log in one statement ({@link PostgresEventStore#readAll}): a workspace built on it
 * asks its cross-cycle questions so ({@code EventLogQueries.ofStore}), and that it tells every mistake of a log
 * ({@link CheckedLogs}): {@code planning lint} lists them all. Package-private, so that the engine's internal
 * {@link AllLogs} and {@link CheckedLogs} stay out of the public type's signature.
 */
final class AllLogsPostgresEventStore extends PostgresEventStore implements AllLogs, CheckedLogs {

    AllLogsPostgresEventStore(Transactions transactions, String repository, boolean outbox) {
        super(transactions, repository, outbox);
    }

    @Override
    public Checked check(CycleRef cycle) {
        return checkLog(cycle);
    }
}
