/**
 * The {@code cross_stream_consistency} gate: the plans of every stream of a workspace as one
 * dependency graph (JGraphT), checked for references that resolve neither to a task nor to a
 * declared contract, dependency cycles within and across streams, chains deeper than the
 * rulebook allows, dependencies due after the tasks that need them, and owners or teams planned
 * beyond the capacity model.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.gate.crossstream;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
