/**
 * A fixture for gate authors: {@link dev.planning.testkit.gate.GateContextFixture} builds a
 * {@link dev.planning.api.gate.GateContext} in code (plans, files in memory, waivers, a fixed
 * clock, ...), so a {@link dev.planning.api.gate.Gate} is tested without an engine or a workspace
 * on disk.
 *
 * @since 0.1
 */
package dev.planning.testkit.gate;
