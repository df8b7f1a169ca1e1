package dev.planning.testkit.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import org.junit.jupiter.api.Test;

/**
 * review27: a store's contract test written before {@code renameStoredCycle} (or {@code writeStoredEvent}, time43) was
 * added still compiles; the hook, not overridden, fails saying which method to override.
 */
class DamageableContractHookTest {

    private static final CycleRef CYCLE_OF_TEST = new CycleRef("fe", "2025-09-02");

    @Test
    void theRenameHookNotOverriddenFailsNamingWhatToOverride() {
        DamageableEventStoreContract written = new DamageableEventStoreContract() {
            @Override
            protected EventStore newStore() {
                throw new AssertionError("not used");
            }

            @Override
            protected void damageStoredEvent(EventStore store, CycleRef cycle, int line) {
                throw new AssertionError("not used");
            }
        };

        assertThatThrownBy(() -> written.renameStoredCycle(null, CYCLE_OF_TEST, "FE", "2025-09-02"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not override DamageableEventStoreContract.renameStoredCycle(");
    }

    @Test
    void theWriteHookNotOverriddenFailsNamingWhatToOverride() {
        DamageableEventStoreContract written = new DamageableEventStoreContract() {
            @Override
            protected EventStore newStore() {
                throw new AssertionError("not used");
            }

            @Override
            protected void damageStoredEvent(EventStore store, CycleRef cycle, int line) {
                throw new AssertionError("not used");
            }
        };

        assertThatThrownBy(() -> written.writeStoredEvent(null, CYCLE_OF_TEST, null))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("does not override DamageableEventStoreContract.writeStoredEvent(");
    }
}
