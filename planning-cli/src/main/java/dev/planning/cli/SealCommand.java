package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.report.CiReports;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code planning seal}: the READY_FOR_HANDOFF -> PACKAGED transition with its gates, then the
 * handoff manifest, written once. {@code planning advance --to PACKAGED} does the same with
 * default options.
 */
@Command(name = "seal", mixinStandardHelpOptions = true,
        description = "Run the READY_FOR_HANDOFF -> PACKAGED gates and, when they pass, write the cycle's handoff"
                + " manifest once (SHA-256 of every artifact, git HEAD, rulebook hash, gate results, governance).")
final class SealCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Mixin
    FormatOption format;

    /**
     * Only for completing an interrupted seal whose manifest carries signatures: those that verify
     * against none of its keys are nobody's, and are dropped with the unrecorded manifest.
     */
    @Mixin
    TrustOption trust;

    @Option(names = "--allow-dirty", description = "Seal even when artifacts have uncommitted changes (or no git"
            + " repository); the manifest records dirty: true.")
    boolean allowDirty;

    @Option(names = "--prior", paramLabel = "MANIFEST_ID",
            description = "The manifest_id of the earlier cycle's manifest this handoff replaces.")
    String prior;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Free text recorded in the manifest.")
    String notes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (prior != null && prior.isBlank()) {
            // An unset variable (--prior "$PRIOR") names no manifest; passed on, it would be sought as one (misc41).
            throw new ParameterException(spec.commandLine(), "--prior is empty: expected the manifest_id of the"
                    + " earlier cycle's manifest this handoff replaces (its `manifest_id:` line), or no --prior");
        }
        PlanningWorkspace ws = trust.apply(workspace.builder()).build();
        SealOptions options = SealOptions.defaults().withAllowDirty(allowDirty);
        if (prior != null) {
            options = options.withPriorManifestId(prior);
        }
        if (notes != null) {
            options = options.withNotes(notes);
        }
        SealResult result = ws.seal(cycle.ref(), options);
        SealReports.print(spec.commandLine().getOut(), format.format, () -> CiReports.sealJson(result),
                () -> SealReports.sealText(result));
        return result.sealed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
