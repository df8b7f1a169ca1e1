/**
 * Sealing and verifying handoff manifests: the options of a seal, its result, and the
 * {@link dev.planning.api.seal.VerificationReport} that lists every
 * {@link dev.planning.api.seal.Discrepancy} between a manifest and the workspace, the rulebook,
 * the trusted keys and the repository.
 *
 * @since 0.1
 */
package dev.planning.api.seal;
