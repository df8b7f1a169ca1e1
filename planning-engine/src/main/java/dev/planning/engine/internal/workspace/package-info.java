/**
 * The workspace on disk: where each artifact of a stream and cycle lives, safe resolution of
 * workspace-relative paths, atomic writes, bounded reads.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.workspace;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
