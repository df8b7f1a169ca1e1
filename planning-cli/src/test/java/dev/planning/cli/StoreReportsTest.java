package dev.planning.cli;

import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.store.CycleQueries;
import dev.planning.store.postgres.PostgresStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes of the {@code store} queries' {@code --format json} documents (golden files
 * under {@code src/test/resources/golden/store/}; a mismatch leaves the actual bytes under
 * {@code target/golden-actual/}).
 */
class StoreReportsTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef BE = new CycleRef("be", "2025-09-16");
    private static final Instant AT = Instant.parse("2025-09-02T10:00:00.120Z");

    @Test
    void portfolioKeepsItsBytes() {
        assertGolden("portfolio.json", StoreReports.portfolio("postgresql:acme ü", List.of(
                new CycleQueries.CycleSummary(FE, CycleState.READY_FOR_HANDOFF, 2, AT),
                new CycleQueries.CycleSummary(BE, CycleState.PLANNED, 1, Instant.parse("2025-09-16T00:00:00Z")))));
        assertGolden("portfolio-empty.json", StoreReports.portfolio("files", List.of()));
    }

    @Test
    void pendingSignaturesKeepsItsBytes() {
        assertGolden("pending-signatures.json", StoreReports.pendingSignatures("files", List.of("QA", "PM", "QA"),
                List.of(new CycleQueries.PendingSignatures(FE, CycleState.PACKAGED, List.of("PM"), List.of("QA"),
                        List.of("QA"), List.of(once("QA"))), new CycleQueries.PendingSignatures(BE,
                        CycleState.READY_FOR_HANDOFF, List.of(), List.of(), List.of("PM", "QA"),
                        List.of(once("PM"), once("QA"))))));
    }

    @Test
    void pendingSignaturesOfTheWorkspacesPolicyKeepsItsBytes() {
        SigningRequirement twoPms = new SigningRequirement(List.of("PM"), 2);
        SigningRequirement leads = new SigningRequirement(List.of("TechLead", "QA"), 2);
        assertGolden("pending-signatures-policy.json", StoreReports.pendingSignatures("files", null, List.of(
                new CycleQueries.PendingSignatures(FE, CycleState.PACKAGED, List.of("PM", "QA"), List.of(),
                        List.of("PM", "QA", "TechLead"), List.of(new CycleQueries.UnmetRequirement(twoPms, 1),
                                new CycleQueries.UnmetRequirement(leads, 1))))));
    }

    @Test
    void aPendingCycleWhoseManifestVerifyRefusesNamesItOnlyThen() {
        String why = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml is not the manifest"
                + " MANIFEST_SEALED recorded (it was replaced or rewritten since the seal)";
        assertGolden("pending-signatures-refused.json", StoreReports.pendingSignatures("files", null, List.of(
                new CycleQueries.PendingSignatures(FE, CycleState.PACKAGED, List.of(), List.of("PM"),
                        List.of("PM"), List.of(once("PM")), Optional.of(why)), new CycleQueries.PendingSignatures(BE,
                        CycleState.PACKAGED, List.of(), List.of(), List.of("PM"), List.of(once("PM"))))));
    }

    private static CycleQueries.UnmetRequirement once(String role) {
        return new CycleQueries.UnmetRequirement(new SigningRequirement(List.of(role), 1), 0);
    }

    @Test
    void expiringWaiversKeepsItsBytes() {
        assertGolden("expiring-waivers.json", StoreReports.expiringWaivers("files", LocalDate.of(2025, 9, 9), List.of(
                new CycleQueries.WaiverExpiry(FE, "ev-1", Optional.of(LocalDate.of(2025, 9, 5)),
                        Optional.of("missing-owner"), Optional.of("FE-1"), Optional.of("pm \"x\" ü")),
                new CycleQueries.WaiverExpiry(BE, "ev-2", Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()))));
    }

    @Test
    void refusalsKeepsItsBytes() {
        Map<String, GateStatus> gates = new LinkedHashMap<>();
        gates.put("schema_lint", GateStatus.PASS);
        gates.put("governance", GateStatus.FAIL);
        assertGolden("refusals.json", StoreReports.refusals("files", Instant.parse("2025-09-01T00:00:00Z"), 50, List.of(
                new CycleQueries.Refusal(FE, "ev-3", AT, Optional.of(CycleState.PLANNED),
                        Optional.of(CycleState.READY_FOR_HANDOFF), gates),
                new CycleQueries.Refusal(BE, "ev-4", AT, Optional.empty(), Optional.empty(), Map.of()))));
    }

    /**
     * relay39: {@code store check --format json} gave no total of the mistakes found; the list holds a cycle's first
     * 50 and then one entry counting the rest, so its length was not it. {@code mistakes_total} is the text's total.
     */
    @Test
    void checkKeepsItsBytesWithTheTotalOfMistakesFoundListedOrNot() {
        String more = "and 50 more mistakes of this cycle's rows, not listed; fix those above, then check again";
        assertGolden("check.json", StoreReports.check("postgresql:acme", new PostgresStore.CheckResult("acme", 2, 101,
                List.of(new PostgresStore.Mistake("acme", "fe", "2025-09-02", 1, "line 1 was edited"),
                        new PostgresStore.Mistake("acme", "fe", "2025-09-02", 101, more)), 51)));
        assertGolden("check-ok.json", StoreReports.check("postgresql:acme",
                new PostgresStore.CheckResult("acme", 2, 101, List.of())));
    }

    private static void assertGolden(String name, Object json) {
        CliGolden.assertMatches("store/" + name, CliGolden.printed(json));
    }
}
