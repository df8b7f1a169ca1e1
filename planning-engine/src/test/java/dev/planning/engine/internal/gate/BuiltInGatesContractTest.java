package dev.planning.engine.internal.gate;

import dev.planning.api.gate.Gate;
import dev.planning.engine.internal.gate.crossstream.CrossStreamConsistencyGate;
import dev.planning.engine.internal.gate.parity.ParityCoverageGate;
import dev.planning.engine.internal.seal.ReleaseReadinessGate;
import dev.planning.testkit.gate.GateContract;
import org.junit.jupiter.api.Nested;

/** The engine's built-in gates keep the promises the test kit's {@link GateContract} asks of every gate. */
class BuiltInGatesContractTest {

    @Nested
    class SchemaLint extends GateContract {
        @Override
        protected Gate newGate() {
            return new SchemaLintGate();
        }
    }

    @Nested
    class CrossStreamConsistency extends GateContract {
        @Override
        protected Gate newGate() {
            return new CrossStreamConsistencyGate();
        }
    }

    @Nested
    class ParityCoverage extends GateContract {
        @Override
        protected Gate newGate() {
            return new ParityCoverageGate();
        }
    }

    @Nested
    class ReleaseReadiness extends GateContract {
        @Override
        protected Gate newGate() {
            return new ReleaseReadinessGate();
        }
    }
}
