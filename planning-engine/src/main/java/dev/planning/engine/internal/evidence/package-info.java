/**
 * Gate evidence: every gate run of a recorded transition is written as one JSON file under the
 * cycle's {@code evidence/{cycle}/} directory, never overwriting an earlier run's, and its
 * workspace-relative path is recorded in the transition event's details as
 * {@code evidence.<gate>}, which is how manifests and digests link to it
 * ({@link dev.planning.engine.internal.evidence.GateOutcomes}).
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.evidence;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
