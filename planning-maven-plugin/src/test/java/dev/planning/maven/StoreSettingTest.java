package dev.planning.maven;

import static dev.planning.maven.MojoFixtures.configure;
import static dev.planning.maven.MojoFixtures.copyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.SystemFailureException;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store setting the goals that open the store (lint, gate, verify: {@link StoreMojo}) cannot use fails the build
 * naming the setting, as the command line's exit 2; the goal never reads the workspace's log files instead. (A goal
 * run against a PostgreSQL store: {@link StoreGoalsTest}.)
 */
class StoreSettingTest {

    @TempDir
    Path dir;

    private GateMojo gate(Path ws, Map<String, String> environment) {
        GateMojo gate = configure(new GateMojo(), ws, dir.resolve("reports"));
        gate.stream = "fe";
        gate.cycle = "2025-09-02";
        gate.to = "READY_FOR_HANDOFF";
        gate.environment = environment;
        return gate;
    }

    private VerifyMojo verify(Path ws, Map<String, String> environment) {
        VerifyMojo verify = configure(new VerifyMojo(), ws, dir.resolve("reports"));
        verify.stream = "fe";
        verify.cycle = "2025-09-02";
        verify.environment = environment;
        return verify;
    }

    @Test
    void aStoreConfigThatDoesNotExistFailsTheGateNamingTheFile() {
        GateMojo gate = gate(copyOf("fe-2025-09-02", dir), Map.of());
        gate.storeConfig = dir.resolve("missing-store.properties").toFile();

        assertThatThrownBy(gate::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning gate: ").hasMessageContaining("missing-store.properties")
                .hasMessageContaining("cannot read the store configuration that <storeConfig> names (not found)");
        assertThat(dir.resolve("reports")).as("no gate ran").doesNotExist();
    }

    @Test
    void anInvalidStoreConfigFailsVerifyNamingItsFileAndLine() throws Exception {
        Path config = Files.writeString(dir.resolve("store.properties"), "url=jdbc:postgresql://127.0.0.1:1/p\n"
                + "colour=blue\n", StandardCharsets.UTF_8);
        VerifyMojo verify = verify(copyOf("fe-2025-09-02", dir), Map.of());
        verify.storeConfig = config.toFile();

        assertThatThrownBy(verify::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning verify: ").hasMessageContaining("store.properties:2:1: unknown key"
                        + " 'colour'");
    }

    @Test
    void theEnvironmentsStoreConfigIsFollowedWhenNoParameterIsSet() {
        Path missing = dir.resolve("env-store.properties");
        GateMojo gate = gate(copyOf("fe-2025-09-02", dir), Map.of("PLANNING_STORE_CONFIG", missing.toString()));

        assertThatThrownBy(gate::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("env-store.properties").hasMessageContaining("not found");
    }

    @Test
    void theParameterComesBeforeTheEnvironment() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path parameter = Files.writeString(dir.resolve("param-store.properties"), "colour=blue\n",
                StandardCharsets.UTF_8);
        GateMojo gate = gate(ws, Map.of("PLANNING_STORE_CONFIG", dir.resolve("env-store.properties").toString(),
                "PLANNING_STORE_URL", "jdbc:postgresql://127.0.0.1:1/p"));
        gate.storeConfig = parameter.toFile();

        assertThatThrownBy(gate::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("param-store.properties:1:1: unknown key 'colour'")
                .hasMessageNotContaining("env-store.properties");
    }

    @Test
    void aStoreConfigInsideTheWorkspaceIsRefusedBeforeAnythingConnects() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path inside = Files.writeString(ws.resolve("store.properties"), "url=jdbc:postgresql://127.0.0.1:1/p\n",
                StandardCharsets.UTF_8);
        VerifyMojo verify = verify(ws, Map.of());
        verify.storeConfig = inside.toFile();

        // store35: it said "name it with --store or PLANNING_STORE_CONFIG", whichever setting named it.
        assertThatThrownBy(verify::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining(inside + ": the store configuration that <storeConfig> names lies inside the"
                        + " workspace")
                .hasMessageContaining("give that path to <storeConfig>").hasMessageNotContaining("--store");
    }

    /** Every goal that opens the store (store35: lint opened none, and linted). */
    @Test
    void aConnectionStringGivenAsTheFileIsRefusedWithoutQuotingIt() {
        Path ws = copyOf("fe-2025-09-02", dir);
        for (StoreMojo goal : new StoreMojo[] {gate(ws, Map.of()), verify(ws, Map.of()), lint(ws, Map.of())}) {
            goal.storeConfig = new File("host=db user=planner password=s3cret");

            assertThatThrownBy(goal::execute).as(goal.goal()).isInstanceOf(MojoExecutionException.class)
                    .hasMessageStartingWith("planning " + goal.goal() + ": <storeConfig> names a store configuration"
                            + " file")
                    .hasMessageNotContaining("s3cret").hasMessageNotContaining("planner");
        }
        assertThat(dir.resolve("reports")).as("nothing was checked").doesNotExist();
    }

    private LintMojo lint(Path ws, Map<String, String> environment) {
        LintMojo lint = configure(new LintMojo(), ws, dir.resolve("reports"));
        lint.environment = environment;
        return lint;
    }

    /** store35: lint opened no store and linted, where {@code planning lint} fails on the setting (exit 2). */
    @Test
    void lintFailsOnAStoreSettingItCannotUseAsTheCommandLineDoes() {
        LintMojo lint = lint(copyOf("fe-2025-09-02", dir),
                Map.of("PLANNING_STORE_CONFIG", dir.resolve("missing-store.properties").toString()));

        assertThatThrownBy(lint::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning lint: ").hasMessageContaining("missing-store.properties")
                .hasMessageContaining("cannot read the store configuration that $PLANNING_STORE_CONFIG names"
                        + " (not found)");
        assertThat(dir.resolve("reports")).as("nothing was linted").doesNotExist();
    }

    @Test
    void lintFailsOnAStoreItCannotReachNamingTheSettingAndNoSecret() throws Exception {
        Path down = Files.writeString(dir.resolve("down-store.properties"),
                "url=jdbc:postgresql://planner:s3cret-in-url@127.0.0.1:1/planning?connectTimeout=1\n"
                        + "repository=acme/down\npassword=s3cret-pw\n", StandardCharsets.UTF_8);
        LintMojo lint = lint(copyOf("fe-2025-09-02", dir), Map.of("PLANNING_STORE_URL",
                "jdbc:postgresql://127.0.0.1:1/elsewhere"));
        lint.storeConfig = down.toFile();

        Throwable failure = catchThrowable(lint::execute);

        assertThat(failure).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning lint: cannot open the event store that <storeConfig> " + down
                        + " names: ").hasMessageNotContaining("elsewhere");
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).doesNotContain("s3cret");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    /**
     * fail36: a store that cannot be reached (nothing listens at the port) is the system's failure, as the command
     * line's exit 3; the goal's error had a plain {@code PlanningException}, the configuration's mistake, as its cause.
     */
    @Test
    void aStoreThatCannotBeReachedFailsTheGoalAsTheSystemsFailure() {
        LintMojo lint = lint(copyOf("fe-2025-09-02", dir), Map.of("PLANNING_STORE_URL",
                "jdbc:postgresql://127.0.0.1:1/planning?connectTimeout=1"));

        Throwable failure = catchThrowable(lint::execute);

        assertThat(failure).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning lint: cannot open the event store that ");
        assertThat(failure.getCause()).isExactlyInstanceOf(SystemFailureException.class);
        // errs37: the store's own failure, with the driver's reason, was dropped; it is the cause, as mvn -e shows.
        assertThat(failure.getCause().getCause()).as("the store's failure").isInstanceOf(SystemFailureException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
    }

    @Test
    void rulesTestReadsNoWorkspaceAndSoNoStore() throws Exception {
        RulesTestMojo rulesTest = configure(new RulesTestMojo(), copyOf("fe-2025-09-02", dir), dir.resolve("reports"));
        rulesTest.environment = Map.of("PLANNING_STORE_CONFIG", dir.resolve("missing-store.properties").toString());

        rulesTest.execute();

        assertThat(dir.resolve("reports/rules-test.junit.xml")).isRegularFile();
    }

    /**
     * review34: what {@code mvn -e} prints of a failed goal is the whole chain of causes, each with its message, not
     * only the first line: no secret of the environment's store setting (a password in the URL's query or user
     * information, {@code $PLANNING_STORE_PASSWORD}) is in any of it, whether the URL is refused or unreachable.
     */
    @Test
    void noSecretOfTheEnvironmentsStoreIsInWhatMavenPrintsOfTheFailureWithItsCauses() {
        for (String url : new String[] {
            "jdbc:postgresql://127.0.0.1:1/planning?connectTimeout=1&user=planner&password=s3cret-query",
            "postgresql://planner:s3cret-userinfo@127.0.0.1:1/planning"}) {
            GateMojo gate = gate(copyOf("fe-2025-09-02", dir.resolve(String.valueOf(url.length()))),
                    Map.of("PLANNING_STORE_URL", url, "PLANNING_STORE_PASSWORD", "s3cret-password"));

            Throwable failure = catchThrowable(gate::execute);

            assertThat(failure).as(url).isInstanceOf(MojoExecutionException.class)
                    .hasMessageStartingWith("planning gate: ");
            StringWriter printed = new StringWriter();
            failure.printStackTrace(new PrintWriter(printed));
            assertThat(printed.toString()).as(url).doesNotContain("s3cret");
        }
    }
}
