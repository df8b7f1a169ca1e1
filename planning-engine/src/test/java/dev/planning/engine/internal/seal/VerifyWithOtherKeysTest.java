package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.Gates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify(cycle, keys)} judges with one set of keys: the verdicts it re-derives are reached by
 * gates that read {@code keys} ({@link GateContext#trustedKeys()}), not the keys the workspace was
 * built with (attack21: the mixed-trust pattern report20 refused in the HTML report).
 */
class VerifyWithOtherKeysTest {

    @TempDir
    Path dir;

    /** A governance stand-in whose verdict depends on the keys it is given: passes only when PM's key is trusted. */
    private static final Gate TRUSTS_PM = Gates.of("governance", context -> {
        boolean pm = context.trustedKeys().keys().stream().anyMatch(k -> k.keyId().equals(PM.keyId()));
        return new GateResult("governance", pm ? GateStatus.PASS : GateStatus.FAIL, List.of(),
                Map.of("critical_violations", 0));
    });

    private static PlanningWorkspace open(Path workspace, TrustedKeys keys) {
        return Planning.builder().workspace(workspace).gate(TRUSTS_PM).trustedKeys(keys)
                .clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).triggeredBy("tester").build();
    }

    private Path sealedAndSigned() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = open(workspace, TRUST);
        assertThat(ws.seal(CYCLE, SealOptions.defaults()).sealed()).isTrue();
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        return workspace;
    }

    @Test
    void verifiedWithKeysTheWorkspaceWasNotGivenTheVerdictsAreReDerivedWithThoseKeys() {
        Path workspace = sealedAndSigned();

        VerificationReport report = open(workspace, TrustedKeys.none()).verify(CYCLE, TRUST);

        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.countedSignatures()).extracting(s -> s.role()).containsExactly("PM", "TechLead", "QA");
    }

    @Test
    void verifiedWithNoKeysByAWorkspaceThatHasThemNoVerdictIsReDerivedWithTheWorkspacesKeys() {
        Path workspace = sealedAndSigned();

        VerificationReport report = open(workspace, TRUST).verify(CYCLE, TrustedKeys.none());

        assertThat(report.discrepancies(DiscrepancyKind.VERDICT_CHANGED)).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("governance: sealed PASS, now FAIL"));
    }
}
