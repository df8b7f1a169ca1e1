package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attestation's {@code approvals} name only signatures that were verified against trusted keys;
 * without trusted keys it names none and says so, so a signature a contributor without a key added
 * to the manifest is never restated under a keyholder's envelope.
 */
class AttestApprovalsTest {

    @TempDir
    static Path dir;

    private static Path workspace;

    /** Sealed, signed by PM, then given a forged QA signature (PM's bytes under QA's key id). */
    @BeforeAll
    static void sealSignAndForge() throws Exception {
        workspace = SealFixture.committedExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        ws.seal(CYCLE, SealOptions.defaults());
        HandoffManifest signed = ws.sign(CYCLE, SealFixture.PM);
        ManifestSignature pm = signed.signatures().get(0);
        List<ManifestSignature> signatures = new ArrayList<>(signed.signatures());
        signatures.add(new ManifestSignature("QA", SealFixture.QA.keyId(), SealFixture.QA.algorithm().id(), pm.value(),
                pm.signedAt()));
        HandoffManifest m = signed;
        Files.write(workspace.resolve(MANIFEST), ManifestWriter.render(new HandoffManifest(m.version(), m.manifestId(),
                m.cycleId(), m.stream(), m.sealed(), m.createdAt(), m.createdBy(), m.sealedAt(), m.snapshotRev(),
                m.dirty(), m.rulebookHash(), m.eventLogHead(), m.artifacts(), m.gateResults(), m.governance(),
                m.priorManifestId(), m.notes(), signatures)));
        assertThat(new ManifestReader(workspace).read(workspace.resolve(MANIFEST), MANIFEST).manifest().signatures())
                .hasSize(2);
    }

    @Test
    void withoutTrustedKeysNoApprovalIsListedAndTheStatementSaysNoneWasVerified() throws Exception {
        PlanningWorkspace noTrust = Planning.builder().workspace(workspace).gate(SealFixture.governance(GateStatus.PASS))
                .clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).build();

        JsonNode predicate = predicate(noTrust.attest(CYCLE, List.of(SealFixture.TECH_LEAD)).envelope());

        assertThat(predicate.get("approvals")).as("approvals listed without a trusted key").isEmpty();
        assertThat(predicate.get("approvals_verified").asBoolean(true)).isFalse();
    }

    @Test
    void withTrustedKeysOnlyTheSignatureThatVerifiesIsListed() throws Exception {
        PlanningWorkspace trusted = SealFixture.open(workspace);

        JsonNode predicate = predicate(trusted.attest(CYCLE, List.of(SealFixture.TECH_LEAD)).envelope());

        assertThat(predicate.get("approvals")).as("approvals listed with trusted keys").hasSize(1);
        assertThat(predicate.get("approvals_verified").asBoolean(false)).isTrue();
        assertThat(predicate.get("approvals").get(0).get("role").asText()).isEqualTo("PM");
        assertThat(predicate.get("approvals").get(0).get("key_id").asText()).isEqualTo(SealFixture.PM.keyId());
    }

    private static JsonNode predicate(String envelope) throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] payload = Base64.getDecoder().decode(json.readTree(envelope).get("payload").asText());
        return json.readTree(payload).get("predicate");
    }
}
