package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS is configured in the JDBC URL (issue 14), and the store passes the URL's TLS parameters to
 * the driver unchanged, for the schema migration and the pool alike. A PostgreSQL server of its
 * own, with TLS on and a certificate for {@code localhost} from a test CA made here: a store whose
 * URL asks for {@code sslmode=verify-full} with that CA works over TLS; one trusting another CA,
 * or reaching the server by a name its certificate does not carry, is refused before any event is
 * read or written; and a server without TLS is refused when the URL requires it.
 */
@Tag("slow")
@Tag("servers")
class TlsTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "tls");

    @TempDir
    static Path certificates;

    private static EmbeddedPostgres server;
    private static Path trustedRoot;
    private static Path otherRoot;

    @BeforeAll
    static void startServerWithTls() throws Exception {
        TestAuthority authority = TestAuthority.create("planning test CA");
        trustedRoot = authority.writeCertificate(certificates.resolve("root.crt"));
        otherRoot = TestAuthority.create("another CA").writeCertificate(certificates.resolve("other-root.crt"));
        Path serverCertificate = certificates.resolve("server.crt");
        Path serverKey = certificates.resolve("server.key");
        authority.issueServerCertificate("localhost", serverCertificate, serverKey);
        server = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", serverCertificate.toString())
                .setServerConfig("ssl_key_file", serverKey.toString())
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStoreWhoseUrlAsksForAVerifiedServerTalksToItOverTls() throws Exception {
        String url = server.getJdbcUrl("postgres", "postgres") + "&sslmode=verify-full&sslrootcert=" + trustedRoot;

        try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository("tls").poolSize(1).build()) {
            RecordedEvent created = store.eventStore().append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS);

            assertThat(store.eventStore().read(CYCLE)).containsExactly(created);
            try (Connection connection = store.dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean("ssl")).as("the pool's connection is encrypted").isTrue();
                assertThat(rs.getString("version")).startsWith("TLSv1.");
            }
        }
    }

    @Test
    void refusesAServerWhoseCertificateTheUrlsRootDoesNotVouchFor() {
        String url = server.getJdbcUrl("postgres", "postgres") + "&sslmode=verify-full&sslrootcert=" + otherRoot;

        assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(url).repository("tls").poolSize(1).build())
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cannot connect to the store at")
                .hasMessageNotContaining(otherRoot.toString())
                .as("pg24: a certificate refused is the configuration's to fix, not an unreachable store")
                .isNotInstanceOf(dev.planning.api.SystemFailureException.class);
    }

    @Test
    void refusesAServerReachedByANameItsCertificateDoesNotCarry() {
        // The certificate names localhost only; 127.0.0.1 is the same server under another name.
        String byAddress = server.getJdbcUrl("postgres", "postgres").replace("//localhost:", "//127.0.0.1:");
        assertThat(byAddress).contains("//127.0.0.1:");

        assertThatThrownBy(() -> PostgresStore.builder()
                .jdbcUrl(byAddress + "&sslmode=verify-full&sslrootcert=" + trustedRoot).poolSize(1).build())
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cannot connect to the store at")
                .isNotInstanceOf(dev.planning.api.SystemFailureException.class);
        try (PostgresStore store = PostgresStore.builder()
                .jdbcUrl(byAddress + "&sslmode=verify-ca&sslrootcert=" + trustedRoot).poolSize(1).build()) {
            assertThat(store.eventStore().read(new CycleRef("fe", "absent"))).as("verify-ca checks the CA only").isEmpty();
        }
    }

    @Test
    void refusesAServerWithoutTlsWhenTheUrlRequiresIt() {
        String plain = TestServers.jdbcUrl();

        assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(plain + "&sslmode=require").poolSize(1)
                .migrate(false).build())
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cannot connect to the store at");
    }
}
