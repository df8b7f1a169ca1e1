/**
 * The {@code parity_coverage} gate: before execution, the task breakdown and the story map cover
 * each other and coverage targets are planned; after execution, what was delivered against what
 * was planned, and unit and e2e coverage (from the JaCoCo and LCOV reports in the cycle's
 * outcomes) against the rulebook's thresholds and the previous cycle.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.gate.parity;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
