package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.engine.fixtures.Golden;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.signing.CanonicalForm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the two verification summaries' statements: their field order as written and their
 * canonical bytes, which the DSSE envelopes sign and {@code verify} re-derives.
 */
class SummariesBytesTest {

    private static final Instant AT = Instant.parse("2025-09-02T10:00:00Z");

    private static HandoffManifest manifest(List<ManifestSignature> signatures, List<ArtifactChecksum> artifacts) {
        return new HandoffManifest("1.0.0", "m-2025-09-02-fe", "2025-09-02", "fe", true, AT, "alice ü",
                AT.plusSeconds(60), "0123456789abcdef0123456789abcdef01234567", false, "sha256:" + "ab".repeat(32),
                Optional.empty(), artifacts, Map.of(), new GovernanceSummary(List.of(), 0, List.of(), Optional.empty()),
                Optional.empty(), Optional.empty(), signatures);
    }

    private static void pin(Map<String, String> into, String name, JsonNode statement) throws Exception {
        into.put("summaries/" + name + ".json", JsonMappers.prettyJson().writeValueAsString(statement));
        into.put("summaries/" + name + "-canonical.json",
                new String(CanonicalForm.canonicalize(statement), StandardCharsets.UTF_8));
    }

    @Test
    void statementsWithEveryFieldKeepTheirBytes() throws Exception {
        HandoffManifest manifest = manifest(
                List.of(new ManifestSignature("lead", "k-1", "ed25519", "c2ln", AT.plusSeconds(120)),
                        new ManifestSignature("qa ü", "k-2", "ecdsa-p256-sha256", "not base64!", AT)),
                List.of(new ArtifactChecksum("plan/tasks.yaml", "ef".repeat(32), 12L),
                        new ArtifactChecksum("plan/story map ü.md", "01".repeat(32), 0L)));
        TestResults results = new TestResults(
                List.of(new TestResults.Report("outcomes/fe/2025-09-02/junit.xml", "cd".repeat(32)),
                        new TestResults.Report("outcomes/fe/2025-09-02/e2e \"x\".xml", "ce".repeat(32))),
                List.of("a.Test.passes", "b ü"), List.of("c.Test.warns"), List.of());
        Map<String, String> actual = new LinkedHashMap<>();
        pin(actual, "test-result-full", Summaries.testResult(manifest, "handoff/fe/2025-09-02/manifest.yaml", results,
                Optional.of(URI.create("https://ci.example/run/7?x=1"))));
        pin(actual, "verification-summary-full", Summaries.verificationSummary(manifest,
                "handoff/fe/2025-09-02/manifest.yaml", "rulebook", "evidence/fe/2025-09-02/test-result.intoto.json",
                "de".repeat(32), AT.plusMillis(1500)));
        Golden.assertMatches(actual);
    }

    @Test
    void statementsWithNothingOptionalKeepTheirBytes() throws Exception {
        HandoffManifest manifest = manifest(List.of(), List.of());
        TestResults results = new TestResults(List.of(), List.of(), List.of(), List.of());
        Map<String, String> actual = new LinkedHashMap<>();
        pin(actual, "test-result-empty", Summaries.testResult(manifest, "m.yaml", results, Optional.empty()));
        pin(actual, "verification-summary-empty", Summaries.verificationSummary(manifest, "m.yaml",
                "urn:planning:rulebook:sha256:x", "t.json", "", AT));
        Golden.assertMatches(actual);
    }
}
