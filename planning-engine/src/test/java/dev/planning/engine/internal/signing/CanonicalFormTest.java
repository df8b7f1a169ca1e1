package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    @Test
    void canonicalJsonSortsKeysAndWritesNoWhitespace() throws Exception {
        String json = "{\"b\": 2, \"a\": {\"z\": \"\\u20ac\\n\", \"y\": [true, null, 10]}, \"\\u00e9\": \"x\"}";

        byte[] canonical = CanonicalForm.canonicalize(new ObjectMapper().readTree(json));

        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":{\"y\":[true,null,10],\"z\":\"€\\n\"},\"b\":2,\"é\":\"x\"}");
    }

    @Test
    void theSigningInputBindsTheManifestWithoutSignaturesAndTheSignaturesOwnFields() {
        HandoffManifest manifest = new HandoffManifest("1.0", "fe-1", "2025-09-02", "fe", true,
                Instant.parse("2025-09-03T12:00:00Z"), "tester", Instant.parse("2025-09-03T12:00:00Z"), "none", true,
                "b".repeat(64), Optional.empty(), List.of(new ArtifactChecksum("t.yaml", "c".repeat(64), 3)), Map.of(),
                new GovernanceSummary(List.of(), 0, List.of(), Optional.empty()), Optional.empty(), Optional.empty(),
                List.of());

        String input = new String(CanonicalForm.signingInput(manifest, "QA", "k".repeat(64), "Ed25519",
                Instant.parse("2025-09-04T08:00:00Z")), StandardCharsets.UTF_8);

        assertThat(input).startsWith("{\"manifest\":{\"artifacts\":[{\"bytes\":3,\"path\":\"t.yaml\",")
                .endsWith(",\"signature\":{\"algorithm\":\"Ed25519\",\"key_id\":\"" + "k".repeat(64)
                        + "\",\"role\":\"QA\",\"signed_at\":\"2025-09-04T08:00:00Z\"}}")
                .doesNotContain("signatures");
    }
}
