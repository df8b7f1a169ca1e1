package dev.planning.engine.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.TaskRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a cross-stream dependency counts as fulfilled for dependency_fulfillment_rate. */
class PlanInputsTest {

    private static Contract contract(Contract.Status status) {
        return new Contract("psp", "PSP-7", status, "payments-provider", Optional.empty(),
                SourceLocation.ofFile("frameworks/planning-fe/contracts/2025-09-02-contracts.yaml"));
    }

    @Test
    void aDependencyCoveredByAnAgreedOrDeliveredContractIsFulfilled() {
        TaskRef dependency = TaskRef.parse("psp:PSP-7");

        assertThat(PlanInputs.fulfilled(dependency, Map.of(), List.of(contract(Contract.Status.AGREED)))).isTrue();
        assertThat(PlanInputs.fulfilled(dependency, Map.of(), List.of(contract(Contract.Status.DELIVERED)))).isTrue();
        assertThat(PlanInputs.fulfilled(dependency, Map.of(), List.of(contract(Contract.Status.STUB)))).isFalse();
        assertThat(PlanInputs.fulfilled(dependency, Map.of(), List.of())).isFalse();
        assertThat(PlanInputs.fulfilled(TaskRef.parse("psp:PSP-8"), Map.of(),
                List.of(contract(Contract.Status.AGREED)))).isFalse();
    }
}
