/**
 * Loading a rulebook directory into the API's {@link dev.planning.api.rulebook.Rulebook}, and its
 * SHA-256 hash, defined so that coreutils can recompute it (see {@link dev.planning.engine.internal.rulebook.RulebookHasher}).
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.rulebook;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
