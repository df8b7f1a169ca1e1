/**
 * The workspace's git repository, read with JGit: the {@code HEAD} revision a manifest records,
 * whether given files have uncommitted changes, and whether a recorded revision exists.
 */
package dev.planning.engine.internal.git;
