/**
 * The rules module: the Drools governance engine ({@code internal.drools}), the {@code governance}
 * gate ({@code internal.gate}), the facts DRL policies match ({@code facts}) and the rule test kit
 * ({@code testkit}).
 *
 * <p>The module depends on {@code planning-api} and Drools. The governance gate, the policy engine
 * and the facts use nothing of {@code planning-engine}: a gate sees the workspace only through its
 * context. Three packages use engine internals, for reasons of their own, and no other may (a test
 * checks both):
 * <ul>
 *   <li>{@code testkit} reads rule-test cases with the engine's YAML and plan readers, so that a
 *       case's plan parses, and fails, exactly as the same plan in a workspace;</li>
 *   <li>{@code impact} ({@code rules diff}, public) scans a whole workspace and runs the gate in
 *       the engine's gate contexts under two rulebooks: it is a workspace tool, not a gate;</li>
 *   <li>{@code internal.defaults} writes the default rulebook with the engine's atomic file
 *       writes, so that {@code planning init} never leaves half a rulebook.</li>
 * </ul>
 *
 * @since 0.1
 */
package dev.planning.rules;
