/**
 * The store SPI: where event logs live ({@link dev.planning.api.store.EventStore}; the engine keeps
 * them in the workspace's files, and another back end, a database for one, is plugged in through the
 * engine's builder, {@code Planning.builder().eventStore(...)}), the questions across cycles
 * ({@link dev.planning.api.store.CycleQueries}), and the read-only view of the workspace's files a
 * gate reads through ({@link dev.planning.api.store.WorkspaceFiles}). The artifacts themselves
 * (plans, manifests, evidence, digests) are files of the workspace, placed by its
 * {@link dev.planning.api.WorkspaceLayout}; no other back end is plugged in for them.
 *
 * @since 0.1
 */
package dev.planning.api.store;
