package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealingException;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack21: an embedder's workspace built with no trust file and no keys, over a handoff the team sealed
 * and signed in full. Nothing that needs a trusted key passes or says "verified": each such operation
 * refuses or reports the signatures unverified.
 */
class ApiWithoutKeysTest {

    @TempDir
    Path dir;

    private Path signedInFull() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace keyed = SealFixture.open(workspace);
        keyed.seal(CYCLE, SealOptions.defaults());
        keyed.sign(CYCLE, PM);
        keyed.sign(CYCLE, TECH_LEAD);
        keyed.sign(CYCLE, QA);
        return workspace;
    }

    private static PlanningWorkspace withoutKeys(Path workspace) {
        return Planning.builder().workspace(workspace).gate(SealFixture.governance(GateStatus.PASS))
                .clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).triggeredBy("embedder").build();
    }

    @Test
    void aWorkspaceWithoutKeysVerifiesNoSignatureAndMovesNothingPastTheSeal() {
        PlanningWorkspace bare = withoutKeys(signedInFull());

        assertThat(bare.trustedKeys()).isEmpty();
        assertThat(bare.verify(CYCLE, TrustedKeys.none()).discrepancies(DiscrepancyKind.THRESHOLD_NOT_MET)).isNotEmpty();
        assertThat(bare.queries(TrustedKeys.none()).pendingSignatures(Set.of("PM"))).singleElement()
                .satisfies(p -> assertThat(p.signedRoles()).isEmpty());
        assertThatThrownBy(() -> bare.sign(CYCLE, PM)).isInstanceOf(SealingException.class)
                .hasMessageContaining("is not listed for role PM");
        assertThatThrownBy(() -> bare.dryRun(CYCLE, CycleState.EXECUTED)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("none are in hand");
        assertThatThrownBy(() -> bare.advance(CYCLE, CycleState.EXECUTED)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("none are in hand");
        assertThat(bare.status(CYCLE).state()).isEqualTo(CycleState.PACKAGED);
    }

    @Test
    void aHistoryPastTheSealIsNeverShownAsCheckedWithoutKeys() {
        Path workspace = signedInFull();
        assertThat(SealFixture.open(workspace).advance(CYCLE, CycleState.EXECUTED).accepted()).isTrue();
        PlanningWorkspace bare = withoutKeys(workspace);

        assertThatThrownBy(() -> bare.checkHistory(bare.status(CYCLE))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("none are in hand");
    }
}
