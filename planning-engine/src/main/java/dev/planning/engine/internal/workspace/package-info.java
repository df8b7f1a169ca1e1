/**
 * The workspace on disk: where each artifact of a stream and cycle lives, safe resolution of
 * workspace-relative paths, atomic writes, and the file-system artifact store.
 */
package dev.planning.engine.internal.workspace;
