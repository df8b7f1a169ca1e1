package dev.planning.engine;

import dev.planning.api.store.EventStore;
import dev.planning.testkit.store.EventStoreContract;

/** The in-memory store meets the event store contract (its storage is the instance). */
class InMemoryEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}
