package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.Planning;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code planning verify (--stream S --cycle C | MANIFEST)}: recompute checksums, compare the
 * rulebook hash, check signatures against the trust file and the signing policy, follow the prior
 * chain, check the snapshot revision. Exit 1 on any discrepancy.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a sealed manifest: every checksum, the rulebook hash, every signature against the trust"
                + " file, the signing policy, the prior_manifest_id chain and snapshot_rev. Exit 1 on any discrepancy.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MANIFEST", arity = "0..1", description = "A manifest file (instead of --stream/--cycle).")
    Path manifest;

    @Option(names = "--stream", paramLabel = "S", description = "Stream of the cycle to verify.")
    String stream;

    @Option(names = "--cycle", paramLabel = "C", description = "Cycle id to verify.")
    String cycle;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "Workspace (default: inferred from MANIFEST's place, else the current directory).")
    Path workspace;

    @Option(names = "--rulebook", paramLabel = "DIR", description = "Rulebook directory (default: <workspace>/rulebook).")
    Path rulebook;

    @Mixin
    TrustOption trust;

    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean byCycle = stream != null || cycle != null;
        if (byCycle == (manifest != null) || byCycle && (stream == null || cycle == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --stream S --cycle C, or a MANIFEST file");
        }
        Path root = workspace;
        CycleRef ref = null;
        if (byCycle) {
            ref = new CycleRef(stream, cycle);
        } else if (root == null) {
            root = ManifestArgument.locate(manifest).workspace().orElse(null);
        }
        Planning.Builder builder = Planning.builder().workspace(root != null ? root : Path.of("."));
        if (rulebook != null) {
            builder.rulebook(rulebook);
        }
        PlanningWorkspace ws = builder.build();
        VerificationReport report = ref != null ? ws.verify(ref, trust.read(ws.root()))
                : ws.verify(manifest, trust.read(ws.root()));
        SealReports.print(spec.commandLine().getOut(), format.format, () -> SealReports.verification(report),
                () -> SealReports.verificationText(report), () -> MarkdownReports.verification(report));
        return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
