/**
 * Workspaces on disk for tests: {@link dev.planning.testkit.workspace.WorkspaceCopies} copies a
 * workspace (an example, a fixture, a rulebook) into a test's temporary directory, so a test may
 * change its copy and never the original.
 *
 * @since 0.1
 */
package dev.planning.testkit.workspace;
