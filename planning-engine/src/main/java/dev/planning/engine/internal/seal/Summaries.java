package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.workspace.SafePaths;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The two verification summaries of a {@code VALIDATED} cycle, as in-toto Statements v1: one with
 * the <a href="https://github.com/in-toto/attestation/blob/main/spec/predicates/test-result.md">Test
 * Result predicate v0.1</a>, one with the <a href="https://slsa.dev/spec/v1.0/verification_summary">SLSA
 * Verification Summary predicate v1</a>. Both name the same subjects: the sealed manifest (its digest
 * is the SHA-256 of the manifest as sealed, without signatures, the {@code manifest_sha256} of its
 * {@code MANIFEST_SEALED} event, so adding a signature later does not change it) and every sealed
 * artifact. Pure functions: {@link SummaryWriter} writes them, {@link SummaryCheck} rebuilds them to
 * compare.
 */
final class Summaries {

    /** The Test Result predicate type. */
    static final String TEST_RESULT_TYPE = "https://in-toto.io/attestation/test-result/v0.1";
    /** The SLSA Verification Summary predicate type. */
    static final String VSA_TYPE = "https://slsa.dev/verification_summary/v1";
    /** The verifier's id in the VSA. */
    static final String VERIFIER_ID = "https://planning.dev/verifier/planning-engine";
    /**
     * The level a {@code PASSED} VSA states: the sealed manifest verified (checksums, rulebook hash,
     * trusted signatures meeting the signing policy, re-derived verdicts) and the cycle moved into
     * {@code VALIDATED} under the rulebook. Not a SLSA track level: SLSA reserves the {@code SLSA_} prefix.
     */
    static final String LEVEL = "PLANNING_HANDOFF_VALIDATED";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Summaries() {
    }

    /** {@code evidence/{cycle}/test-result.intoto.json}. */
    static String testResultPath(WorkspaceLayout layout, CycleRef cycle) {
        return layout.evidenceDir(cycle) + "/test-result.intoto.json";
    }

    /** {@code evidence/{cycle}/verification-summary.intoto.json}. */
    static String verificationSummaryPath(WorkspaceLayout layout, CycleRef cycle) {
        return layout.evidenceDir(cycle) + "/verification-summary.intoto.json";
    }

    /** The SHA-256 of the manifest as sealed: its canonical rendering without signatures. */
    static String sealedDigest(HandoffManifest manifest) {
        return Sha256.hex(ManifestWriter.render(SealEventCheck.unsigned(manifest)));
    }

    /**
     * The VSA's {@code policy.uri}: the rulebook directory, workspace-relative, when it lies in the
     * workspace (e.g. {@code rulebook}); otherwise {@code urn:planning:rulebook:sha256:<hash>}, so that
     * no machine's absolute path ends up in a signed statement. {@code verify} does not compare it:
     * the policy is identified by its digest, the rulebook hash.
     */
    static String policyUri(Path workspace, Rulebook rulebook) {
        Path base = workspace.toAbsolutePath().normalize();
        Path directory = rulebook.directory().toAbsolutePath().normalize();
        if (directory.startsWith(base) && !directory.equals(base)) {
            return SafePaths.relativize(base, directory);
        }
        return "urn:planning:rulebook:sha256:" + rulebook.hash();
    }

    /** The statement's subjects: the manifest as sealed, then each sealed artifact. */
    static ArrayNode subjects(HandoffManifest manifest, String manifestPath) {
        ArrayNode subjects = NODES.arrayNode();
        subjects.add(descriptor(manifestPath, sealedDigest(manifest)));
        for (ArtifactChecksum artifact : manifest.artifacts()) {
            subjects.add(descriptor(artifact.path(), artifact.sha256()));
        }
        return subjects;
    }

    /** The Test Result statement. */
    static ObjectNode testResult(HandoffManifest manifest, String manifestPath, TestResults results,
            Optional<URI> url) {
        ObjectNode statement = statement(manifest, manifestPath, TEST_RESULT_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        predicate.put("result", results.result());
        ArrayNode configuration = predicate.putArray("configuration");
        for (TestResults.Report report : results.reports()) {
            configuration.add(descriptor(report.path(), report.sha256()).put("mediaType", "application/xml"));
        }
        url.ifPresent(u -> predicate.put("url", u.toString()));
        names(predicate.putArray("passedTests"), results.passed());
        names(predicate.putArray("warnedTests"), results.warned());
        names(predicate.putArray("failedTests"), results.failed());
        return statement;
    }

    /**
     * The Verification Summary statement.
     *
     * @param policyUri          the policy's {@code uri} ({@link #policyUri})
     * @param testResultPath     the Test Result envelope, an input attestation
     * @param testResultSha256   the SHA-256 of that envelope file
     * @param timeVerified       when the manifest was verified (by the writer's clock)
     */
    static ObjectNode verificationSummary(HandoffManifest manifest, String manifestPath, String policyUri,
            String testResultPath, String testResultSha256, Instant timeVerified) {
        ObjectNode statement = statement(manifest, manifestPath, VSA_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        predicate.putObject("verifier").put("id", VERIFIER_ID);
        predicate.put("timeVerified", ManifestWriter.time(timeVerified));
        predicate.put("resourceUri", manifestPath);
        ObjectNode policy = predicate.putObject("policy");
        policy.put("uri", policyUri);
        policy.putObject("digest").put("sha256", manifest.rulebookHash());
        ArrayNode inputs = predicate.putArray("inputAttestations");
        inputs.add(descriptor(manifestPath, sealedDigest(manifest)).put("name", "handoff manifest"));
        List<ManifestSignature> signatures = manifest.signatures();
        for (int i = 0; i < signatures.size(); i++) {
            ManifestSignature signature = signatures.get(i);
            ObjectNode input = NODES.objectNode();
            input.put("uri", manifestPath + "#signatures/" + i);
            input.putObject("digest").put("sha256", signatureDigest(signature));
            input.put("name", "signature " + signature.role() + " " + signature.keyId());
            inputs.add(input);
        }
        inputs.add(descriptor(testResultPath, testResultSha256).put("name", "test result")
                .put("mediaType", Attestations.PAYLOAD_TYPE));
        predicate.put("verificationResult", "PASSED");
        predicate.putArray("verifiedLevels").add(LEVEL);
        predicate.put("slsaVersion", "1.0");
        return statement;
    }

    /** The SHA-256 of a signature's raw bytes (its base64 {@code value} decoded). */
    static String signatureDigest(ManifestSignature signature) {
        try {
            return Sha256.hex(Base64.getDecoder().decode(signature.value()));
        } catch (IllegalArgumentException e) {
            // An undecodable value is a discrepancy of the manifest; its text stands in for the bytes.
            return Sha256.hex(signature.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static ObjectNode statement(HandoffManifest manifest, String manifestPath, String predicateType) {
        ObjectNode statement = NODES.objectNode();
        statement.put("_type", Attestations.STATEMENT_TYPE);
        statement.set("subject", subjects(manifest, manifestPath));
        statement.put("predicateType", predicateType);
        return statement;
    }

    private static ObjectNode descriptor(String name, String sha256) {
        ObjectNode descriptor = NODES.objectNode();
        descriptor.put("name", name);
        descriptor.putObject("digest").put("sha256", sha256);
        return descriptor;
    }

    private static void names(ArrayNode into, List<String> names) {
        names.forEach(into::add);
    }
}
