/**
 * The workspace's git repository, read with JGit: the {@code HEAD} revision a manifest records,
 * whether given files have uncommitted changes, and whether a recorded revision exists.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.git;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
