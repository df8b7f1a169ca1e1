package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Attestation;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.Signer;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.workspace.SafePaths;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Attests a cycle's sealed manifest: an in-toto statement in a DSSE envelope ({@link Attestations}),
 * refused when the manifest does not verify in anything but its signatures: when it is missing,
 * invalid or not canonical, no longer matches its artifacts, leaves a plan artifact unsealed, was
 * judged under another rulebook than the one in hand, names a git revision that does not exist,
 * records gate verdicts that its sealed inputs do not re-derive or evidence that does not match it,
 * is not the manifest its {@code MANIFEST_SEALED} event anchors, or shares its id with another
 * manifest. That list is the complement of an allow-list ({@link #PASSING}, the findings judged
 * against trusted keys): a finding of any kind not on it blocks, so a kind verification learns to
 * report later blocks until it is deliberately allowed. A keyholder's signature on the statement vouches for its gate results and governance,
 * so a manifest forged by a hand without a key (SPEC §8) is not attested. Signatures and the
 * signing policy are not required: an attestation says what was sealed. Its {@code approvals}
 * name only the signatures that verified against the trusted keys given (once per key, for their
 * role), with {@code approvals_verified: true}; with no trusted key, none, and
 * {@code approvals_verified: false}: a signature nobody checked is never restated under a
 * keyholder's envelope.
 *
 * <p>The manifest file is read once: those bytes are verified and those same bytes are attested
 * (as {@code sign} signs the bytes it verified), so a file rewritten meanwhile is never attested
 * unverified.
 */
public final class Attester {

    /**
     * The allow-list: the kinds that do not stop an attestation, because they are judged against
     * trusted keys, of which attest may be given none: the signature checks, the signing policy, the
     * unsigned-history and summary checks, and the prior chain (whose check includes the prior
     * manifest's signing policy). Every other kind blocks ({@link #BLOCKS}), a kind added to
     * {@link DiscrepancyKind} later included until it is listed here: fail closed.
     */
    static final Set<DiscrepancyKind> PASSING = Collections.unmodifiableSet(EnumSet.of(
            DiscrepancyKind.SIGNATURE_INVALID, DiscrepancyKind.SIGNATURE_UNTRUSTED, DiscrepancyKind.SIGNATURE_WRONG_ROLE,
            DiscrepancyKind.SIGNATURE_DUPLICATE, DiscrepancyKind.THRESHOLD_NOT_MET, DiscrepancyKind.PRIOR_MANIFEST,
            DiscrepancyKind.UNSIGNED_HISTORY, DiscrepancyKind.SUMMARY_INVALID, DiscrepancyKind.SUMMARY_MISMATCH,
            DiscrepancyKind.SUMMARY_MISSING));

    /** Whether a finding of a kind stops an attestation: every kind not in {@link #PASSING}. */
    static final Predicate<DiscrepancyKind> BLOCKS = blocking(PASSING);

    private static final ObjectMapper JSON = JsonMappers.prettyJson();

    private final Path root;
    private final WorkspaceLayout layout;

    /** Blocks every kind that is not in {@code passing}, and a missing kind. */
    static Predicate<DiscrepancyKind> blocking(Set<DiscrepancyKind> passing) {
        Set<DiscrepancyKind> allowed = Set.copyOf(passing);
        return kind -> kind == null || !allowed.contains(kind);
    }

    public Attester(Path root, WorkspaceLayout layout) {
        this.root = root;
        this.layout = layout;
    }

    /**
     * The attestation of {@code cycle}'s manifest.
     *
     * @param verifyRead   verifies the manifest as read here, without reading the file again (with
     *                     the trusted keys: only what does not depend on them blocks, see
     *                     {@link #BLOCKS}; its counted signatures are the approvals)
     * @param verifyFile   verifies the cycle's manifest from its file: used only when it cannot be
     *                     read here, to report why
     * @param keysGiven    whether the verification had trusted keys to check signatures with;
     *                     without, the statement lists no approvals
     * @throws SealingException when the manifest is missing or does not verify as above
     */
    public Attestation attest(CycleRef cycle, Function<ManifestReader.Read, VerificationReport> verifyRead,
            Supplier<VerificationReport> verifyFile, boolean keysGiven, List<? extends Signer> signers) {
        String path = layout.manifest(cycle);
        Optional<ManifestReader.Read> read = read(SafePaths.resolve(root, path), path);
        // The bytes just read are verified, and those same bytes are attested: the file is read once.
        VerificationReport report = read.isPresent() ? verifyRead.apply(read.get()) : verifyFile.get();
        List<Discrepancy> blocking = report.discrepancies().stream().filter(d -> BLOCKS.test(d.kind())).toList();
        if (!blocking.isEmpty()) {
            throw new SealingException(SealingException.Reason.SEALED_ARTIFACT_CHANGED, "cannot attest " + cycle
                    + ": " + blocking.get(0).describe() + (blocking.size() > 1 ? " (and " + (blocking.size() - 1)
                            + " more; run planning verify)" : ""), SourceLocation.ofFile(report.manifest()));
        }
        if (read.isEmpty()) {
            throw new SealingException(SealingException.Reason.NOT_SEALED, "cannot attest " + cycle
                    + ": its manifest cannot be read", SourceLocation.ofFile(path));
        }
        HandoffManifest manifest = read.get().manifest();
        ObjectNode statement = Attestations.statement(manifest, path, Sha256.hex(read.get().bytes()),
                keysGiven ? Optional.of(report.countedSignatures()) : Optional.empty());
        ObjectNode envelope = Attestations.envelope(CanonicalForm.canonicalize(statement), signers);
        try {
            return new Attestation(path, JSON.writeValueAsString(envelope) + "\n", manifest.artifacts().size(),
                    signers.size());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest as read and parsed; empty when it cannot be (verification then reports why). */
    private Optional<ManifestReader.Read> read(Path file, String path) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ManifestReader(root).read(file, path));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }
}
