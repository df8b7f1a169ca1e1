/**
 * The event store contract: {@link dev.planning.testkit.store.EventStoreContract}, an abstract
 * JUnit 5 test class that every {@link dev.planning.api.store.EventStore} implementation extends
 * in its own tests to show that it keeps the SPI's promises (compare-and-append, ordering, the
 * hash chain, retries, concurrency, refusal of bad input); and
 * {@link dev.planning.testkit.store.CycleQueriesContract}, the same for the cross-cycle
 * {@link dev.planning.api.store.CycleQueries} (the workspace's files and PostgreSQL give the same
 * answers), including, with real signatures made through the public API, that
 * {@code pendingSignatures()} lists a handoff exactly while {@code verify} finds its signing policy unmet.
 *
 * @since 0.1
 */
package dev.planning.testkit.store;
