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
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.Planning;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read-only workspace loads its rulebook on first use, and the history check of a cycle past
 * {@code PACKAGED} is such a use: it never answers without the rulebook loaded and validated.
 */
class ReadOnlyHistoryTest {

    @TempDir
    Path dir;

    private Path workspace;

    @BeforeEach
    void executed() {
        workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        assertThat(ws.seal(CYCLE, SealOptions.defaults()).sealed()).isTrue();
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        assertThat(ws.advance(CYCLE, CycleState.EXECUTED).accepted()).isTrue();
    }

    @Test
    void theHistoryOfACyclePastPackagedIsCheckedUnderTheLoadedRulebook() {
        PlanningWorkspace readOnly = Planning.builder().workspace(workspace)
                .gate(SealFixture.governance(GateStatus.PASS)).trustedKeys(TRUST).readOnly().build();

        assertThat(readOnly.checkHistory(readOnly.status(CYCLE))).isEmpty();
    }

    @Test
    void aRulebookThatDoesNotValidateRefusesTheHistoryCheckOfACyclePastPackaged() {
        // The example's profiles name the governance gate, which the engine alone does not provide:
        // the rulebook is the sealed one, but it does not validate here.
        PlanningWorkspace readOnly = Planning.builder().workspace(workspace).trustedKeys(TRUST).readOnly().build();

        assertThat(readOnly.status(CYCLE).state()).isEqualTo(CycleState.EXECUTED);
        assertThatThrownBy(() -> readOnly.checkHistory(readOnly.status(CYCLE)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'governance'");
    }

    @Test
    void withoutTrustedKeysTheHistoryCheckOfACyclePastPackagedIsStillRefused() {
        PlanningWorkspace readOnly = Planning.builder().workspace(workspace)
                .gate(SealFixture.governance(GateStatus.PASS)).readOnly().build();

        assertThatThrownBy(() -> readOnly.checkHistory(readOnly.status(CYCLE)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--trust");
    }

    @Test
    void aChangedRulebookLeavesTheHistoryPastPackagedUnbacked() {
        SealFixture.write(workspace, "rulebook/rulebook.yaml", SealFixture.read(workspace, "rulebook/rulebook.yaml")
                .replace("version: \"1.0.0\"", "version: \"1.0.1\""));
        PlanningWorkspace readOnly = Planning.builder().workspace(workspace)
                .gate(SealFixture.governance(GateStatus.PASS)).trustedKeys(TRUST).readOnly().build();

        assertThat(readOnly.checkHistory(readOnly.status(CYCLE))).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.UNSIGNED_HISTORY))
                .satisfies(d -> assertThat(d.message()).contains("not the one that judged the handoff"));
    }

    @Test
    void aStaleOrHandBuiltStatusStillHasTheHistoryInTheLogChecked() {
        SealFixture.write(workspace, "rulebook/rulebook.yaml", SealFixture.read(workspace, "rulebook/rulebook.yaml")
                .replace("version: \"1.0.0\"", "version: \"1.0.1\""));
        CycleStatus early = new CycleStatus(CYCLE, CycleState.PLANNED, List.of());
        PlanningWorkspace readOnly = Planning.builder().workspace(workspace)
                .gate(SealFixture.governance(GateStatus.PASS)).trustedKeys(TRUST).readOnly().build();
        PlanningWorkspace writable = Planning.builder().workspace(workspace)
                .gate(SealFixture.governance(GateStatus.PASS)).trustedKeys(TRUST).build();

        for (PlanningWorkspace ws : List.of(readOnly, writable)) {
            assertThat(ws.checkHistory(early)).singleElement()
                    .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.UNSIGNED_HISTORY))
                    .satisfies(d -> assertThat(d.file()).matches(".*\\.events\\.jsonl:[0-9]+"));
        }
    }
}
