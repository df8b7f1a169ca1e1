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
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.CycleQueries.UnmetRequirement;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.signing.PemSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pending-signatures query of a signing policy judges each requirement as {@code verify} does
 * (distinct keys that count, {@code min} of its roles), through the queries over the workspace's
 * files with real signatures: a cycle is pending exactly when its signatures do not meet the policy.
 */
class PendingSignaturesOfAPolicyTest {

    @TempDir
    Path dir;

    @Test
    void twoOfPmSignedByOnePmKeyIsPendingForOneMoreSigner() {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        SealFixture.open(workspace, TRUST).sign(CYCLE, PM);
        SigningRequirement twoPms = new SigningRequirement(List.of("PM"), 2);

        List<CycleQueries.PendingSignatures> pending = queries(workspace, TRUST)
                .pendingSignatures(new SigningPolicy(List.of(twoPms)));

        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.cycle()).isEqualTo(CYCLE);
            assertThat(p.signedRoles()).containsExactly("PM");
            assertThat(p.missingRoles()).containsExactly("PM");
            assertThat(p.unmetRequirements()).containsExactly(new UnmetRequirement(twoPms, 1));
            assertThat(p.unmetRequirements().get(0).missing()).isEqualTo(1);
        });
    }

    @Test
    void oneOfTechLeadOrQaSignedByTheTechLeadAloneIsNotPending() {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        SealFixture.open(workspace, TRUST).sign(CYCLE, TECH_LEAD);
        CycleQueries queries = queries(workspace, TRUST);

        assertThat(queries.pendingSignatures(new SigningPolicy(List.of(
                new SigningRequirement(List.of("TechLead", "QA"), 1))))).as("the policy is met").isEmpty();
        assertThat(queries.pendingSignatures(Set.of("TechLead", "QA"))).as("asked by roles, QA has not signed")
                .singleElement().satisfies(p -> {
                    assertThat(p.missingRoles()).containsExactly("QA");
                    assertThat(p.unmetRequirements())
                            .containsExactly(new UnmetRequirement(new SigningRequirement(List.of("QA"), 1), 0));
                });
    }

    @Test
    void aKeyTrustedForTwoRolesThatSignedAsBothIsOneSignerOfARequirementNamingBoth() {
        List<TrustedKey> keys = new ArrayList<>(TRUST.keys());
        keys.removeIf(k -> k.role().equals("QA"));
        keys.add(new TrustedKey("QA", TECH_LEAD.keyId(), SignatureAlgorithm.ECDSA_P256_SHA256, TECH_LEAD.publicKey()));
        TrustedKeys trust = new TrustedKeys(keys, "one key for TechLead and QA");
        Path workspace = SealFixture.sealedExample(dir, trust);
        PlanningWorkspace ws = SealFixture.open(workspace, trust);
        ws.sign(CYCLE, TECH_LEAD);
        HandoffManifest twice = ManifestSignatures.append(ws.manifest(CYCLE).orElseThrow(),
                new PemSigner("QA", SealFixture.TECH_LEAD_KEYS), SealFixture.NOW);
        SealFixture.write(workspace, MANIFEST, new String(ManifestWriter.render(twice), StandardCharsets.UTF_8));
        SigningRequirement both = new SigningRequirement(List.of("TechLead", "QA"), 2);

        assertThat(queries(workspace, trust).pendingSignatures(new SigningPolicy(List.of(both))))
                .singleElement().satisfies(p -> assertThat(p.unmetRequirements())
                        .containsExactly(new UnmetRequirement(both, 1)));
    }


    private static CycleQueries queries(Path workspace, TrustedKeys trust) {
        return Planning.cycleQueries(workspace, WorkspaceLayout.DEFAULT, trust);
    }
}
