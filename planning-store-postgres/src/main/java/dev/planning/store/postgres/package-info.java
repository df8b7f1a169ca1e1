/**
 * PostgreSQL as the system of record for planning events, and Kafka as their stream.
 *
 * <p>{@link dev.planning.store.postgres.PostgresStore} opens the database (a HikariCP pool, Flyway
 * migrations) and hands out the {@link dev.planning.store.postgres.PostgresEventStore} (the
 * engine's event store SPI, compare-and-append by unique constraint, hash chain verified on read)
 * and cross-cycle queries; {@link dev.planning.store.postgres.OutboxRelay} publishes committed
 * events from the transactional outbox to Kafka; {@link dev.planning.store.postgres.StoreMigration}
 * moves logs between files and the database, byte for byte;
 * {@link dev.planning.store.postgres.StoreConfig} reads the connection settings from the
 * environment or a file, never from a command line.
 *
 * @since 0.1
 */
package dev.planning.store.postgres;
