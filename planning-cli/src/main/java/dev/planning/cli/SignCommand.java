package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.signing.Signer;
import dev.planning.engine.Planning;
import dev.planning.engine.PlanningJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code planning sign MANIFEST --role ROLE --key FILE [--allow-dirty]}: add one role's signature, nothing else;
 * a manifest sealed dirty only with {@code --allow-dirty}, and the result then says so.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Add one signature (for ROLE, with the private key in FILE) to a sealed manifest, changing"
                + " nothing else, and record it in the cycle's event log. Roles may sign at different times. Refused,"
                + " writing nothing, unless the manifest verifies (the signing policy aside), the key is listed for ROLE"
                + " in the trust file, neither the key nor (when the policy needs no more of it) ROLE signed already,"
                + " and the cycle is not COMPLETED. A manifest sealed with --allow-dirty or outside git (dirty: true,"
                + " or snapshot_rev: none), whose sealed set cannot be checked against a commit, is signed only with"
                + " --allow-dirty.")
final class SignCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MANIFEST", description = "The sealed handoff manifest.")
    Path manifest;

    @Option(names = "--role", paramLabel = "ROLE", required = true, description = "The role signing, e.g. QA.")
    String role;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "PEM private key (PKCS#8).")
    Path key;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "Workspace (default: inferred from MANIFEST's place, frameworks/planning-S/manifests/).")
    Path workspace;

    @Option(names = "--rulebook", paramLabel = "DIR", description = "Rulebook directory (default: <workspace>/rulebook).")
    Path rulebook;

    @Option(names = "--allow-dirty", description = "Sign even a manifest sealed with --allow-dirty or outside git"
            + " (dirty: true, or snapshot_rev: none): no commit holds its sealed set, so nothing checks that it holds"
            + " every input the gates read. Without it such a manifest is refused.")
    boolean allowDirty;

    @Mixin
    TrustOption trust;

    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ManifestArgument.Located located = ManifestArgument.locate(manifest);
        Path root = workspace != null ? workspace : located.workspace().orElseThrow(() -> new InvalidInputException(
                "cannot tell which workspace " + Printable.path(manifest) + " belongs to: it is not at "
                        + WorkspaceLayout.DEFAULT.manifest(located.cycle()) + " under a workspace; pass -w DIR"));
        Planning.Builder builder = WorkspaceOptions.builder(root, rulebook, null);
        // Refuse a key in the workspace or its repository before anything else reads the workspace.
        Signer signer = PrivateKeyFiles.signer(role, key, root);
        PlanningWorkspace ws = builder.trustedKeys(trust.require(root, "sign")).build();
        String expected = ws.layout().manifest(located.cycle());
        if (!ws.root().resolve(expected).normalize().equals(located.file())) {
            throw new InvalidInputException(Printable.path(manifest) + " is not the sealed manifest of " + located.cycle()
                    + " in workspace " + Printable.path(ws.root()) + " (expected " + expected + ")");
        }
        HandoffManifest signed = ws.sign(located.cycle(), signer, SignOptions.defaults().withAllowDirty(allowDirty));
        // With the tags and waivers the signature approves: a signer sees what was signed (SignedWaivers).
        SealReports.print(spec.commandLine().getOut(), format.format,
                () -> PlanningJson.write(SignedWaivers.json(SealReports.signed(expected, signed), signed)),
                () -> SealReports.signedText(expected, signed) + SignedWaivers.text(signed));
        return ExitCodes.OK;
    }
}
