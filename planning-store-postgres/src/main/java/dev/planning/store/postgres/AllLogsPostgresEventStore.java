package dev.planning.store.postgres;

import dev.planning.engine.internal.eventlog.AllLogs;

/**
 * The {@link PostgresEventStore} that {@link PostgresStore#eventStore()} hands out, telling the engine it
 * reads every cycle's log in one statement ({@link PostgresEventStore#readAll}): a workspace built on it
 * asks its cross-cycle questions so ({@code EventLogQueries.ofStore}). Package-private, so that the
 * engine's internal {@link AllLogs} stays out of the public type's signature.
 */
final class AllLogsPostgresEventStore extends PostgresEventStore implements AllLogs {

    AllLogsPostgresEventStore(Transactions transactions, String repository, boolean outbox) {
        super(transactions, repository, outbox);
    }
}
