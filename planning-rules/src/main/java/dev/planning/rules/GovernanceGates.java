package dev.planning.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.gate.Gate;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.rules.internal.gate.GovernanceGate;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The {@code governance} gate with a governance engine of one's own, for an application that
 * judges plans with something other than the rulebook's DRL (a policy service, plain Java) and
 * wants to pass it explicitly rather than rely on {@code META-INF/services} order:
 *
 * <pre>{@code
 * PlanningWorkspace workspace = Planning.builder()
 *         .workspace(dir)
 *         .gate(GovernanceGates.withEngine(new MyEngineFactory()))   // replaces the registered governance gate
 *         .build();
 * }</pre>
 *
 * <p>The gate is the same as the registered one (waivers from the decision log, Critical=0, the
 * taxonomy checked before any policy, evidence as the decision record); only the engine differs.
 * {@code build()} still compiles the rulebook's DRL files, if it has any, with the first
 * registered factory (Drools when {@code planning-rules} is on the class path), so a rulebook
 * whose rules do not compile is refused either way.
 *
 * <p>The engine's decision must name the hash of the rulebook its factory was given
 * ({@code GovernanceDecision.rulebookHash}, as {@code Rulebook.hash()}): a decision about another
 * rulebook (a factory that kept an engine built for an earlier one), or no decision, fails the gate,
 * as a factory or an engine that throws does.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GovernanceGates {

    private GovernanceGates() {
    }

    /**
     * The {@code governance} gate, judging with engines built by {@code factory} for the context's
     * rulebook.
     *
     * @param factory builds the engine for a rulebook; never {@code null}
     * @return a gate named {@code governance}, stateless and thread-safe when the factory's engines are
     */
    public static Gate withEngine(GovernanceEngineFactory factory) {
        return new GovernanceGate(Objects.requireNonNull(factory, "factory"));
    }
}
