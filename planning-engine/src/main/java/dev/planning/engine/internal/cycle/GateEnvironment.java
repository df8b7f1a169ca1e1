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

    /** An environment with no event log to check ({@link CycleLogs#NONE}): over pinned inputs, or in tests. */
    public GateEnvironment(Path root, WorkspaceLayout layout, Rulebook rulebook, CycleArtifacts artifacts,
            Clock clock, Supplier<TrustedKeys> trust, SealedManifests manifests, RulebookFiles rulebookFiles) {
        this(root, layout, rulebook, artifacts, clock, trust, manifests, rulebookFiles, CycleLogs.NONE);
    }

    /** An environment serving the rulebook's files from its directory, read when a gate first asks. */
    public GateEnvironment(Path root, WorkspaceLayout layout, Rulebook rulebook, CycleArtifacts artifacts,
            Clock clock, Supplier<TrustedKeys> trust, SealedManifests manifests) {
        this(root, layout, rulebook, artifacts, clock, trust, manifests, new RulebookFiles(rulebook));
    }

    /**
     * An environment with no trusted key and no manifest verifier, judged by UTC system time: for
     * tools that run gates outside a workspace facade (rulebook impact, tests).
     */
    public static GateEnvironment of(Path root, WorkspaceLayout layout, Rulebook rulebook) {
        return new GateEnvironment(root, layout, rulebook, new CycleArtifacts(root, layout), Clock.systemUTC(),
                TrustedKeys::none, SealedManifests.NONE);
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
