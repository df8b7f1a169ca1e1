package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * robust28: the stack trace {@code PLANNING_DEBUG} asks for printed each exception's message as it was, so a
 * driver's message quoting the store URL with its password, or the password itself, reached the terminal or the CI
 * log. Every message of the trace (the exception's, its causes', the suppressed ones') is now shown without the
 * secrets of the store configuration the command read, and without any URL's user information.
 */
class DebugTraceRedactionTest {

    private static final String URL = "jdbc:postgresql://alice:pa55/w0rd@db.example:5432/plans?sslpassword=k3yphrase";

    @TempDir
    Path dir;

    /** Writes {@code lines} as a store configuration file and reads it, as a command does: its secrets are known. */
    private void readStoreConfiguration(String... lines) throws IOException {
        Path file = dir.resolve("store.properties");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        assertThat(StoreSelection.configured(file, null)).isPresent();
    }

    private static String trace(Throwable e) {
        StringWriter err = new StringWriter();
        PlanningCommand.debugTrace(e, new PrintWriter(err, true));
        return err.toString();
    }

    @Test
    void theDebugTraceShowsNoSecretOfTheStoreConfigurationInAnyMessage() throws IOException {
        readStoreConfiguration("url=" + URL, "password=hunter2-db", "kafka.bootstrap.servers=localhost:9092",
                "kafka.security.protocol=SASL_PLAINTEXT", "kafka.sasl.mechanism=PLAIN", "kafka.sasl.username=relay",
                "kafka.sasl.password=kafka-s3cret");
        SQLException driver = new SQLException("FATAL: password authentication failed for user \"alice\" (tried"
                + " hunter2-db) at " + URL);
        driver.addSuppressed(new IOException("sasl login with kafka-s3cret refused"));
        SystemFailureException failure = new SystemFailureException("cannot connect to the store", null,
                new IllegalStateException("pool failed for " + URL, driver));

        String trace = trace(failure);

        assertThat(trace).doesNotContain("pa55", "w0rd", "k3yphrase", "hunter2-db", "kafka-s3cret")
                .contains("jdbc:postgresql://...@db.example:5432/plans?...", "(tried (hidden))",
                        "sasl login with (hidden) refused", "Caused by: java.sql.SQLException: FATAL",
                        "\tSuppressed: java.io.IOException", "\tat dev.planning.cli.DebugTraceRedactionTest");
    }

    @Test
    void theDebugTraceShowsNoUserInformationOfAnyUrl() {
        String trace = trace(new IllegalStateException("fetch of https://bob:t0ken@git.example/x.git failed",
                new IOException("redirected to ftp://carol:pw@mirror.example/")));

        assertThat(trace).doesNotContain("t0ken", "bob:", "carol:pw")
                .contains("https://...@git.example/x.git", "Caused by: java.io.IOException: redirected to"
                        + " ftp://...@mirror.example/");
    }

    @Test
    void theInternalErrorsOneLineShowsNoUserInformationOfAUrlEither() {
        StringWriter err = new StringWriter();

        PlanningCommand.failure(new IllegalStateException("fetch of https://bob:t0ken@git.example/x.git failed"),
                new PrintWriter(err, true));

        assertThat(err.toString()).doesNotContain("t0ken")
                .startsWith("internal error: java.lang.IllegalStateException: fetch of https://...@git.example/x.git");
    }

    @Test
    void theSystemFailuresOneLineShowsNoSecretOfTheStoreConfigurationEither() throws IOException {
        readStoreConfiguration("url=" + URL, "password=hunter2-db");
        StringWriter err = new StringWriter();

        int exit = PlanningCommand.failure(new SystemFailureException("cannot connect to the store at " + URL
                + " (tried hunter2-db)", null, null), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString()).doesNotContain("pa55", "w0rd", "k3yphrase", "hunter2-db")
                .startsWith("error: cannot connect to the store at jdbc:postgresql://...@db.example:5432/plans?...")
                .contains("(tried (hidden))");
    }

    @Test
    void thePlanningErrorsOneLineShowsNoUserInformationOfAUrl() {
        StringWriter err = new StringWriter();

        int exit = PlanningCommand.failure(new PlanningException("cannot migrate the planning schema: refused by"
                + " postgresql://user:secret@host/db"), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).doesNotContain("secret", "user:")
                .isEqualTo("error: cannot migrate the planning schema: refused by postgresql://...@host/db"
                        + System.lineSeparator());
    }

    @Test
    void thePlanningErrorsOneLineShowsNoSecretOfTheStoreConfigurationEither() throws IOException {
        readStoreConfiguration("url=" + URL, "password=hunter2-db");
        StringWriter err = new StringWriter();

        PlanningCommand.failure(new PlanningException("the store at " + URL + " refused the password hunter2-db"),
                new PrintWriter(err, true));

        assertThat(err.toString()).doesNotContain("pa55", "w0rd", "k3yphrase", "hunter2-db")
                .startsWith("error: the store at jdbc:postgresql://...@db.example:5432/plans?...")
                .contains("refused the password (hidden)");
    }
}
