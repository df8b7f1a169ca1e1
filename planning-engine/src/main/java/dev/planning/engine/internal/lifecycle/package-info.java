/**
 * The lifecycle machine: moves a planning cycle through
 * {@code PLANNED -> READY_FOR_HANDOFF -> PACKAGED -> EXECUTED -> VALIDATED -> IMPROVE -> COMPLETED},
 * running the gates the rulebook's profile names at each transition and recording every attempt,
 * accepted or refused, in the cycle's hash-chained event log.
 *
 * <p>The log is the source of truth: {@link dev.planning.engine.internal.lifecycle.CycleFold} derives the
 * state from it, and {@link dev.planning.engine.internal.lifecycle.LifecycleMachine} appends to it with
 * compare-and-append, so of two concurrent transitions exactly one is recorded.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.lifecycle;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
