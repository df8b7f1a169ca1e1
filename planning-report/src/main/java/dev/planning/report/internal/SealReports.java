package dev.planning.report.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationReport;
import java.util.List;
import java.util.Optional;

/**
 * The JSON documents of {@code seal} and {@code verify} (moved from the command line's
 * {@code SealReports}). Every discrepancy carries kind, file, expected, actual and message.
 *
 * @since 0.1
 */
public final class SealReports {

    private SealReports() {
    }

    /**
     * {@code seal --format json}: the manifest's keys when one was written, the transition's when the
     * gates ran; the keys of what did not happen are left out.
     *
     * @param cycle the cycle
     * @param sealed whether a manifest was sealed
     * @param manifest the manifest's path
     * @param manifestId its id
     * @param snapshotRev the commit sealed
     * @param dirty whether artifacts had uncommitted changes
     * @param rulebookHash the rulebook's hash
     * @param artifacts the artifacts sealed
     * @param accepted whether the transition was accepted
     * @param state the state after it
     * @param gates the handoff's gates
     * @param notes what the seal set aside ({@link SealResult#notes()}), when there is any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SealJson(String cycle, boolean sealed, String manifest, @JsonProperty("manifest_id") String manifestId,
            @JsonProperty("snapshot_rev") String snapshotRev, Boolean dirty,
            @JsonProperty("rulebook_hash") String rulebookHash, List<ArtifactJson> artifacts, Boolean accepted,
            String state, List<GateJson> gates, List<String> notes) {

        /**
         * A document without notes.
         *
         * @param cycle the cycle
         * @param sealed whether a manifest was sealed
         * @param manifest the manifest's path
         * @param manifestId its id
         * @param snapshotRev the commit sealed
         * @param dirty whether artifacts had uncommitted changes
         * @param rulebookHash the rulebook's hash
         * @param artifacts the artifacts sealed
         * @param accepted whether the transition was accepted
         * @param state the state after it
         * @param gates the handoff's gates
         */
        public SealJson(String cycle, boolean sealed, String manifest, String manifestId, String snapshotRev,
                Boolean dirty, String rulebookHash, List<ArtifactJson> artifacts, Boolean accepted, String state,
                List<GateJson> gates) {
            this(cycle, sealed, manifest, manifestId, snapshotRev, dirty, rulebookHash, artifacts, accepted, state, gates,
                    null);
        }
    }

    /**
     * One sealed artifact.
     *
     * @param path its path
     * @param sha256 its SHA-256
     * @param bytes its size
     */
    public record ArtifactJson(String path, String sha256, long bytes) {
    }

    /**
     * One gate of the handoff, its findings as one line each.
     *
     * @param gate the gate
     * @param status its status
     * @param findings its findings, described
     */
    public record GateJson(String gate, String status, List<String> findings) {
    }

    /**
     * The document of a seal.
     *
     * @param result the seal's result
     * @return its document
     */
    public static SealJson seal(SealResult result) {
        Optional<HandoffManifest> m = result.manifest();
        Optional<TransitionResult> t = result.transition();
        return new SealJson(result.cycle().toString(), result.sealed(), result.manifestPath().orElse(null),
                m.map(HandoffManifest::manifestId).orElse(null), m.map(HandoffManifest::snapshotRev).orElse(null),
                m.map(HandoffManifest::dirty).orElse(null), m.map(HandoffManifest::rulebookHash).orElse(null),
                m.map(x -> x.artifacts().stream().map(a -> new ArtifactJson(a.path(), a.sha256(), a.bytes())).toList())
                        .orElse(null),
                t.map(TransitionResult::accepted).orElse(null), t.map(x -> x.stateAfter().name()).orElse(null),
                t.map(x -> x.gateResults().stream().map(SealReports::gate).toList()).orElse(null),
                result.notes().isEmpty() ? null : result.notes());
    }

    /**
     * {@code verify --format json}: every discrepancy with kind, file, expected, actual and message.
     *
     * @param manifest the manifest
     * @param manifestId its id, or {@code null}
     * @param passed whether it verified
     * @param artifactsChecked how many artifacts were checked
     * @param signaturesCounted the signatures that counted
     * @param chain the manifests of the chain
     * @param discrepancies the discrepancies
     * @param notes the notes
     * @param ignoredSignatures the signatures not counted
     */
    public record VerificationJson(String manifest, @JsonProperty("manifest_id") String manifestId, boolean passed,
            @JsonProperty("artifacts_checked") int artifactsChecked,
            @JsonProperty("signatures_counted") List<SignatureJson> signaturesCounted, List<String> chain,
            List<DiscrepancyJson> discrepancies, List<String> notes,
            @JsonProperty("ignored_signatures") List<DiscrepancyJson> ignoredSignatures) {
    }

    /**
     * A signature that counted.
     *
     * @param role the role
     * @param keyId the key's id
     * @param algorithm the algorithm
     */
    public record SignatureJson(String role, @JsonProperty("key_id") String keyId, String algorithm) {
    }

    /**
     * One discrepancy.
     *
     * @param kind its kind
     * @param file the file
     * @param expected the expected value, or {@code null}
     * @param actual the actual value, or {@code null}
     * @param message what differs
     */
    public record DiscrepancyJson(String kind, String file, String expected, String actual, String message) {
    }

    /**
     * The document of a verification.
     *
     * @param report the verification report
     * @return its document
     */
    public static VerificationJson verification(VerificationReport report) {
        return new VerificationJson(report.manifest(), report.manifestId().orElse(null), report.passed(),
                report.artifactsChecked(), report.countedSignatures().stream()
                        .map(s -> new SignatureJson(s.role(), s.keyId(), s.algorithm())).toList(),
                report.chain(), report.discrepancies().stream().map(SealReports::discrepancy).toList(), report.notes(),
                report.ignoredSignatures().stream().map(SealReports::discrepancy).toList());
    }

    private static DiscrepancyJson discrepancy(Discrepancy d) {
        return new DiscrepancyJson(d.kind().name(), d.file(), d.expected().orElse(null), d.actual().orElse(null),
                d.message());
    }

    private static GateJson gate(GateResult result) {
        return new GateJson(result.gate(), result.status().name(), result.findings().stream().map(f -> f.describe()).toList());
    }
}
