package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.CycleQueries.UnmetRequirement;
import dev.planning.engine.Planning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pending signatures of the workspace ({@link CycleQueries#pendingSignatures()}) are judged against
 * what {@code verify} applies: the rulebook's signing policy and the trust file's, with real signatures.
 * A handoff {@code verify} refuses for a missing signature is pending; one it accepts is not. The
 * queries of a workspace by path know its rulebook: a role it does not name is refused.
 */
class PendingSignaturesOfTheWorkspaceTest {

    private static final SigningRequirement TWO_PMS = new SigningRequirement(List.of("PM"), 2);

    /** The example's keys, whose trust file asks two PM signers on top of the rulebook's policy. */
    private static final TrustedKeys TWO_PMS_TRUSTED = new TrustedKeys(TRUST.keys(), "trust file asking two PMs",
            new SigningPolicy(List.of(TWO_PMS)));

    @TempDir
    Path dir;

    @Test
    void aHandoffTheTrustFilesPolicyLeavesShortIsPendingThoughTheRulebooksPolicyIsMet() {
        Path workspace = SealFixture.sealedExample(dir, TWO_PMS_TRUSTED);
        PlanningWorkspace ws = SealFixture.open(workspace, TWO_PMS_TRUSTED);
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);

        VerificationReport report = ws.verify(CYCLE, TWO_PMS_TRUSTED);
        assertThat(report.discrepancies()).as("verify refuses it for the trust file's policy").singleElement()
                .satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(DiscrepancyKind.THRESHOLD_NOT_MET);
                    assertThat(d.message()).contains("trust file's signing policy");
                });

        for (CycleQueries queries : List.of(Planning.cycleQueries(workspace, WorkspaceLayout.DEFAULT, TWO_PMS_TRUSTED),
                ws.queries(TWO_PMS_TRUSTED))) {
            assertThat(queries.pendingSignatures(ws.rulebook().signing())).as("the rulebook's policy alone is met")
                    .isEmpty();
            assertThat(queries.pendingSignatures()).singleElement().satisfies(p -> {
                assertThat(p.cycle()).isEqualTo(CYCLE);
                assertThat(p.signedRoles()).containsExactly("PM", "QA", "TechLead");
                assertThat(p.missingRoles()).containsExactly("PM");
                assertThat(p.unmetRequirements()).containsExactly(new UnmetRequirement(TWO_PMS, 1));
            });
        }
    }

    @Test
    void aHandoffVerifyRefusesForTheRulebooksPolicyIsPendingAndOneItAcceptsIsNot() {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        PlanningWorkspace ws = SealFixture.open(workspace, TRUST);
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        CycleQueries queries = Planning.cycleQueries(workspace, WorkspaceLayout.DEFAULT, TRUST);

        assertThat(ws.verify(CYCLE, TRUST).discrepancies()).extracting(d -> d.kind())
                .containsExactly(DiscrepancyKind.THRESHOLD_NOT_MET);
        assertThat(queries.pendingSignatures()).singleElement().satisfies(p -> assertThat(p.unmetRequirements())
                .containsExactly(new UnmetRequirement(new SigningRequirement(List.of("QA"), 1), 0)));

        ws.sign(CYCLE, QA);
        assertThat(ws.verify(CYCLE, TRUST).passed()).isTrue();
        assertThat(queries.pendingSignatures()).isEmpty();
    }

    @Test
    void withoutATrustFileNothingVerifiesSoEveryRequirementOfTheRulebookIsUnmet() {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        SealFixture.open(workspace, TRUST).sign(CYCLE, PM);

        assertThat(Planning.cycleQueries(workspace).pendingSignatures()).singleElement()
                .satisfies(p -> assertThat(p.unmetRequirements()).extracting(UnmetRequirement::signers)
                        .containsExactly(0, 0, 0));
    }

    @Test
    void theQueriesOfAWorkspaceByPathRefuseARoleItsRulebookDoesNotName() {
        Path workspace = SealFixture.sealedExample(dir, TRUST);

        for (CycleQueries queries : List.of(Planning.cycleQueries(workspace),
                Planning.cycleQueries(workspace, WorkspaceLayout.DEFAULT, TRUST))) {
            assertThatThrownBy(() -> queries.pendingSignatures(Set.of("Qa")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown role 'Qa'")
                    .hasMessageContaining("names PM, QA, TechLead");
            assertThat(queries.pendingSignatures(Set.of("QA"))).hasSize(1);
        }
    }

    /**
     * verify's floor with real signatures: a rulebook whose signing policy requires nothing and a trust file
     * without one; verify still refuses a handoff no trusted key signed, and so it is pending.
     */
    @Test
    void withNeitherPolicyRequiringASignatureAnUnsignedHandoffIsPendingForOneTrustedSigner() throws Exception {
        Path workspace = SealFixture.copyExample(dir);
        Path settings = workspace.resolve("rulebook/rulebook.yaml");
        String yaml = Files.readString(settings, StandardCharsets.UTF_8);
        String required = yaml.substring(yaml.indexOf("signing:\n"), yaml.indexOf("default_profile:"));
        Files.writeString(settings, yaml.replace(required, "signing:\n  required: []\n"), StandardCharsets.UTF_8);
        SealFixture.commitAll(workspace, "no signing policy");
        PlanningWorkspace ws = SealFixture.open(workspace, TRUST);
        assertThat(ws.rulebook().signing().required()).isEmpty();
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        ws.seal(CYCLE, SealOptions.defaults());
        CycleQueries queries = ws.queries(TRUST);

        assertThat(ws.verify(CYCLE, TRUST).discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.THRESHOLD_NOT_MET);
            assertThat(d.expected()).contains("at least one signature by a trusted key");
        });
        assertThat(queries.pendingSignatures(ws.rulebook().signing())).as("the rulebook's policy alone").isEmpty();
        assertThat(queries.pendingSignatures()).singleElement().satisfies(p -> assertThat(p.unmetRequirements())
                .containsExactly(new UnmetRequirement(new SigningRequirement(List.of("PM", "QA", "TechLead"), 1), 0)));

        ws.sign(CYCLE, QA);
        assertThat(ws.verify(CYCLE, TRUST).passed()).isTrue();
        assertThat(queries.pendingSignatures()).isEmpty();
    }

    @Test
    void theEffectivePolicyIsBothPoliciesOrOneTrustedSignatureOfAnyRoleWhenNeitherRequiresOne() {
        SigningRequirement pm = new SigningRequirement(List.of("PM"), 1);
        TrustedKeys alsoPm = new TrustedKeys(TRUST.keys(), "t", new SigningPolicy(List.of(pm, TWO_PMS)));

        assertThat(SigningThreshold.effective(new SigningPolicy(List.of(pm)), alsoPm).required())
                .as("both policies, each requirement once").containsExactly(pm, TWO_PMS);
        // verify's floor: no handoff verifies without one signature by a trusted key, whatever the policies ask.
        assertThat(SigningThreshold.effective(SigningPolicy.NONE, TRUST).required())
                .containsExactly(new SigningRequirement(List.of("PM", "QA", "TechLead"), 1));
        assertThatThrownBy(() -> SigningThreshold.effective(SigningPolicy.NONE, TrustedKeys.none()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no key is trusted");
    }
}
