/**
 * Built-in gates and the registry that finds gates by name.
 *
 * <p>{@link dev.planning.engine.gate.GateRegistry} combines gates passed explicitly with those
 * registered through {@link java.util.ServiceLoader}; {@link dev.planning.engine.gate.SchemaLintGate}
 * ({@code schema_lint}) checks a cycle's planning files against their schemas and for dangling or
 * duplicate ids.
 */
package dev.planning.engine.gate;
