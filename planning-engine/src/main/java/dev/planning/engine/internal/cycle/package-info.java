/**
 * A cycle's artifacts as gates see them: the files of one stream and cycle, read on demand from
 * the workspace, and the other streams' plans for cross-stream checks.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.cycle;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
