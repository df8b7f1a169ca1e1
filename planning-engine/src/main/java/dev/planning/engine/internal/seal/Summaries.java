package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.workspace.SafePaths;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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

    /** The mapper summaries are built with, made when one is first built (naming their paths needs none). */
    private static final class Tree {
        static final ObjectMapper MAPPER = JsonMappers.json();
    }

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
    static List<Descriptor> subjects(HandoffManifest manifest, String manifestPath) {
        List<Descriptor> subjects = new ArrayList<>();
        subjects.add(Descriptor.of(manifestPath, sealedDigest(manifest)));
        for (ArtifactChecksum artifact : manifest.artifacts()) {
            subjects.add(Descriptor.of(artifact.path(), artifact.sha256()));
        }
        return subjects;
    }

    /** The Test Result statement. */
    static ObjectNode testResult(HandoffManifest manifest, String manifestPath, TestResults results,
            Optional<URI> url) {
        List<Descriptor> configuration = results.reports().stream()
                .map(report -> new Descriptor(report.path(), new Digest(report.sha256()), "application/xml")).toList();
        return tree(new Statement(Attestations.STATEMENT_TYPE, subjects(manifest, manifestPath), TEST_RESULT_TYPE,
                new TestResultPredicate(results.result(), configuration, url.map(URI::toString), results.passed(),
                        results.warned(), results.failed())));
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
        List<Input> inputs = new ArrayList<>();
        inputs.add(Descriptor.of("handoff manifest", sealedDigest(manifest)));
        List<ManifestSignature> signatures = manifest.signatures();
        for (int i = 0; i < signatures.size(); i++) {
            ManifestSignature signature = signatures.get(i);
            inputs.add(new SignatureInput(manifestPath + "#signatures/" + i, new Digest(signatureDigest(signature)),
                    "signature " + signature.role() + " " + signature.keyId()));
        }
        inputs.add(new Descriptor("test result", new Digest(testResultSha256), Attestations.PAYLOAD_TYPE));
        return tree(new Statement(Attestations.STATEMENT_TYPE, subjects(manifest, manifestPath), VSA_TYPE,
                new SummaryPredicate(new Verifier(VERIFIER_ID), ManifestWriter.time(timeVerified), manifestPath,
                        new Policy(policyUri, new Digest(manifest.rulebookHash())), inputs, "PASSED", List.of(LEVEL),
                        "1.0")));
    }

    /** The SHA-256 of a signature's raw bytes (its base64 {@code value} decoded). */
    static String signatureDigest(ManifestSignature signature) {
        try {
            return Sha256.hex(Base64.getDecoder().decode(signature.value()));
        } catch (IllegalArgumentException e) {
            // An undecodable value is a discrepancy of the manifest; its text stands in for the bytes.
            return Sha256.hex(signature.value().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The statement as a tree: {@link SummaryCheck} compares trees, the envelope signs its canonical form. */
    private static ObjectNode tree(Statement statement) {
        return Tree.MAPPER.valueToTree(statement);
    }

    /** An in-toto Statement v1. */
    @JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
    record Statement(@JsonProperty("_type") String type, List<Descriptor> subject, String predicateType,
            Object predicate) {
    }

    /** The Test Result predicate; {@code url} only when the test run gave one. */
    @JsonPropertyOrder({"result", "configuration", "url", "passedTests", "warnedTests", "failedTests"})
    record TestResultPredicate(String result, List<Descriptor> configuration,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> url, List<String> passedTests,
            List<String> warnedTests, List<String> failedTests) {
    }

    /** The Verification Summary predicate. */
    @JsonPropertyOrder({"verifier", "timeVerified", "resourceUri", "policy", "inputAttestations",
        "verificationResult", "verifiedLevels", "slsaVersion"})
    record SummaryPredicate(Verifier verifier, String timeVerified, String resourceUri, Policy policy,
            List<Input> inputAttestations, String verificationResult, List<String> verifiedLevels,
            String slsaVersion) {
    }

    /** The verifier's identity. */
    record Verifier(String id) {
    }

    /** The policy verified against: where it was found, and its digest. */
    record Policy(String uri, Digest digest) {
    }

    /** A SHA-256 digest set. */
    record Digest(String sha256) {
    }

    /** An input attestation of the VSA: a resource descriptor, or a signature of the manifest. */
    sealed interface Input permits Descriptor, SignatureInput {
    }

    /** A resource descriptor by name; {@code mediaType} only when given. */
    @JsonPropertyOrder({"name", "digest", "mediaType"})
    record Descriptor(String name, Digest digest, @JsonInclude(JsonInclude.Include.NON_NULL) String mediaType)
            implements Input {
        static Descriptor of(String name, String sha256) {
            return new Descriptor(name, new Digest(sha256), null);
        }
    }

    /** A signature of the manifest, as a VSA input: the manifest's uri with the signature's index. */
    @JsonPropertyOrder({"uri", "digest", "name"})
    record SignatureInput(String uri, Digest digest, String name) implements Input {
    }

}
