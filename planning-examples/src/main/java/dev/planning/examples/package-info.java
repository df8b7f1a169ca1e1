/**
 * Runnable examples: embedding the engine in an application ({@link dev.planning.examples.EmbeddingExample})
 * and adding a custom gate ({@link dev.planning.examples.P0DueDateGate}). The example workspaces live
 * in {@code planning-examples/workspaces/}.
 */
package dev.planning.examples;
