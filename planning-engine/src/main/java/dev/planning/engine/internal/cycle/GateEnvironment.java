package dev.planning.engine.internal.cycle;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.rulebook.RulebookFiles;
import dev.planning.engine.internal.workspace.LayoutFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every gate context of one workspace shares: the workspace, its layout, the rulebook, the
 * clock, the trusted keys and the sealed manifests, as the builder configured them. Each
 * {@link ArtifactGateContext} adds one cycle and transition to it.
 *
 * <p>There is one way to build one, naming every part, the event logs among them (api40: an environment built
 * without them read no cycle's creation and checked no previous cycle's log, so a tool that forgot them judged
 * deployments and outcomes against nothing); a tool outside the workspace facade gives the store it reads
 * ({@link CycleLogs#of}), a recomputed verdict the store its creation is learnt from ({@link CycleLogs#creationOf}).
 *
 * @param root      the workspace root, absolute
 * @param layout    where artifacts live
 * @param rulebook  the rulebook in force
 * @param artifacts reads the cycles' plans (shared, so parsed plans are kept between runs)
 * @param clock     the builder's clock
 * @param trust     the trusted keys, read when a gate asks for them
 * @param manifests the sealed manifests
 * @param rulebookFiles the rulebook's files as the contexts serve them (read once, checked against its hash)
 * @param logs      the workspace's event logs, checked intact before the stream's previous cycle is judged
 */
public record GateEnvironment(Path root, WorkspaceLayout layout, Rulebook rulebook, CycleArtifacts artifacts,
        Clock clock, Supplier<TrustedKeys> trust, SealedManifests manifests, RulebookFiles rulebookFiles,
        CycleLogs logs) {

    public GateEnvironment {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(rulebook, "rulebook");
        Objects.requireNonNull(artifacts, "artifacts");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(rulebookFiles, "rulebookFiles");
        Objects.requireNonNull(logs, "logs");
    }

    /** The same environment under another rulebook. */
    public GateEnvironment withRulebook(Rulebook other) {
        return new GateEnvironment(root, layout, other, artifacts, clock, trust, manifests, new RulebookFiles(other),
                logs);
    }

    /** The workspace's files, through the layout. */
    public LayoutFiles files() {
        return new LayoutFiles(root, layout);
    }
}
