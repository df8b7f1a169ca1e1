/** Starter artifacts for a new cycle: a valid task breakdown and story map to edit. */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.scaffold;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
