package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.engine.internal.json.JsonMappers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Attestation;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.Signer;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.SafePaths;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Attests a cycle's sealed manifest: an in-toto statement in a DSSE envelope ({@link Attestations}),
 * refused when the manifest is missing, invalid or no longer matches its artifacts. Signatures and
 * the signing policy are not required: an attestation says what was sealed, not who approved it.
 */
public final class Attester {

    private static final Set<DiscrepancyKind> BLOCKING = EnumSet.of(DiscrepancyKind.MANIFEST_INVALID,
            DiscrepancyKind.MANIFEST_NOT_CANONICAL, DiscrepancyKind.ARTIFACT_CHANGED, DiscrepancyKind.ARTIFACT_MISSING);
    private static final ObjectMapper JSON = JsonMappers.prettyJson();

    private final Path root;
    private final WorkspaceLayout layout;

    public Attester(Path root, WorkspaceLayout layout) {
        this.root = root;
        this.layout = layout;
    }

    /**
     * The attestation of {@code cycle}'s manifest.
     *
     * @param report the manifest's verification (any trusted keys: only checksum discrepancies block)
     * @throws SealingException when the manifest is missing, invalid or an artifact changed
     */
    public Attestation attest(CycleRef cycle, VerificationReport report, List<? extends Signer> signers) {
        List<Discrepancy> blocking = report.discrepancies().stream().filter(d -> BLOCKING.contains(d.kind())).toList();
        if (!blocking.isEmpty()) {
            throw new SealingException(SealingException.Reason.SEALED_ARTIFACT_CHANGED, "cannot attest " + cycle
                    + ": " + blocking.get(0).describe() + (blocking.size() > 1 ? " (and " + (blocking.size() - 1)
                            + " more; run planning verify)" : ""), SourceLocation.ofFile(report.manifest()));
        }
        String path = layout.manifest(cycle);
        ManifestReader.Read read = new ManifestReader(root).read(SafePaths.resolve(root, path), path);
        ObjectNode statement = Attestations.statement(read.manifest(), path, Sha256.hex(read.bytes()));
        ObjectNode envelope = Attestations.envelope(CanonicalForm.canonicalize(statement), signers);
        try {
            return new Attestation(path, JSON.writeValueAsString(envelope) + "\n", read.manifest().artifacts().size(),
                    signers.size());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
