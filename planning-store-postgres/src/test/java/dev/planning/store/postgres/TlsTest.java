package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
        Authority authority = Authority.create("planning test CA");
        trustedRoot = authority.writeCertificate(certificates.resolve("root.crt"));
        otherRoot = Authority.create("another CA").writeCertificate(certificates.resolve("other-root.crt"));
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
                .hasMessageNotContaining(otherRoot.toString());
    }

    @Test
    void refusesAServerReachedByANameItsCertificateDoesNotCarry() {
        // The certificate names localhost only; 127.0.0.1 is the same server under another name.
        String byAddress = server.getJdbcUrl("postgres", "postgres").replace("//localhost:", "//127.0.0.1:");
        assertThat(byAddress).contains("//127.0.0.1:");

        assertThatThrownBy(() -> PostgresStore.builder()
                .jdbcUrl(byAddress + "&sslmode=verify-full&sslrootcert=" + trustedRoot).poolSize(1).build())
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("cannot connect to the store at");
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

    /** A certificate authority of the test: an EC P-256 key and a self-signed certificate. */
    private record Authority(X500Name name, KeyPair keys, X509CertificateHolder certificate) {

        static Authority create(String commonName) throws Exception {
            X500Name name = new X500Name("CN=" + commonName);
            KeyPair keys = ecKeys();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, notBefore(),
                    notAfter(), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Authority(name, keys, builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(keys.getPrivate())));
        }

        Path writeCertificate(Path file) throws IOException {
            pem(file, certificate);
            return file;
        }

        /** A certificate for {@code host} (its only name), and its key readable by its owner only, as PostgreSQL demands. */
        void issueServerCertificate(String host, Path certificateFile, Path keyFile) throws Exception {
            KeyPair serverKeys = ecKeys();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TWO, notBefore(),
                    notAfter(), new X500Name("CN=" + host), serverKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            pem(certificateFile, builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            // PKCS#8 ("PRIVATE KEY"), the JDK's own encoding: PostgreSQL's OpenSSL refused BouncyCastle's
            // traditional "EC PRIVATE KEY" form of the same key ("EC lib").
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(serverKeys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        }

        private static KeyPair ecKeys() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        }

        private static Date notBefore() {
            return Date.from(Instant.now().minus(Duration.ofDays(1)));
        }

        private static Date notAfter() {
            return Date.from(Instant.now().plus(Duration.ofDays(1)));
        }

        private static void pem(Path file, Object object) throws IOException {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(object);
            }
        }
    }
}
