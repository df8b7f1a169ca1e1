package dev.planning.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.signing.CanonicalForm;
import dev.planning.engine.internal.signing.PemSigner;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.WorkspaceLayout;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

    /** What must hold for an attestation to state the truth: the artifacts and the manifest itself. */
    private static final Set<DiscrepancyKind> BLOCKING = EnumSet.of(DiscrepancyKind.MANIFEST_INVALID,
            DiscrepancyKind.MANIFEST_NOT_CANONICAL, DiscrepancyKind.ARTIFACT_CHANGED, DiscrepancyKind.ARTIFACT_MISSING);

    private static final ObjectMapper JSON = JsonMappers.prettyJson();

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
        CycleRef ref = cycle.ref();
        VerificationReport report = ws.verify(ref, TrustedKeys.none());
        List<Discrepancy> blocking = report.discrepancies().stream().filter(d -> BLOCKING.contains(d.kind())).toList();
        if (!blocking.isEmpty()) {
            throw new SealingException(SealingException.Reason.SEALED_ARTIFACT_CHANGED, "cannot attest " + ref
                    + ": " + blocking.get(0).describe() + (blocking.size() > 1 ? " (and " + (blocking.size() - 1)
                            + " more; run planning verify)" : ""), SourceLocation.ofFile(report.manifest()));
        }
        String path = WorkspaceLayout.DEFAULT.manifest(ref);
        ManifestReader.Read read = new ManifestReader(ws.root()).read(SafePaths.resolve(ws.root(), path), path);
        ObjectNode statement = Attestations.statement(read.manifest(), path, Sha256.hex(read.bytes()));
        List<PemSigner> signers = keys.stream().map(k -> PemSigner.load(roleOf(k), k)).toList();
        ObjectNode envelope = Attestations.envelope(CanonicalForm.canonicalize(statement), signers);
        String text;
        try {
            text = JSON.writeValueAsString(envelope) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        if (out == null) {
            spec.commandLine().getOut().print(text);
        } else {
            AtomicFiles.write(out.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getOut().println("wrote " + out + " (in-toto statement, " + read.manifest().artifacts()
                    .size() + " subjects, " + signers.size() + " DSSE signature(s))");
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** The role a key file is named for ({@code QA.key.pem}); DSSE signatures carry only the key id. */
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
