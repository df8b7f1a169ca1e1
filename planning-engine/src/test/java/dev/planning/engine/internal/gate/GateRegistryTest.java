package dev.planning.engine.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.gate.Gate;
import dev.planning.engine.fixtures.Gates;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateRegistryTest {

    @Test
    void findsTheBuiltInSchemaLintGateThroughTheServiceLoader() {
        GateRegistry registry = GateRegistry.discovered();

        assertThat(registry.get("schema_lint")).isInstanceOf(SchemaLintGate.class);
        assertThat(registry.names()).contains("schema_lint");
    }

    @Test
    void explicitGatesOverrideDiscoveredOnesOfTheSameName() {
        Gate custom = Gates.passing("schema_lint");

        GateRegistry registry = GateRegistry.withServiceLoader(List.of(custom, Gates.passing("owners")),
                getClass().getClassLoader());

        assertThat(registry.get("schema_lint")).isSameAs(custom);
        assertThat(registry.names()).contains("owners", "schema_lint").doesNotHaveDuplicates();
    }

    @Test
    void anUnknownNameListsTheAvailableGates() {
        GateRegistry registry = GateRegistry.of(List.of(Gates.passing("b_gate"), Gates.passing("a_gate")));

        assertThatThrownBy(() -> registry.get("parity"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown gate 'parity'; available gates: a_gate, b_gate");
        assertThat(registry.find("parity")).isEmpty();
    }

    @Test
    void refusesTwoGatesWithOneNameAndInvalidNames() {
        assertThatThrownBy(() -> GateRegistry.of(List.of(Gates.passing("x"), Gates.passing("x"))))
                .hasMessageContaining("two gates are named 'x'");
        assertThatThrownBy(() -> GateRegistry.of(List.of(Gates.passing("Bad Name"))))
                .hasMessageContaining("invalid name 'Bad Name'");
    }
}
