package dev.planning.rules.internal.gate;

import dev.planning.api.gate.Gate;
import dev.planning.testkit.gate.GateContract;

/**
 * The {@code governance} gate keeps the promises the test kit's {@link GateContract} asks of every
 * gate. It compiles the rulebook's DRL files from the rulebook's directory, and names a rule file
 * that does not compile relative to {@code GateContext.workspace()}: the fixture's rulebook has no
 * directory on disk, so every kit context takes that path, and the gate says it uses the workspace
 * directory (without the override, the contract's workspace test fails here).
 */
class GovernanceGateContractTest extends GateContract {

    @Override
    protected Gate newGate() {
        return new GovernanceGate();
    }

    @Override
    protected boolean handsTheWorkspaceToATool() {
        return true;
    }
}
