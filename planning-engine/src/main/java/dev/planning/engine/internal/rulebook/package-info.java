/**
 * Loading a rulebook directory into the API's {@link dev.planning.api.rulebook.Rulebook}, and its
 * SHA-256 hash, defined so that coreutils can recompute it (see {@link dev.planning.engine.internal.rulebook.RulebookHasher}).
 */
package dev.planning.engine.internal.rulebook;
