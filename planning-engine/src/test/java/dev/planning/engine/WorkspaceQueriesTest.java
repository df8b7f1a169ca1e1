package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.testkit.store.CycleQueriesContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlanningWorkspace#queries}: the cross-cycle queries of a workspace over its own event store,
 * the same answers as {@link Planning#cycleQueries(Path)} over its files.
 */
class WorkspaceQueriesTest {

    @TempDir
    Path workspace;

    /** A workspace built read-only (no rulebook loaded) answers the queries' contract over its files. */
    @Nested
    class OverTheWorkspacesFiles extends CycleQueriesContract {
        @Override
        protected EventStore newStore() {
            return new FileEventStore(workspace);
        }

        @Override
        protected CycleQueries queriesOf(EventStore store) {
            return readOnly(workspace).queries(TrustedKeys.none());
        }
    }

    /** The same over another store than the files: the logs are the store's, the cycles the workspace's. */
    @Nested
    class OverAnotherStore extends CycleQueriesContract {
        private final InMemoryEventStore memory = new InMemoryEventStore();

        @Override
        protected EventStore newStore() {
            // The contract's cycles (fe/a, fe/b, be/c) have no plan here: each gets an event log file
            // name so the workspace knows of it, while its events live in memory only.
            for (String log : new String[] {"frameworks/planning-fe/events/a.events.jsonl",
                    "frameworks/planning-fe/events/b.events.jsonl", "frameworks/planning-be/events/c.events.jsonl"}) {
                touch(workspace.resolve(log));
            }
            return memory;
        }

        @Override
        protected CycleQueries queriesOf(EventStore store) {
            touchDirectory(workspace.resolve("rulebook"));
            return Planning.builder().workspace(workspace).eventStore(store).readOnly().build()
                    .queries(TrustedKeys.none());
        }
    }

    @Test
    void aNullTrustIsRefusedNamingIt() {
        PlanningWorkspace ws = readOnly(workspace);

        assertThatThrownBy(() -> ws.queries(null)).isInstanceOf(NullPointerException.class).hasMessage("trust");
    }

    @Test
    void anEmptyWorkspaceHasAnEmptyPortfolio() {
        assertThat(readOnly(workspace).queries(TrustedKeys.none()).portfolio()).isEmpty();
    }

    private static PlanningWorkspace readOnly(Path workspace) {
        touchDirectory(workspace.resolve("rulebook"));
        return Planning.builder().workspace(workspace).readOnly().build();
    }

    private static void touchDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
