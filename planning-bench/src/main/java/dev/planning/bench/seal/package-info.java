/**
 * The seal and verify benchmark's parts: a 200 MiB corpus of artifact files, the hashing seam
 * ({@link dev.planning.bench.seal.ArtifactHasher}), the engine's parallel file hasher
 * behind it, and {@code sha256sum} as the command-line peer.
 */
package dev.planning.bench.seal;
