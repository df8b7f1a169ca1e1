/**
 * Rulebook impact preview: what a change of the rulebook does to every cycle of a workspace before
 * it is merged. {@link dev.planning.rules.impact.RulebookImpact#compare} evaluates each cycle's plan
 * under a base and a head rulebook with the {@code governance} gate and reports the violations the
 * change adds and resolves, and the cycles it would newly block.
 */
@API(status = EXPERIMENTAL, since = "0.1")
package dev.planning.rules.impact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
