/**
 * Runnable examples: embedding the engine in an application ({@link dev.planning.examples.EmbeddingExample})
 * and adding a custom gate ({@link dev.planning.examples.P0DueDateGate}), and the scenario of
 * {@code planning demo} ({@link dev.planning.examples.DemoScenario}), which runs two cycles end to end
 * through the public API. The example workspaces live in {@code planning-examples/workspaces/}.
 */
package dev.planning.examples;
