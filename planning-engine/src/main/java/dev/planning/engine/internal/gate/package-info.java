/**
 * Built-in gates and the registry that finds gates by name.
 *
 * <p>{@link dev.planning.engine.internal.gate.GateRegistry} combines gates passed explicitly with those
 * registered through {@link java.util.ServiceLoader}; {@link dev.planning.engine.internal.gate.SchemaLintGate}
 * ({@code schema_lint}) checks a cycle's planning files against their schemas and for dangling or
 * duplicate ids. The cross-stream and parity gates live in the sub-packages
 * {@code gate.crossstream} ({@code cross_stream_consistency}) and {@code gate.parity}
 * ({@code parity_coverage}); {@link dev.planning.engine.internal.gate.StreamThresholds} is how gates read the
 * rulebook's thresholds for one stream.
 *
 * <p>The gates read only through their {@link dev.planning.api.gate.GateContext} and keep no state
 * (a test, {@code BuiltInGatesTest}, holds them to it); {@code GateRegistry} and {@code GateCheck}
 * find gates and check the rulebook when the engine is built, and are not gates.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
