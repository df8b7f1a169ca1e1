package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.rulebook.Rulebook;
import org.apiguardian.api.API;

/**
 * Builds governance engines from rulebooks. Registered with
 * {@code META-INF/services/dev.planning.api.governance.GovernanceEngineFactory}, the
 * {@code governance} gate uses the first one its class loader finds (which one is first depends on
 * the class path's order when there are several; {@code planning-rules} registers Drools'); to
 * choose one explicitly, pass the gate it makes to the workspace builder:
 * {@code Planning.builder().gate(GovernanceGates.withEngine(factory))} ({@code dev.planning.rules}).
 * Test an engine as the gate uses it with the {@code planning-testkit}'s {@code GateContextFixture}.
 *
 * <p>Building may be expensive (compiling rules); implementations should reuse what they built
 * for a rulebook with the same {@link Rulebook#hash()}.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface GovernanceEngineFactory {

    /**
     * Builds an engine for a rulebook.
     *
     * @param rulebook the rulebook whose policies the engine runs
     * @return an engine for the rulebook
     * @throws dev.planning.api.InvalidInputException when the rulebook's rules do not compile,
     *         naming the file and line
     */
    GovernanceEngine create(Rulebook rulebook);
}
