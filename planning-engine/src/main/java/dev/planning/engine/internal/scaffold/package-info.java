/** Starter artifacts for a new cycle: a valid task breakdown and story map to edit. */
package dev.planning.engine.internal.scaffold;
