package dev.planning.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.store.postgres.StoreConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/**
 * store36: whatever a goal ends with, what reaches Maven's output (the message, and with {@code mvn -e} every cause
 * and suppressed exception with its trace) holds no secret of the store configuration the goal read, of
 * {@code $PLANNING_STORE_PASSWORD} or of a URL's user information. Only a {@link PlanningException}'s own message
 * was redacted: another exception went to Maven as it was, and a refusal's cause was the original chain.
 */
class MojoRedactionTest {

    private static final String[] SECRETS = {"SECRET-P", "SECRET-Q", "SECRET-U", "SECRET-E"};

    /** A goal that reads no workspace and ends with what it is given, after reading a store configuration. */
    static final class Failing extends PlanningMojo {
        private final Supplier<? extends Throwable> failure;
        /** What closing the store ends with, or {@code null} when it closes. */
        private RuntimeException closing;

        Failing(Supplier<? extends Throwable> failure) {
            this.failure = failure;
            this.environment = Map.of("PLANNING_STORE_PASSWORD", "SECRET-E");
            this.read = new StoreConfig("jdbc:postgresql://db.example.org/planning?password=SECRET-Q",
                    Optional.of("planner"), Optional.of("SECRET-P"), "acme/payments", Optional.empty(),
                    StoreConfig.DEFAULT_TOPIC);
        }

        @Override
        String goal() {
            return "failing";
        }

        @Override
        Verdict check() {
            Throwable thrown = failure.get();
            if (thrown == null) {
                return new Verdict(true, "ok");
            }
            if (thrown instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) thrown;
        }

        @Override
        void closeStore() {
            if (closing != null) {
                throw closing;
            }
        }
    }

    /** A failure quoting each secret: in its message, a cause's, a suppressed one's. */
    private static RuntimeException quotingSecrets(boolean planning) {
        SQLException driver = new SQLException("connection to postgresql://planner:SECRET-U@db.example.org failed");
        RuntimeException inner = new IllegalStateException("pool said: jdbc:postgresql://db.example.org/planning"
                + "?password=SECRET-Q with password SECRET-P", driver);
        RuntimeException outer = planning ? new PlanningException("the store refused the work", null, inner)
                : new IllegalArgumentException("cannot use SECRET-E here", inner);
        outer.addSuppressed(new RuntimeException("also SECRET-P"));
        return outer;
    }

    @Test
    void anExceptionOfAnyKindReachesMavenWithoutTheSecretsInItsMessageOrItsChain() {
        Failing goal = new Failing(() -> quotingSecrets(false));

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning failing: java.lang.IllegalArgumentException: cannot use (hidden)"
                        + " here")
                .satisfies(MojoRedactionTest::showsNoSecret);
    }

    @Test
    void aRefusalsCausesReachMavenWithoutTheSecrets() {
        Failing goal = new Failing(() -> quotingSecrets(true));

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("planning failing: the store refused the work")
                .satisfies(MojoRedactionTest::showsNoSecret);
    }

    @Test
    void anExceptionWithNothingToHideReachesMavenAsItselfItsTypeKept() {
        RuntimeException plain = new IllegalStateException("pool exhausted", new SQLException("too many clients"));
        Failing goal = new Failing(() -> plain);

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class).hasCause(plain)
                .satisfies(thrown -> assertThat(thrown.getCause()).isSameAs(plain));
    }

    @Test
    void aSecretOnlyInACausesSuppressedExceptionStillHasTheWholeChainRedacted() {
        SQLException driver = new SQLException("connection failed");
        driver.addSuppressed(new RuntimeException("retry with SECRET-P"));
        RuntimeException failure = new IllegalStateException("pool said: no", driver);
        Failing goal = new Failing(() -> failure);

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .satisfies(thrown -> assertThat(thrown.getCause()).isNotSameAs(failure)
                        .isInstanceOf(PlanningMojo.Redacted.class))
                .satisfies(thrown -> {
                    StringWriter trace = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(trace));
                    assertThat(trace.toString()).doesNotContain("SECRET-P").contains("retry with (hidden)");
                });
    }

    /** errs37: an error of a library (a driver's class that did not load) reached Maven as it was, secrets and all. */
    @Test
    void anErrorOfALibraryReachesMavenWithoutTheSecrets() {
        Failing goal = new Failing(() -> new NoClassDefFoundError("org/postgresql/Driver, loading for"
                + " postgresql://planner:SECRET-U@db.example.org with password SECRET-P"));

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning failing: java.lang.NoClassDefFoundError: org/postgresql/Driver")
                .satisfies(thrown -> {
                    StringWriter trace = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(trace));
                    for (String secret : SECRETS) {
                        assertThat(trace.toString()).as(secret).doesNotContain(secret);
                    }
                });
    }

    /** errs37: the store's close, in a {@code finally}, threw past the redaction after a goal that passed. */
    @Test
    void aStoreThatFailsToCloseAfterThePassedCheckReachesMavenWithoutTheSecrets() {
        Failing goal = new Failing(() -> null);
        goal.closing = new IllegalStateException("pool close failed for jdbc:postgresql://db.example.org/planning"
                + "?password=SECRET-Q");

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning failing: java.lang.IllegalStateException: pool close failed")
                .hasMessageNotContaining("SECRET-Q");
    }

    /**
     * errs37: a store that fails to close after the check failed threw in the place of the check's failure; the
     * check's failure is what Maven shows, the close's added to it, both redacted.
     */
    @Test
    void aStoreThatFailsToCloseAfterTheCheckFailedIsAddedToTheChecksFailureRedacted() {
        Failing goal = new Failing(() -> new IllegalArgumentException("cannot use SECRET-E here"));
        goal.closing = new IllegalStateException("pool close failed with password SECRET-P");

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning failing: java.lang.IllegalArgumentException: cannot use (hidden)")
                .satisfies(thrown -> {
                    StringWriter trace = new StringWriter();
                    thrown.printStackTrace(new PrintWriter(trace));
                    assertThat(trace.toString()).doesNotContain("SECRET-P", "SECRET-E")
                            .contains("Suppressed: java.lang.IllegalStateException: pool close failed with password"
                                    + " (hidden)");
                });
    }

    /** The exception as {@code mvn -e} prints it: every message of the chain, each type named as it was. */
    private static void showsNoSecret(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        for (String secret : SECRETS) {
            assertThat(trace.toString()).as(secret).doesNotContain(secret);
        }
        assertThat(trace.toString()).contains("Caused by: java.lang.IllegalStateException: pool said:")
                .contains("Caused by: java.sql.SQLException: connection to postgresql://...@db.example.org failed")
                .contains("Suppressed: java.lang.RuntimeException: also (hidden)")
                .contains("at dev.planning.maven.MojoRedactionTest");
    }
}
