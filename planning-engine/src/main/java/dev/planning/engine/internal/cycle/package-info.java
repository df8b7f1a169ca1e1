/**
 * A cycle's artifacts as gates see them: the files of one stream and cycle, read on demand from
 * the workspace, and the other streams' plans for cross-stream checks.
 */
package dev.planning.engine.internal.cycle;
