/**
 * The {@code governance} gate: judges a cycle with the rulebook's DRL policies and fails the
 * transition unless Critical=0 holds (no unwaived critical violation), reading waivers from the
 * cycle's decision log.
 *
 * @since 0.1
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.rules.internal.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
