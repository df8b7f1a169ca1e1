/**
 * Sealing and verification: building a cycle's handoff manifest from its artifacts, git state,
 * rulebook and recorded gate results, writing it once, adding signatures without changing
 * anything else, verifying it (checksums, rulebook hash, signatures, signing policy, prior-manifest
 * chain, snapshot revision) into a {@link dev.planning.api.seal.VerificationReport}, the
 * {@code release_readiness} gate, and the guard that stops a sealed cycle whose artifacts changed.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.seal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
