/**
 * IMPROVE: completing a cycle and opening the next one in {@code PLANNED} with the improvement
 * actions of the completed cycle's digest carried into its task breakdown.
 * {@link dev.planning.engine.internal.improve.CycleImprover} is the entry point.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.improve;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
