package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.event.EventType;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.signing.PemSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §8: a signature counts once per distinct public key, for every reader. The keeper's trust
 * file may list one key under two roles (one person who is TechLead and QA); its holder signs as
 * TechLead with {@code sign}, then writes a second signature as QA by hand ({@code sign} refuses it).
 * {@code verify} counts the key once; the cross-cycle query "which roles signed" must say the same,
 * or a cycle that fails {@code verify} with {@code THRESHOLD_NOT_MET} is listed as signed by every role.
 */
class SignerIdentityAttackTest {

    @TempDir
    Path dir;

    @Test
    void aKeyTrustedForTwoRolesThatSignedAsBothCountsForOneRoleInTheSignedRolesQuery() {
        Path workspace = SealFixture.readyExample(dir);
        List<TrustedKey> keys = new ArrayList<>(TRUST.keys());
        keys.removeIf(k -> k.role().equals("QA"));
        keys.add(new TrustedKey("QA", TECH_LEAD.keyId(), SignatureAlgorithm.ECDSA_P256_SHA256, TECH_LEAD.publicKey()));
        TrustedKeys trust = new TrustedKeys(keys, "one key for TechLead and QA");
        PlanningWorkspace ws = Planning.builder().workspace(workspace).gate(SealFixture.governance(GateStatus.PASS))
                .trustedKeys(trust).clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).triggeredBy("tester").build();
        ws.seal(CYCLE, SealOptions.defaults());
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        PemSigner asQa = new PemSigner("QA", SealFixture.TECH_LEAD_KEYS);
        HandoffManifest twice = ManifestSignatures.append(ws.manifest(CYCLE).orElseThrow(), asQa, SealFixture.NOW);
        SealFixture.write(workspace, MANIFEST, new String(ManifestWriter.render(twice), StandardCharsets.UTF_8));

        VerificationReport report = ws.verify(CYCLE, trust);
        Map<String, String> sealed = ws.status(CYCLE).history().stream()
                .filter(e -> e.event().type() == EventType.MANIFEST_SEALED).reduce((a, b) -> b).orElseThrow()
                .event().details();
        Set<String> signed = new SignedRoles(workspace, WorkspaceLayout.DEFAULT, trust).verified(CYCLE, sealed);
        List<CycleQueries.PendingSignatures> pending = Planning.cycleQueries(workspace, WorkspaceLayout.DEFAULT, trust)
                .pendingSignatures(Set.of("PM", "TechLead", "QA"));

        assertThat(report.passed()).isFalse();
        assertThat(report.countedSignatures()).extracting(s -> s.role()).containsExactly("PM", "TechLead");
        assertThat(signed).containsExactly("PM", "TechLead");
        assertThat(pending).singleElement().satisfies(p -> assertThat(p.missingRoles()).containsExactly("QA"));
    }
}
