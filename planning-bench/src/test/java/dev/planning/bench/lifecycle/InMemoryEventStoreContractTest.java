package dev.planning.bench.lifecycle;

import dev.planning.api.store.EventStore;
import dev.planning.testkit.store.EventStoreContract;

/**
 * mend31: the benchmarks' in-memory store (B3 measures the lifecycle over it) meets the event store contract, so
 * that what it measures is a store that keeps the promises the file and PostgreSQL stores keep (its storage is the
 * instance). It holds no bytes to damage, so the damageable contract does not apply.
 */
class InMemoryEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}
