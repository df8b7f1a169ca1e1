/**
 * The gate SPI: named checks that run at lifecycle transitions.
 *
 * <p>A {@link dev.planning.api.gate.Gate} receives a {@link dev.planning.api.gate.GateContext}
 * and returns a {@link dev.planning.api.gate.GateResult}: a status, located findings and
 * evidence. Gates are found with {@link java.util.ServiceLoader} or registered on the engine's
 * builder; which gates run at which transition is decided by the rulebook's gate profile.
 *
 * @since 0.1
 */
package dev.planning.api.gate;
