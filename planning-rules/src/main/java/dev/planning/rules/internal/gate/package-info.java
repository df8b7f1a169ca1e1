/**
 * The {@code governance} gate: judges a cycle with the rulebook's DRL policies and fails the
 * transition unless Critical=0 holds (no unwaived critical violation). It sees the workspace only
 * through its {@link dev.planning.api.gate.GateContext} (plans, waivers, contracts, today's date by
 * the engine's clock, file paths by the configured layout) and depends on {@code planning-api} and
 * the Drools policy engine of this module, never on the engine's internals (a test checks it).
 *
 * @since 0.1
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.rules.internal.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
