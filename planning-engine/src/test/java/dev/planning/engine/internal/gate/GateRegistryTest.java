package dev.planning.engine.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateRegistryTest {

    private static Gate gate(String name) {
        return new Gate() {
            public String name() { return name; }
            public GateResult evaluate(GateContext context) { return GateResult.of(name, List.of(), Map.of()); }
        };
    }

    @Test
    void findsTheBuiltInSchemaLintGateThroughTheServiceLoader() {
        GateRegistry registry = GateRegistry.discovered();

        assertThat(registry.get("schema_lint")).isInstanceOf(SchemaLintGate.class);
        assertThat(registry.names()).contains("schema_lint");
    }

    @Test
    void explicitGatesOverrideDiscoveredOnesOfTheSameName() {
        Gate custom = gate("schema_lint");

        GateRegistry registry = GateRegistry.withServiceLoader(List.of(custom, gate("owners")),
                getClass().getClassLoader());

        assertThat(registry.get("schema_lint")).isSameAs(custom);
        assertThat(registry.names()).contains("owners", "schema_lint").doesNotHaveDuplicates();
    }

    @Test
    void anUnknownNameListsTheAvailableGates() {
        GateRegistry registry = GateRegistry.of(List.of(gate("b_gate"), gate("a_gate")));

        assertThatThrownBy(() -> registry.get("parity"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown gate 'parity'; available gates: a_gate, b_gate");
        assertThat(registry.find("parity")).isEmpty();
    }

    @Test
    void refusesTwoGatesWithOneNameAndInvalidNames() {
        assertThatThrownBy(() -> GateRegistry.of(List.of(gate("x"), gate("x"))))
                .hasMessageContaining("two gates are named 'x'");
        assertThatThrownBy(() -> GateRegistry.of(List.of(gate("Bad Name"))))
                .hasMessageContaining("invalid name 'Bad Name'");
    }
}
