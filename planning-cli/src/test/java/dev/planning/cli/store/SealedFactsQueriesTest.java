package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.store.CycleQueries;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.Planning;
import dev.planning.store.postgres.PostgresServer;
import dev.planning.store.postgres.PostgresStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts the cross-cycle queries answer from, end to end through the CLI, on the workspace's files
 * and on a real PostgreSQL server alike: sealing records the decision log's waivers, so
 * {@code store expiring-waivers} lists them; {@code store pending-signatures} counts a role as signed
 * only for a signature that verifies, never for a {@code SIGNATURE_ADDED} event alone.
 */
@Tag("slow")
@Tag("servers")
class SealedFactsQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String DECISION_LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";
    @RegisterExtension
    static final PostgresServer postgres = PostgresServer.started();
    private static int repositories;

    @TempDir
    Path dir;

    @Test
    void sealingRecordsTheDecisionLogsWaiversAndTheFileStoreListsThem() throws Exception {
        Path ws = sealedWithWaivers(Optional.empty());
        recordWaiverWithoutExpiry(ws, Optional.empty());

        expiringWaiversAreListed(ws, List.of());
    }

    @Test
    void sealingRecordsTheDecisionLogsWaiversAndThePostgresStoreListsThem() throws Exception {
        Path store = config();
        Path ws = sealedWithWaivers(Optional.of(store));
        recordWaiverWithoutExpiry(ws, Optional.of(store));

        expiringWaiversAreListed(ws, List.of("--store", store.toString()));
    }

    @Test
    void aForgedSignatureEventNeverCountsAsSignedOnFiles() throws Exception {
        Path keys = CycleScript.keys(dir);
        Path ws = sealedWithWaivers(Optional.empty());
        signAsPmAndForgeQa(ws, keys, Optional.empty());

        onlyVerifiedSignaturesCount(ws, keys, List.of());
    }

    @Test
    void aForgedSignatureEventNeverCountsAsSignedInPostgres() throws Exception {
        Path keys = CycleScript.keys(dir);
        Path store = config();
        Path ws = sealedWithWaivers(Optional.of(store));
        signAsPmAndForgeQa(ws, keys, Optional.of(store));

        onlyVerifiedSignaturesCount(ws, keys, List.of("--store", store.toString()));
    }

    @Test
    void theSigningPolicyIsJudgedByDistinctSignersInPostgres() throws Exception {
        Path keys = CycleScript.keys(dir);
        Path store = config();
        Path ws = sealedWithWaivers(Optional.of(store));
        signAsPmAndForgeQa(ws, keys, Optional.of(store));
        SigningRequirement twoPms = new SigningRequirement(List.of("PM"), 2);

        try (PostgresStore pg = PostgresStore.builder().jdbcUrl(postgres.jdbcUrl())
                .repository(repository()).build()) {
            CycleQueries queries = pg.queries(ws, Planning.keys().readTrustFile(keys.resolve("trust.yaml")));

            assertThat(queries.pendingSignatures(new SigningPolicy(List.of(twoPms)))).singleElement()
                    .satisfies(p -> assertThat(p.unmetRequirements())
                            .containsExactly(new CycleQueries.UnmetRequirement(twoPms, 1)));
            assertThat(queries.pendingSignatures(new SigningPolicy(List.of(
                    new SigningRequirement(List.of("PM", "QA"), 1))))).as("met by the PM signature").isEmpty();
        }
    }

    /**
     * pending17: the PostgreSQL store's queries that know the workspace judge what {@code verify} applies,
     * the rulebook's signing policy and the trust file's ({@code 2 of [PM]} here, signed by one PM key), and
     * refuse a role the rulebook does not name; so do those by path (pending18); the queries that know no
     * rulebook refuse the question.
     */
    @Test
    void theWorkspacesSigningPolicyWithTheTrustFilesOwnIsJudgedInPostgres() throws Exception {
        Path keys = CycleScript.keys(dir);
        Path store = config();
        Path ws = sealedWithWaivers(Optional.of(store));
        signAsPmAndForgeQa(ws, keys, Optional.of(store));
        Path trust = trustAskingTwoPms(keys);

        try (PostgresStore pg = PostgresStore.builder().jdbcUrl(postgres.jdbcUrl())
                .repository(repository()).build()) {
            PlanningWorkspace workspace = Planning.builder().workspace(ws).eventStore(pg.eventStore()).readOnly()
                    .build();
            CycleQueries queries = pg.queries(workspace, Planning.keys().readTrustFile(trust));

            assertThat(queries.pendingSignatures()).singleElement().satisfies(p -> {
                assertThat(p.signedRoles()).containsExactly("PM");
                assertThat(p.unmetRequirements()).containsExactly(
                        new CycleQueries.UnmetRequirement(new SigningRequirement(List.of("TechLead"), 1), 0),
                        new CycleQueries.UnmetRequirement(new SigningRequirement(List.of("QA"), 1), 0),
                        new CycleQueries.UnmetRequirement(new SigningRequirement(List.of("PM"), 2), 1));
            });
            assertThatThrownBy(() -> queries.pendingSignatures(Set.of("Qa")))
                    .isInstanceOf(CycleQueries.UnknownRoleException.class).hasMessageContaining("unknown role 'Qa'");
            // pending18: the queries by path read the workspace's rulebook, as those over files do.
            CycleQueries byPath = pg.queries(ws, Planning.keys().readTrustFile(trust));
            assertThat(byPath.pendingSignatures()).isEqualTo(queries.pendingSignatures());
            assertThatThrownBy(() -> byPath.pendingSignatures(Set.of("Qa")))
                    .isInstanceOf(CycleQueries.UnknownRoleException.class).hasMessageContaining("unknown role 'Qa'");
            assertThatThrownBy(() -> pg.queries().pendingSignatures())
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("know no rulebook");
        }
    }

    @Test
    void theCommandListsEachUnmetRequirementOfTheWorkspacesPolicyOnFiles() throws Exception {
        Path keys = CycleScript.keys(dir);
        Path ws = sealedWithWaivers(Optional.empty());
        signAsPmAndForgeQa(ws, keys, Optional.empty());

        unmetRequirementsAreShown(ws, trustAskingTwoPms(keys), List.of());
    }

    @Test
    void theCommandListsEachUnmetRequirementOfTheWorkspacesPolicyInPostgres() throws Exception {
        Path keys = CycleScript.keys(dir);
        Path store = config();
        Path ws = sealedWithWaivers(Optional.of(store));
        signAsPmAndForgeQa(ws, keys, Optional.of(store));

        unmetRequirementsAreShown(ws, trustAskingTwoPms(keys), List.of("--store", store.toString()));
    }

    private void unmetRequirementsAreShown(Path ws, Path trust, List<String> store) throws IOException {
        CliRun text = query(ws, store, "pending-signatures", "--trust", trust.toString());
        CliRun json = query(ws, store, "pending-signatures", "--trust", trust.toString(), "--format", "json");
        CliRun misspelled = query(ws, store, "pending-signatures", "--role", "Qa", "--trust", trust.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("fe/2025-09-02\tPACKAGED\tsigned: PM\tunverified: QA\tmissing: PM,QA,TechLead"
                + "\tunmet: 1 of [TechLead]: 0 verified, 1 missing; 1 of [QA]: 0 verified, 1 missing;"
                + " 2 of [PM]: 1 verified, 1 missing\n")
                .contains("1 cycle(s) wait for signatures")
                .contains(", judged against the signing policies of the rulebook and the trust file\n");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode document = JSON.readTree(json.out());
        assertThat(document.get("required_roles").isNull()).as("judged against the workspace's policy").isTrue();
        JsonNode unmet = document.at("/cycles/0/unmet_requirements");
        assertThat(unmet.toString()).isEqualTo("[{\"roles\":[\"TechLead\"],\"min\":1,\"signers\":0,\"missing\":1},"
                + "{\"roles\":[\"QA\"],\"min\":1,\"signers\":0,\"missing\":1},"
                + "{\"roles\":[\"PM\"],\"min\":2,\"signers\":1,\"missing\":1}]");
        assertThat(misspelled.exitCode()).isEqualTo(2);
        assertThat(misspelled.err()).contains("unknown role 'Qa'").doesNotContain("Exception");
    }

    /** The generated trust file with a signing section of its own asking two PM signers. */
    private Path trustAskingTwoPms(Path keys) throws IOException {
        Path trust = keys.resolve("trust-two-pms.yaml");
        Files.writeString(trust, Files.readString(keys.resolve("trust.yaml"), StandardCharsets.UTF_8)
                + "signing:\n  required:\n    - {roles: [PM], min: 2}\n", StandardCharsets.UTF_8);
        return trust;
    }

    private void expiringWaiversAreListed(Path ws, List<String> store) throws IOException {
        CliRun soon = query(ws, store, "expiring-waivers", "--until", "2099-07-01");
        CliRun all = query(ws, store, "expiring-waivers", "--until", "2100-01-01", "--format", "json");

        assertThat(soon.exitCode()).as(soon.err()).isZero();
        assertThat(soon.out())
                .contains("no expiry\tfe/2025-09-02\tsox-audit-trail on FE-13\tapproved by app")
                .contains("2099-06-30\tfe/2025-09-02\tcritical-approvals on FE-12\tapproved by cto-gina")
                .doesNotContain("missing-owner")
                .contains("2 waiver(s) expire by 2099-07-01");
        assertThat(all.exitCode()).as(all.err()).isZero();
        JsonNode waivers = JSON.readTree(all.out()).get("waivers");
        assertThat(waivers).hasSize(3);
        assertThat(waivers.get(0).get("no_expiry").asBoolean()).isTrue();
        assertThat(waivers.get(0).get("expires").isNull()).isTrue();
        assertThat(waivers.get(2).get("rule").asText()).isEqualTo("missing-owner");
        assertThat(waivers.get(2).get("expires").asText()).isEqualTo("2099-12-31");
        assertThat(waivers.get(2).get("approver").asText()).isEqualTo("pm-ana");
    }

    private void onlyVerifiedSignaturesCount(Path ws, Path keys, List<String> store) throws IOException {
        String trust = keys.resolve("trust.yaml").toString();

        CliRun verified = query(ws, store, "pending-signatures", "--role", "PM", "--role", "QA", "--role", "TechLead",
                "--trust", trust, "--format", "json");
        CliRun unverified = query(ws, store, "pending-signatures", "--role", "PM", "--role", "QA", "--role", "TechLead");

        assertThat(verified.exitCode()).as(verified.err()).isZero();
        JsonNode cycle = JSON.readTree(verified.out()).at("/cycles/0");
        assertThat(cycle.get("signed_roles").toString()).isEqualTo("[\"PM\"]");
        assertThat(cycle.get("unverified_roles").toString()).isEqualTo("[\"QA\"]");
        assertThat(cycle.get("missing_roles").toString()).isEqualTo("[\"QA\",\"TechLead\"]");
        assertThat(unverified.exitCode()).as(unverified.err()).isZero();
        assertThat(unverified.out()).contains("fe/2025-09-02\tPACKAGED\tsigned: \tunverified: PM,QA\tmissing: PM,QA,TechLead")
                .contains("no --trust file: no signature was verified");
    }

    /** The example committed, a decision log with two waivers written, advanced to PACKAGED (sealed). */
    private Path sealedWithWaivers(Optional<Path> store) throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Files.createDirectories(ws.resolve(DECISION_LOG).getParent());
        Files.writeString(ws.resolve(DECISION_LOG), """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - {rule: critical-approvals, item: FE-12, reason: board meets later, approver: cto-gina, expires: 2099-06-30}
                  - {rule: missing-owner, item: FE-13, reason: joins soon, approver: pm-ana, expires: 2099-12-31}
                """, StandardCharsets.UTF_8);
        for (String to : new String[] {"READY_FOR_HANDOFF", "PACKAGED"}) {
            List<String> args = new ArrayList<>(List.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle",
                    "2025-09-02", "--to", to, "--allow-dirty"));
            store.ifPresent(file -> args.addAll(List.of("--store", file.toString())));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        }
        return ws;
    }

    private void recordWaiverWithoutExpiry(Path ws, Optional<Path> store) {
        withWorkspace(ws, store, Optional.empty(), workspace -> workspace.record(CYCLE, EventType.WAIVER_GRANTED,
                Map.of("rule", "sox-audit-trail", "item", "FE-13", "approver", "app")));
    }

    /** PM signs for real; a QA signature is only claimed, by an event (a chained line, no signature). */
    private void signAsPmAndForgeQa(Path ws, Path keys, Optional<Path> store) {
        withWorkspace(ws, store, Optional.of(keys.resolve("trust.yaml")), workspace -> {
            // Sealed --allow-dirty (no git here), so signed saying so (dirty24).
            workspace.sign(CYCLE, Planning.keys().pemSigner("PM", keys.resolve("PM.key.pem")),
                    SignOptions.defaults().withAllowDirty(true));
            workspace.record(CYCLE, EventType.SIGNATURE_ADDED, Map.of("role", "QA", "key_id", "0".repeat(64)));
        });
    }

    private void withWorkspace(Path ws, Optional<Path> store, Optional<Path> trust,
            Consumer<PlanningWorkspace> action) {
        Planning.Builder builder = Planning.builder().workspace(ws);
        trust.ifPresent(builder::trustFile);
        if (store.isEmpty()) {
            action.accept(builder.build());
            return;
        }
        try (PostgresStore pg = PostgresStore.builder().jdbcUrl(postgres.jdbcUrl())
                .repository(repository()).build()) {
            action.accept(builder.eventStore(pg.eventStore()).build());
        }
    }

    private static CliRun query(Path ws, List<String> store, String... args) {
        List<String> all = new ArrayList<>(List.of("store"));
        all.addAll(List.of(args));
        all.addAll(List.of("-w", ws.toString()));
        all.addAll(store);
        return CliRun.of(all.toArray(String[]::new));
    }

    private String repository() {
        return "acme/sealed-" + repositories;
    }

    private Path config() {
        repositories++;
        return postgres.storeFile(dir.resolve("store.properties"), repository());
    }
}
