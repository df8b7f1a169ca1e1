package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.seal.Attestation;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.Signer;
import dev.planning.engine.Planning;
import dev.planning.api.signing.TrustedKeys;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;


/**
 * {@code planning attest}: the sealed manifest as an in-toto Statement v1 in a DSSE envelope,
 * signed with the given keys. Refused while the manifest does not hold (changed artifacts).
 */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = "Write the sealed manifest as an in-toto Statement v1 (one subject per artifact) in a DSSE"
                + " envelope signed with KEY(s); to stdout, or to --out FILE.")
final class AttestCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Option(names = "--key", paramLabel = "FILE", required = true,
            description = "PEM private key to sign the envelope with; repeat for several signatures.")
    List<Path> keys;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the envelope here (default: standard output).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlanningWorkspace ws = workspace.open();
        List<Signer> signers = keys.stream().map(k -> Planning.keys().pemSigner(roleOf(k), k)).toList();
        Attestation attestation = ws.attest(cycle.ref(), signers);
        if (out == null) {
            spec.commandLine().getOut().print(attestation.envelope());
        } else {
            OutputFiles.write(out.toAbsolutePath(), attestation.envelope().getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getOut().println("wrote " + out + " (in-toto statement, " + attestation.subjects()
                    + " subjects, " + attestation.signatures() + " DSSE signature(s))");
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static String roleOf(Path key) {
        String name = key.getFileName().toString();
        String stem = name.endsWith(".key.pem") ? name.substring(0, name.length() - ".key.pem".length()) : "attester";
        try {
            return Roles.require(stem);
        } catch (dev.planning.api.InvalidInputException e) {
            return "attester";
        }
    }
}
