package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * api40: the keys a workspace is built with are a property of the workspace itself, not of the builder's wrapper
 * around it. Engine code handed the inner workspace (a {@code FileWorkspace} passes {@code this} to the digest, the
 * importer and the improver) asks it for its keys and must get them, never "none" from a workspace that judges with
 * keys.
 */
class WorkspaceTrustedKeysTest {

    @TempDir
    Path root;

    private FileWorkspace fileWorkspace(Optional<Supplier<TrustedKeys>> given) {
        CycleWorkspace.create(root);
        return new FileWorkspace(root, WorkspaceLayout.DEFAULT, Planning.rulebook(root.resolve("rulebook")),
                new FileEventStore(root), List.of(), Clock.systemUTC(), "test", given);
    }

    @Test
    void theInnerWorkspaceAnswersTheKeysItWasGiven() {
        PlanningWorkspace inner = fileWorkspace(Optional.of(() -> CycleWorkspace.TRUST));

        assertThat(inner.trustedKeys()).contains(CycleWorkspace.TRUST);
    }

    @Test
    void theInnerWorkspaceGivenNoKeysAnswersNone() {
        assertThat(fileWorkspace(Optional.empty()).trustedKeys()).isEmpty();
    }

    @Test
    void theReadOnlyWorkspaceAnswersTheKeysItWasGivenWithoutOpeningItsRulebook() {
        PlanningWorkspace readOnly = new ReadOnlyWorkspace(root, WorkspaceLayout.DEFAULT, new FileEventStore(root),
                Optional.of(() -> CycleWorkspace.TRUST), () -> {
                    throw new AssertionError("the rulebook was opened");
                });

        assertThat(readOnly.trustedKeys()).contains(CycleWorkspace.TRUST);
    }

    @Test
    void theWrapperAnswersWhatTheWorkspaceItWrapsHolds() {
        PlanningWorkspace wrapped = new ArgumentCheckingWorkspace(fileWorkspace(Optional.of(() -> CycleWorkspace.TRUST)));

        assertThat(wrapped.trustedKeys()).contains(CycleWorkspace.TRUST);
        assertThat(new ArgumentCheckingWorkspace(fileWorkspace(Optional.empty())).trustedKeys()).isEmpty();
    }

    @Test
    void everyWorkspaceTheBuilderBuildsAnswersTheKeysItWasGiven() {
        CycleWorkspace.create(root);
        Planning.Builder builder = Planning.builder().workspace(root).trustedKeys(CycleWorkspace.TRUST);

        assertThat(builder.build().trustedKeys()).contains(CycleWorkspace.TRUST);
        assertThat(builder.readOnly().build().trustedKeys()).contains(CycleWorkspace.TRUST);
    }
}
