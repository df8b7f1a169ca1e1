package dev.planning.testkit.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CycleQueries}, as a JUnit 5 test class to extend: the same history is
 * written through a store's {@link EventStore} and every cross-cycle question must get the same
 * answer, whatever the storage (the workspace's files, PostgreSQL).
 *
 * <pre>{@code
 * class FileCycleQueriesTest extends CycleQueriesContract {
 *     @TempDir Path workspace;
 *     protected EventStore newStore() { return new FileEventStore(workspace); }
 *     protected CycleQueries queriesOf(EventStore store) { return Planning.cycleQueries(workspace); }
 *     protected Path workspaceOf(EventStore store) { return workspace; }   // where the store keeps its logs
 *     protected PlanningWorkspace open(Path directory, EventStore store, TrustedKeys trust) {
 *         return Planning.builder().workspace(directory).eventStore(store).trustedKeys(trust).build();
 *     }
 * }
 * }</pre>
 *
 * <p>Before each test the kit writes a rulebook to {@code rulebook/rulebook.yaml} under
 * {@link #workspaceOf}: its signing policy requires {@code 1 of [PM]} and {@code 1 of [TechLead, QA]}
 * (so it names {@code PM}, {@code QA} and {@code TechLead}, the roles the cases ask about), and its
 * profile runs {@code schema_lint} only. Queries that know a rulebook read that one (queries by path
 * read the workspace's {@code rulebook/}).
 *
 * <p>The history: {@code fe/a} only created; {@code fe/b} moved to {@code PACKAGED} and sealed,
 * with no manifest (the events alone, so its PM {@code SIGNATURE_ADDED} event is a claim no
 * signature backs), its seal recording the decision log's waiver expiring 2025-09-06, and three
 * waivers recorded as {@code WAIVER_GRANTED} (expiring 2025-09-05, 2025-12-31, and one without an
 * expiry date, which is always listed); {@code be/c} refused a move on 2025-09-03.
 *
 * <p>The signature cases ({@code pendingSignatures()}, and the policy and role questions with real
 * signatures) seal a real handoff, {@link #SIGNED}: the kit writes a small plan under
 * {@link #workspaceOf}, opens a workspace there over the store ({@link #open}), creates the cycle,
 * advances it to {@code READY_FOR_HANDOFF} and seals it ({@code --allow-dirty}: no git repository is
 * needed), then signs it through {@link PlanningWorkspace#sign(CycleRef, Signer, SignOptions)}, allowing the
 * dirty seal ({@link SignOptions#withAllowDirty}), with Ed25519 keys of its own (made with
 * the JDK for each test class, never written anywhere). The queries asked are those of
 * {@link #queriesOf(EventStore, Path, TrustedKeys)}, which verify signatures on the workspace's manifests
 * against a trust given in code. Each case checks the promise {@link CycleQueries#pendingSignatures()}
 * makes: a handoff is listed exactly while {@link PlanningWorkspace#verify} reports
 * {@code THRESHOLD_NOT_MET} for it under the same trust.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class CycleQueriesContract {

    /** The kit's handoff is sealed outside git ({@code dirty: true}), so it is signed saying so (dirty24). */
    private static final SignOptions DIRTY_TOO = SignOptions.defaults().withAllowDirty(true);

    /** A cycle only created. */
    protected static final CycleRef PLANNED = new CycleRef("fe", "a");
    /** A cycle sealed, with a PM signature event (no signature backs it) and waivers. */
    protected static final CycleRef SEALED = new CycleRef("fe", "b");
    /** A cycle with a refused transition. */
    protected static final CycleRef REFUSED = new CycleRef("be", "c");

    /** The cycle the signature cases seal and sign for real (in {@link #workspaceOf}). */
    protected static final CycleRef SIGNED = new CycleRef("fe", "2025-09-09");

    private static final Instant T0 = Instant.parse("2025-09-02T10:00:00Z");

    /** The rulebook the kit writes: its signing policy names PM, TechLead and QA. */
    private static final String RULEBOOK = """
            version: "1.0.0"
            required_tags: []
            profiles:
              fe:
                - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
            default_profile: fe
            signing:
              required:
                - {roles: [PM], min: 1}
                - {roles: [TechLead, QA], min: 1}
            kpis:
              - {name: plan_accuracy, formula: "done_tasks / planned_tasks * 100", inputs: [done_tasks, planned_tasks], unit: percent, target: 90, direction: higher_is_better, description: Delivered items.}
            """;

    /** The plan of {@link #SIGNED}. */
    private static final String PLAN = """
            version: "1.0.0"
            cycle_id: "2025-09-09"
            stream: fe
            tasks:
              - {id: FE-1, kind: epic, title: Checkout, owner: alice}
              - {id: FE-2, title: Address form, owner: bob, effort: 5, status: done}
              - {id: FE-3, title: Payment step, owner: carol, effort: 8, status: in_progress}
            """;

    private static final SigningRequirement PM_ONCE = new SigningRequirement(List.of("PM"), 1);
    private static final SigningRequirement LEAD_OR_QA = new SigningRequirement(List.of("TechLead", "QA"), 1);
    private static final SigningRequirement TWO_PMS = new SigningRequirement(List.of("PM"), 2);

    private static final KitSigner PM = new KitSigner("PM");
    private static final KitSigner SECOND_PM = new KitSigner("PM");
    private static final KitSigner TECH_LEAD = new KitSigner("TechLead");
    private static final KitSigner QA = new KitSigner("QA");
    /** Every kit key, each trusted for its own role. */
    private static final TrustedKeys TRUST = trust(SigningPolicy.NONE, PM, SECOND_PM, TECH_LEAD, QA);

    private int ids;
    private EventStore store;
    private CycleQueries queries;
    private String expiringWaiverId;
    private String sealId;
    private String noExpiryWaiverId;

    /**
     * A new store over new, empty storage (called once per test).
     *
     * @return never {@code null}
     */
    protected abstract EventStore newStore();

    /**
     * The queries over the storage of {@code store}, answering from what it holds.
     *
     * @param store a store returned by {@link #newStore()}
     * @return never {@code null}
     */
    protected abstract CycleQueries queriesOf(EventStore store);

    /**
     * The directory of the workspace the signature cases write, seal and sign in, and whose manifests and
     * rulebook the queries read: for a store that keeps its logs in a workspace's files, that workspace;
     * for another, an empty directory of the test's own (a {@code @TempDir}). The kit writes
     * {@code rulebook/rulebook.yaml} there before each test.
     *
     * @param store a store returned by {@link #newStore()}
     * @return never {@code null}
     */
    protected abstract Path workspaceOf(EventStore store);

    /**
     * A workspace on {@code directory} whose events {@code store} keeps, that trusts {@code trust} to sign:
     * usually {@code Planning.builder().workspace(directory).eventStore(store).trustedKeys(trust).build()}.
     *
     * @param directory {@link #workspaceOf(EventStore) workspaceOf(store)}, holding the kit's rulebook
     * @param store     a store returned by {@link #newStore()}
     * @param trust     the keys the workspace trusts to sign
     * @return never {@code null}
     */
    protected abstract PlanningWorkspace open(Path directory, EventStore store, TrustedKeys trust);

    /**
     * The queries over the storage of {@code store} that count a signature only when it verifies on a
     * manifest of {@code directory} by a key {@code trust} lists for its role, and that know the rulebook
     * of {@code directory}, so that they answer {@link CycleQueries#pendingSignatures()}. By default
     * {@code open(directory, store, trust).queries(trust)}; a store with queries of its own overrides it
     * (the PostgreSQL store's {@code queries(directory, trust)}).
     *
     * @param store     a store returned by {@link #newStore()}
     * @param directory {@link #workspaceOf(EventStore) workspaceOf(store)}
     * @param trust     the keys trusted to sign, with their own signing policy
     * @return never {@code null}
     */
    protected CycleQueries queriesOf(EventStore store, Path directory, TrustedKeys trust) {
        return open(directory, store, trust).queries(trust);
    }

    @BeforeEach
    final void writeHistory() {
        store = newStore();
        write(workspaceOf(store).resolve("rulebook/rulebook.yaml"), RULEBOOK);
        store.append(PLANNED, created(PLANNED), RecordedEvent.GENESIS);

        String head = store.append(SEALED, created(SEALED), RecordedEvent.GENESIS).hash();
        head = append(SEALED, moved(SEALED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        head = append(SEALED, moved(SEALED, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED), head);
        PlanningEvent seal = fact(SEALED, EventType.MANIFEST_SEALED, Map.of("manifest_sha256", "x", "waivers", "1",
                "waiver.1.rule", "missing-owner", "waiver.1.item", "FE-4", "waiver.1.approver", "lead",
                "waiver.1.expires", "2025-09-06"));
        sealId = seal.id();
        head = append(SEALED, seal, head);
        head = append(SEALED, fact(SEALED, EventType.SIGNATURE_ADDED, Map.of("role", "PM")), head);
        PlanningEvent expiring = fact(SEALED, EventType.WAIVER_GRANTED,
                Map.of("rule", "critical-zero", "item", "FE-1", "approver", "cto", "expires", "2025-09-05"));
        expiringWaiverId = expiring.id();
        head = append(SEALED, expiring, head);
        head = append(SEALED, fact(SEALED, EventType.WAIVER_GRANTED,
                Map.of("rule", "sox", "item", "FE-2", "expires", "2025-12-31")), head);
        PlanningEvent noExpiry = fact(SEALED, EventType.WAIVER_GRANTED, Map.of("rule", "naming", "item", "FE-3"));
        noExpiryWaiverId = noExpiry.id();
        append(SEALED, noExpiry, head);

        head = store.append(REFUSED, created(REFUSED), RecordedEvent.GENESIS).hash();
        store.append(REFUSED, new PlanningEvent(nextId(), Instant.parse("2025-09-03T08:00:00Z"),
                EventType.TRANSITION_REFUSED, Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF),
                REFUSED.toString(), "contract", Map.of("governance", GateStatus.FAIL), Map.of()), head);
        queries = queriesOf(store);
    }

    @Test
    @DisplayName("a workspace over the store lists exactly the cycles the store lists and the portfolio holds, each existing")
    void theWorkspaceListsTheStoresCycles() {
        PlanningWorkspace workspace = open(workspaceOf(store), store, TrustedKeys.none());

        assertThat(store.cycles()).as("the store's cycles()").containsExactly(REFUSED, PLANNED, SEALED);
        assertThat(workspace.cycles()).as("the workspace's cycles()").containsExactly(REFUSED, PLANNED, SEALED)
                .allSatisfy(cycle -> assertThat(workspace.exists(cycle)).as("%s exists", cycle).isTrue());
        assertThat(queries.portfolio()).extracting(CycleQueries.CycleSummary::cycle).as("the portfolio's cycles")
                .containsExactlyElementsOf(workspace.cycles());
        assertThat(workspace.exists(new CycleRef("fe", "never"))).as("a cycle the store holds no event of").isFalse();
    }

    @Test
    @DisplayName("the portfolio holds every cycle with its state and event count, by stream then cycle id")
    void portfolio() {
        assertThat(queries.portfolio())
                .extracting(CycleQueries.CycleSummary::cycle, CycleQueries.CycleSummary::state,
                        CycleQueries.CycleSummary::events)
                .containsExactly(
                        Tuple.tuple(REFUSED, CycleState.PLANNED, 2),
                        Tuple.tuple(PLANNED, CycleState.PLANNED, 1),
                        Tuple.tuple(SEALED, CycleState.PACKAGED, 8));
        assertThat(queries.portfolio()).filteredOn(c -> c.cycle().equals(REFUSED))
                .extracting(CycleQueries.CycleSummary::updatedAt)
                .containsExactly(Instant.parse("2025-09-03T08:00:00Z"));
    }

    @Test
    @DisplayName("pending signatures: a SIGNATURE_ADDED event alone never makes a role signed, it is only claimed")
    void pendingSignatures() {
        // fe/b's manifest was never written: queries that read manifests also say so (manifestRefused, the
        // replaced-manifest case), those that read none do not; the signatures are what is asked here.
        assertThat(queries.pendingSignatures(Set.of("PM", "QA", "TechLead")))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("manifestRefused")
                .containsExactly(new CycleQueries.PendingSignatures(SEALED, CycleState.PACKAGED, List.of(),
                        List.of("PM"), List.of("PM", "QA", "TechLead"), List.of(once("PM"), once("QA"),
                                once("TechLead"))));
        assertThat(queries.pendingSignatures(Set.of("PM")))
                .extracting(CycleQueries.PendingSignatures::missingRoles).containsExactly(List.of("PM"));
    }

    @Test
    @DisplayName("pending signatures of a signing policy: each unmet requirement with how many signers count for it")
    void pendingSignaturesOfASigningPolicy() {
        SigningRequirement pm = new SigningRequirement(List.of("PM"), 1);
        SigningRequirement leads = new SigningRequirement(List.of("TechLead", "QA"), 2);

        assertThat(queries.pendingSignatures(new SigningPolicy(List.of(pm, leads))))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("manifestRefused")
                .containsExactly(new CycleQueries.PendingSignatures(SEALED, CycleState.PACKAGED, List.of(),
                        List.of("PM"), List.of("PM", "QA", "TechLead"), List.of(
                                new CycleQueries.UnmetRequirement(pm, 0), new CycleQueries.UnmetRequirement(leads, 0))));
        assertThat(queries.pendingSignatures(SigningPolicy.NONE)).as("a policy that requires no signature").isEmpty();
    }

    @Test
    @DisplayName("pending signatures of a signing policy: two of one role with none that verifies is pending for two")
    void pendingSignaturesOfAPolicyNeedingTwoSignersOfOneRole() {
        SigningRequirement twoPms = new SigningRequirement(List.of("PM"), 2);

        assertThat(queries.pendingSignatures(new SigningPolicy(List.of(twoPms))))
                .singleElement().satisfies(p -> {
                    assertThat(p.missingRoles()).containsExactly("PM");
                    assertThat(p.unmetRequirements()).containsExactly(new CycleQueries.UnmetRequirement(twoPms, 0));
                    assertThat(p.unmetRequirements().get(0).missing()).isEqualTo(2);
                });
    }

    @Test
    @DisplayName("pending signatures refuse no role and a malformed one, never answering \"nothing pending\" for them")
    void pendingSignaturesRefuseNoRoleAndAMalformedOne() {
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requiredRoles");
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of("PM", "Q A")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'Q A'");
        assertThatThrownBy(() -> queries.pendingSignatures((Set<String>) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("requiredRoles");
    }

    @Test
    @DisplayName("expiring waivers are the recorded and sealed waivers expiring on or before the date, and those with no expiry")
    void expiringWaivers() {
        assertThat(queries.expiringWaivers(LocalDate.parse("2025-09-07")))
                .containsExactly(
                        new CycleQueries.WaiverExpiry(SEALED, noExpiryWaiverId, Optional.empty(), Optional.of("naming"),
                                Optional.of("FE-3"), Optional.empty()),
                        new CycleQueries.WaiverExpiry(SEALED, expiringWaiverId, Optional.of(LocalDate.parse("2025-09-05")),
                                Optional.of("critical-zero"), Optional.of("FE-1"), Optional.of("cto")),
                        new CycleQueries.WaiverExpiry(SEALED, sealId, Optional.of(LocalDate.parse("2025-09-06")),
                                Optional.of("missing-owner"), Optional.of("FE-4"), Optional.of("lead")));
        assertThat(queries.expiringWaivers(LocalDate.parse("2025-09-05"))).hasSize(2);
        assertThat(queries.expiringWaivers(LocalDate.parse("2025-09-04")))
                .singleElement().satisfies(w -> assertThat(w.noExpiry()).isTrue());
        assertThat(queries.expiringWaivers(LocalDate.parse("2026-01-01")))
                .extracting(CycleQueries.WaiverExpiry::expires)
                .containsExactly(Optional.empty(), Optional.of(LocalDate.parse("2025-09-05")),
                        Optional.of(LocalDate.parse("2025-09-06")), Optional.of(LocalDate.parse("2025-12-31")));
    }

    @Test
    @DisplayName("recent refusals are the refused transitions at or after the instant, at most the limit")
    void recentRefusals() {
        assertThat(queries.recentRefusals(Instant.parse("2025-09-03T08:00:00Z"), 10))
                .singleElement()
                .satisfies(refusal -> {
                    assertThat(refusal.cycle()).isEqualTo(REFUSED);
                    assertThat(refusal.from()).contains(CycleState.PLANNED);
                    assertThat(refusal.requested()).contains(CycleState.READY_FOR_HANDOFF);
                    assertThat(refusal.gateResults()).containsEntry("governance", GateStatus.FAIL);
                });
        assertThat(queries.recentRefusals(Instant.parse("2025-09-03T08:00:01Z"), 10)).isEmpty();
        assertThatThrownBy(() -> queries.recentRefusals(T0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("every answer is a list the caller cannot change, so no caller changes what another reads")
    void everyAnswerIsAListTheCallerCannotChange() {
        List<List<?>> answers = List.of(queries.portfolio(), queries.pendingSignatures(Set.of("PM", "QA", "TechLead")),
                queries.pendingSignatures(new SigningPolicy(List.of(new SigningRequirement(List.of("PM"), 1)))),
                queries.expiringWaivers(LocalDate.parse("2026-01-01")), queries.recentRefusals(T0, 10));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer).as("each answer here holds a row").isNotEmpty();
            assertThatThrownBy(answer::clear).isInstanceOf(UnsupportedOperationException.class);
        });
    }

    @Test
    @DisplayName("an event appended after the queries were obtained is seen by the next question")
    void answersFromWhatIsStoredNow() {
        String head = store.read(PLANNED).get(0).hash();
        store.append(PLANNED, moved(PLANNED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);

        assertThat(queries.portfolio()).filteredOn(c -> c.cycle().equals(PLANNED))
                .extracting(CycleQueries.CycleSummary::state).containsExactly(CycleState.READY_FOR_HANDOFF);
    }

    @Test
    @DisplayName("pending signatures judged as verify judges: listed exactly while verify finds the signing policy unmet")
    void pendingSignaturesOfTheWorkspaceAgreeWithVerify() {
        PlanningWorkspace workspace = sealedAndSignedBy();
        Path directory = workspaceOf(store);
        CycleQueries signed = queriesOf(store, directory, TRUST);

        assertThat(pendingOfSigned(signed.pendingSignatures())).as("sealed, unsigned").singleElement()
                .satisfies(p -> assertThat(p.unmetRequirements()).containsExactly(
                        new CycleQueries.UnmetRequirement(PM_ONCE, 0), new CycleQueries.UnmetRequirement(LEAD_OR_QA, 0)));
        refusedForSignatures(workspace, TRUST, true);

        workspace.sign(SIGNED, PM, DIRTY_TOO);
        assertThat(pendingOfSigned(signed.pendingSignatures())).as("signed by the PM").singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(CycleState.PACKAGED);
            assertThat(p.signedRoles()).containsExactly("PM");
            assertThat(p.missingRoles()).containsExactly("QA", "TechLead");
            assertThat(p.unmetRequirements()).containsExactly(new CycleQueries.UnmetRequirement(LEAD_OR_QA, 0));
        });
        refusedForSignatures(workspace, TRUST, true);

        workspace.sign(SIGNED, QA, DIRTY_TOO);
        assertThat(pendingOfSigned(signed.pendingSignatures())).as("signed by the PM and QA: the policy is met").isEmpty();
        refusedForSignatures(workspace, TRUST, false);
        assertThat(signed.pendingSignatures()).as("the events-only cycle: no manifest, nothing counts")
                .extracting(CycleQueries.PendingSignatures::cycle).containsExactly(SEALED);
    }

    @Test
    @DisplayName("pending signatures by role and by policy count the signatures that verify, one per key")
    void pendingSignaturesByRoleAndByPolicyCountRealSignatures() {
        PlanningWorkspace workspace = sealedAndSignedBy(PM, QA);
        CycleQueries signed = queriesOf(store, workspaceOf(store), TRUST);

        assertThat(pendingOfSigned(signed.pendingSignatures(Set.of("PM", "QA", "TechLead")))).singleElement()
                .satisfies(p -> {
                    assertThat(p.signedRoles()).containsExactly("PM", "QA");
                    assertThat(p.missingRoles()).containsExactly("TechLead");
                    assertThat(p.unmetRequirements()).containsExactly(once("TechLead"));
                });
        assertThat(pendingOfSigned(signed.pendingSignatures(Set.of("PM", "QA")))).isEmpty();
        assertThat(pendingOfSigned(signed.pendingSignatures(new SigningPolicy(List.of(TWO_PMS))))).singleElement()
                .satisfies(p -> assertThat(p.unmetRequirements())
                        .containsExactly(new CycleQueries.UnmetRequirement(TWO_PMS, 1)));

        // sign refuses a second key of a role the workspace's policy needs no more of: a trust asking two.
        open(workspaceOf(store), store, trust(new SigningPolicy(List.of(TWO_PMS)), PM, SECOND_PM, TECH_LEAD, QA))
                .sign(SIGNED, SECOND_PM, DIRTY_TOO);
        assertThat(pendingOfSigned(signed.pendingSignatures(new SigningPolicy(List.of(TWO_PMS)))))
                .as("a second PM key").isEmpty();
    }

    @Test
    @DisplayName("pending signatures: the trust file's own policy applies, as verify applies it")
    void pendingSignaturesJudgeTheTrustFilesOwnPolicy() {
        PlanningWorkspace workspace = sealedAndSignedBy(PM, TECH_LEAD);
        TrustedKeys askingTwoPms = trust(new SigningPolicy(List.of(TWO_PMS)), PM, SECOND_PM, TECH_LEAD, QA);

        assertThat(pendingOfSigned(TRUST)).as("the rulebook's policy alone is met").isEmpty();
        assertThat(pendingOfSigned(askingTwoPms)).singleElement().satisfies(p -> assertThat(p.unmetRequirements())
                        .containsExactly(new CycleQueries.UnmetRequirement(TWO_PMS, 1)));
        refusedForSignatures(workspace, askingTwoPms, true);
    }

    @Test
    @DisplayName("pending signatures: a signature by a key not trusted for its role, or an event alone, counts for no one")
    void aSignatureByAKeyNotTrustedForItsRoleOrAnEventAloneCountsForNoOne() {
        PlanningWorkspace workspace = sealedAndSignedBy(PM, QA);
        RecordedEvent last = store.read(SIGNED).get(store.read(SIGNED).size() - 1);
        store.append(SIGNED, new PlanningEvent(nextId(), last.event().timestamp().plusSeconds(1),
                EventType.SIGNATURE_ADDED, Optional.empty(), Optional.empty(), SIGNED.toString(), "contract", Map.of(),
                Map.of("role", "TechLead")), last.hash());
        // QA's key listed under TechLead only: an earlier trust file; the one listing it for QA is TRUST.
        TrustedKeys qaKeyForTechLead = new TrustedKeys(List.of(trusted(PM), new TrustedKey("TechLead", QA.keyId(),
                SignatureAlgorithm.ED25519, QA.keys.getPublic())), "kit trust, QA's key for TechLead");

        assertThat(pendingOfSigned(qaKeyForTechLead)).singleElement().satisfies(p -> {
                    assertThat(p.signedRoles()).containsExactly("PM");
                    // QA's signature event is backed by a signature by a key this trust lists for TechLead only.
                    assertThat(p.unverifiedRoles()).containsExactly("QA", "TechLead");
                    assertThat(p.unmetRequirements()).containsExactly(new CycleQueries.UnmetRequirement(LEAD_OR_QA, 0));
                });
        refusedForSignatures(workspace, qaKeyForTechLead, true);
        assertThat(pendingOfSigned(TRUST)).isEmpty();
        refusedForSignatures(workspace, TRUST, false);
    }

    @Test
    @DisplayName("pending signatures of the workspace list a completed handoff verify refuses; a policy's question does not")
    void aCompletedHandoffVerifyRefusesIsPendingOfTheWorkspace() {
        PlanningWorkspace workspace = sealedAndSignedBy(PM, QA);
        List<RecordedEvent> log = store.read(SIGNED);
        String head = log.get(log.size() - 1).hash();
        Instant at = log.get(log.size() - 1).event().timestamp();
        CycleState from = CycleState.PACKAGED;
        for (CycleState to : List.of(CycleState.EXECUTED, CycleState.VALIDATED, CycleState.IMPROVE, CycleState.COMPLETED)) {
            at = at.plusSeconds(1);
            head = append(SIGNED, new PlanningEvent(nextId(), at, EventType.STATE_TRANSITION, Optional.of(from),
                    Optional.of(to), SIGNED.toString(), "contract", Map.of(), Map.of()), head);
            from = to;
        }
        TrustedKeys askingTwoPms = trust(new SigningPolicy(List.of(TWO_PMS)), PM, SECOND_PM, TECH_LEAD, QA);

        assertThat(pendingOfSigned(TRUST)).isEmpty();
        assertThat(pendingOfSigned(askingTwoPms)).as("a policy raised since the cycle completed").singleElement()
                .satisfies(p -> {
                    assertThat(p.state()).isEqualTo(CycleState.COMPLETED);
                    assertThat(p.unmetRequirements()).containsExactly(new CycleQueries.UnmetRequirement(TWO_PMS, 1));
                });
        refusedForSignatures(workspace, askingTwoPms, true);
        assertThat(pendingOfSigned(queriesOf(store, workspaceOf(store), askingTwoPms)
                .pendingSignatures(new SigningPolicy(List.of(TWO_PMS))))).as("handoffs in flight only").isEmpty();
    }

    @Test
    @DisplayName("pending signatures name a replaced or missing manifest, as verify refuses it for the manifest")
    void aReplacedManifestIsPendingNamedAsVerifyRefusesIt() throws IOException {
        PlanningWorkspace workspace = sealedAndSignedBy(PM);
        String path = workspace.layout().manifest(SIGNED);
        Path manifest = workspaceOf(store).resolve(path);
        assertThat(pendingOfSigned(TRUST)).as("the sealed manifest, signed by the PM").singleElement()
                .satisfies(p -> assertThat(p.manifestRefused()).isEmpty());
        workspace.sign(SIGNED, QA, DIRTY_TOO);
        String sealed = Files.readString(manifest, StandardCharsets.UTF_8);
        assertThat(sealed).contains("dirty: true");

        // Replaced by a manifest that reads, carrying the same signatures, but is not the one sealed.
        Files.writeString(manifest, sealed.replace("dirty: true", "dirty: false"), StandardCharsets.UTF_8);
        assertThat(pendingOfSigned(TRUST)).singleElement().satisfies(p -> {
            assertThat(p.manifestRefused()).hasValueSatisfying(why -> assertThat(why).startsWith(path)
                    .contains("not the manifest MANIFEST_SEALED recorded"));
            assertThat(p.signedRoles()).isEmpty();
            assertThat(p.unverifiedRoles()).containsExactly("PM", "QA");
            assertThat(p.unmetRequirements()).containsExactly(new CycleQueries.UnmetRequirement(PM_ONCE, 0),
                    new CycleQueries.UnmetRequirement(LEAD_OR_QA, 0));
        });
        assertThat(workspace.verify(SIGNED, TRUST).discrepancies(DiscrepancyKind.SEAL_EVENT_MISMATCH))
                .as("verify refuses it for the manifest").isNotEmpty();

        Files.delete(manifest);
        assertThat(pendingOfSigned(TRUST)).singleElement().satisfies(p -> assertThat(p.manifestRefused())
                .hasValueSatisfying(why -> assertThat(why).startsWith(path).contains("is missing")));
        assertThat(workspace.verify(SIGNED, TRUST).discrepancies(DiscrepancyKind.MANIFEST_INVALID))
                .as("verify refuses it for the manifest").isNotEmpty();
        Files.writeString(manifest, sealed, StandardCharsets.UTF_8);
        assertThat(pendingOfSigned(TRUST)).as("the sealed manifest restored: the policy is met").isEmpty();
    }

    /**
     * {@link #SIGNED} sealed in a workspace over the store that trusts every kit key, then signed by
     * {@code signers} in order (none: sealed, unsigned).
     */
    private PlanningWorkspace sealedAndSignedBy(KitSigner... signers) {
        Path directory = workspaceOf(store);
        PlanningWorkspace workspace = open(directory, store, TRUST);
        write(directory.resolve(workspace.layout().taskBreakdown(SIGNED)), PLAN);
        workspace.create(SIGNED);
        TransitionResult ready = workspace.advance(SIGNED, CycleState.READY_FOR_HANDOFF);
        assertThat(ready.accepted()).as("the kit's plan passes its rulebook: %s", ready.gateResults()).isTrue();
        workspace.seal(SIGNED, new SealOptions(true, Optional.empty(), Optional.empty()));
        for (KitSigner signer : signers) {
            workspace.sign(SIGNED, signer, DIRTY_TOO);
        }
        return workspace;
    }

    /** What the workspace's pending-signatures query lists for {@link #SIGNED} under {@code trust}. */
    private List<CycleQueries.PendingSignatures> pendingOfSigned(TrustedKeys trust) {
        return pendingOfSigned(queriesOf(store, workspaceOf(store), trust).pendingSignatures());
    }

    private static List<CycleQueries.PendingSignatures> pendingOfSigned(List<CycleQueries.PendingSignatures> pending) {
        return pending.stream().filter(p -> p.cycle().equals(SIGNED)).toList();
    }

    /** Whether {@code verify} of {@link #SIGNED} under {@code trust} finds its signatures short of the policy. */
    private static void refusedForSignatures(PlanningWorkspace workspace, TrustedKeys trust, boolean refused) {
        List<Discrepancy> unmet = workspace.verify(SIGNED, trust).discrepancies(DiscrepancyKind.THRESHOLD_NOT_MET);
        if (refused) {
            assertThat(unmet).as("verify refuses it for its signatures").isNotEmpty();
        } else {
            assertThat(unmet).as("verify finds its signing policy met").isEmpty();
        }
    }

    private static TrustedKeys trust(SigningPolicy policy, KitSigner... signers) {
        return new TrustedKeys(Arrays.stream(signers).map(CycleQueriesContract::trusted).toList(),
                "kit trust", policy);
    }

    private static TrustedKey trusted(KitSigner signer) {
        return new TrustedKey(signer.role(), signer.keyId(), SignatureAlgorithm.ED25519, signer.keys.getPublic());
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** An Ed25519 key made with the JDK for one role, kept in memory only. */
    private static final class KitSigner implements Signer {
        private final String role;
        private final KeyPair keys;

        KitSigner(String role) {
            this.role = role;
            try {
                this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot make an Ed25519 key", e);
            }
        }

        @Override
        public String role() {
            return role;
        }

        @Override
        public String keyId() {
            return TrustedKey.keyIdOf(keys.getPublic());
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ED25519;
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(keys.getPrivate());
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot sign with Ed25519", e);
            }
        }
    }

    private String append(CycleRef cycle, PlanningEvent event, String head) {
        return store.append(cycle, event, head).hash();
    }

    private String nextId() {
        return "evt_queries_" + (++ids);
    }

    private PlanningEvent created(CycleRef cycle) {
        return new PlanningEvent(nextId(), T0, EventType.CYCLE_CREATED, Optional.empty(),
                Optional.of(CycleState.PLANNED), cycle.toString(), "contract", Map.of(), Map.of());
    }

    private PlanningEvent moved(CycleRef cycle, CycleState from, CycleState to) {
        return new PlanningEvent(nextId(), T0.plusSeconds(60), EventType.STATE_TRANSITION, Optional.of(from),
                Optional.of(to), cycle.toString(), "contract", Map.of("schema_lint", GateStatus.PASS), Map.of());
    }

    private PlanningEvent fact(CycleRef cycle, EventType type, Map<String, String> details) {
        return new PlanningEvent(nextId(), T0.plusSeconds(120), type, Optional.empty(), Optional.empty(),
                cycle.toString(), "contract", Map.of(), details);
    }

    private static CycleQueries.UnmetRequirement once(String role) {
        return new CycleQueries.UnmetRequirement(new SigningRequirement(List.of(role), 1), 0);
    }
}
