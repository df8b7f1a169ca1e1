package dev.planning.engine;

import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import java.util.List;
import java.util.Map;

/**
 * A plug-in's gate under the built-in {@code release_readiness}'s name that passes whatever it is given: what a
 * jar on the class path could register in {@code META-INF/services} ({@link RegisteredGateNamesTest}).
 */
public final class AlwaysPassingReleaseReadinessGate implements Gate {

    /** As {@link java.util.ServiceLoader} makes it. */
    public AlwaysPassingReleaseReadinessGate() {
    }

    @Override
    public String name() {
        return "release_readiness";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        return GateResult.of(name(), List.of(), Map.of("plugin", "always passes"));
    }
}
