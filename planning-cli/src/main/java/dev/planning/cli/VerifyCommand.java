package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.report.CiReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
 * chain, check the snapshot revision. Exit 0 verified, 1 any discrepancy (an unreadable or invalid
 * manifest included), 2 verification could not run (bad options, no or unreadable trust file or
 * rulebook).
 *
 * <p>picocli's model of this command is built in code by {@link CommandModels}: an option added
 * here must be added there too ({@code CommandModelsTest} fails until it is).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a sealed manifest: every checksum, the rulebook hash, every signature against the trust"
                + " file, the signing policy, the prior_manifest_id chain and snapshot_rev, the manifest against its"
                + " MANIFEST_SEALED event, and the sealed gate verdicts recomputed from the sealed inputs. Exit 0:"
                + " verified; 1: any discrepancy, an invalid manifest included; 2: could not verify (bad options, no"
                + " trust file).")
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

    @Option(names = "--checksums-only", description = "Skip re-deriving the sealed gate verdicts from the sealed"
            + " inputs (no gate runs; the output says the verdicts were not recomputed).")
    boolean checksumsOnly;

    @Mixin
    FormatOption.WithMarkdown format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean byCycle = stream != null || cycle != null;
        if (byCycle == (manifest != null) || byCycle && (stream == null || cycle == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --stream S --cycle C, or a MANIFEST file");
        }
        if (manifest != null && Files.isDirectory(manifest)) {
            // The workspace given as its manifest (verify -w W W) was read as a manifest of no name (misc41).
            throw new CommandLine.ParameterException(spec.commandLine(), "MANIFEST " + Printable.path(manifest)
                    + " is a directory: expected a manifest file (frameworks/planning-S/manifests/C.yaml under the"
                    + " workspace), or --stream S --cycle C");
        }
        Path root = workspace;
        CycleRef ref = null;
        if (byCycle) {
            ref = new CycleRef(stream, cycle);
        } else if (root == null) {
            try {
                root = ManifestArgument.locate(manifest).workspace().orElse(null);
            } catch (InvalidInputException e) {
                // A manifest that cannot be read is a manifest that does not verify: exit 1, the
                // same as `verify --stream S --cycle C` gives for it.
                return print(new VerificationReport(manifest.toString(), Optional.empty(), 0, List.of(), List.of(),
                        List.of(Discrepancy.of(DiscrepancyKind.MANIFEST_INVALID, manifest.toString(), e.describe()))));
            }
        }
        // Every git read of verify is an object by its id or an index entry by its path, which git's
        // system configuration cannot change: JGit need not run `git` twice to find it (GitSystemConfig).
        GitSystemConfig noSystemConfig = GitSystemConfig.skipped();
        try {
            return verify(root, ref);
        } catch (InvalidInputException e) {
            throw rulebookDoesNotLoad(e, root);
        } finally {
            noSystemConfig.close();
        }
    }

    private int verify(Path root, CycleRef ref) {
        Planning.Builder builder = WorkspaceOptions.builder(root != null ? root : Path.of("."), rulebook, null);
        if (checksumsOnly) {
            // No gate runs without the verdicts' recomputation: the policies need not be compiled.
            builder.readOnly();
        }
        PlanningWorkspace ws = builder.build();
        TrustedKeys keys = trust.require(ws.root(), "verify signatures");
        if (checksumsOnly) {
            return print(ref != null ? ws.verifyChecksumsOnly(ref, keys) : ws.verifyChecksumsOnly(manifest, keys));
        }
        return print(ref != null ? ws.verify(ref, keys) : ws.verify(manifest, keys));
    }

    /**
     * A refusal located in the rulebook, said as what it means to {@code verify}: a handoff sealed with
     * this rulebook (a file this version's loader refuses, a failure action it no longer takes) cannot
     * be verified until it is sealed again with one that loads; never a pass. Other refusals as they are.
     */
    private InvalidInputException rulebookDoesNotLoad(InvalidInputException e, Path root) {
        String file = e.location().map(l -> l.file()).orElse("");
        Path base = (root != null ? root : Path.of(".")).toAbsolutePath().normalize();
        Path dir = (rulebook != null ? rulebook : base.resolve(WorkspaceLayout.DEFAULT.rulebookDir())).toAbsolutePath()
                .normalize();
        // Named as the loader names the rulebook's files: relative to the workspace, or as given outside it.
        String prefix = (dir.startsWith(base) ? base.relativize(dir) : rulebook.normalize()).toString().replace('\\', '/');
        boolean inRulebook = !file.isEmpty() && (prefix.isEmpty() || file.equals(prefix) || file.startsWith(prefix + "/"));
        if (!inRulebook) {
            return e;
        }
        return new InvalidInputException("the rulebook does not load under this version's rules: " + e.getMessage()
                + "; a handoff sealed with it cannot be verified until it is sealed again with a rulebook that loads"
                + " (fix the rulebook, commit it, and seal the cycle again)", e.location().orElse(null), e);
    }

    private int print(VerificationReport report) {
        SealReports.print(spec.commandLine().getOut(), format.format, () -> CiReports.verificationJson(report),
                () -> SealReports.verificationText(report), () -> CiReports.verificationMarkdown(report));
        return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
