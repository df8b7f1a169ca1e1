/**
 * What the transition benchmark drives: the engine's lifecycle machine without gates over an
 * in-memory or a file event store, and its peer, the same six-state lifecycle as a Spring
 * Statemachine.
 */
package dev.planning.bench.lifecycle;
