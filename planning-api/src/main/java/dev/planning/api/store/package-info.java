/**
 * The store SPI: where artifacts and event logs live. The engine ships file-system
 * implementations (a workspace directory); other back ends (a database, an object store) can be
 * plugged in through the engine's builder.
 *
 * @since 0.1
 */
package dev.planning.api.store;
