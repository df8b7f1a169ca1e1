package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.governance.Waiver;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.signing.TrustFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * review37a: under the {@code be} profile no governance gate runs at the sealing step, so the summary's waivers are
 * the sealed decision log's waivers in force on the day the sealing step judged (trust37), a day whoever seals sets.
 * A seal backdated to a day an expired waiver held puts it in the summary, which the trusted day refuses; an honest
 * seal on the day a waiver expires verifies that day (the day is the sealing step's, on both sides, not the
 * verifier's clock).
 */
@Tag("slow")
@Tag("attack")
class BackendSummaryDayAttackTest {

    private static final String BE = "streams: {fe: be,";

    @TempDir
    Path dir;

    @Test
    void aBackdatedSealsSummaryWaiverUnderTheBackendProfileIsJudgedOnTheTrustedDay() throws Exception {
        AttackWorkspace ws = BackdatedHandoff.waivedPlan(dir);
        ws.edit("rulebook/rulebook.yaml", r -> r.replace("streams: {fe: fe,", BE));
        ws.commit("be profile");
        BackdatedHandoff.sealAt(ws, BackdatedHandoff.BACKDATED);
        assertThat(ws.manifest().governance().waivers()).as("summarised on the backdated day")
                .extracting(Waiver::expires).containsExactly(LocalDate.parse(BackdatedHandoff.EXPIRES));

        VerificationReport report = BackdatedHandoff.at(ws, Instant.now().toString()).verify(BackdatedHandoff.FE,
                trust(ws));

        assertThat(report.discrepancies()).filteredOn(d -> d.kind() == DiscrepancyKind.EVIDENCE_MISMATCH)
                .extracting(Discrepancy::describe).singleElement().asString()
                .contains("the waiver of critical-approvals for FE-12", "expired on " + BackdatedHandoff.EXPIRES);
    }

    @Test
    void anHonestSealUnderTheBackendProfileWithAWaiverExpiringThatDayVerifiesThatDay() throws Exception {
        AttackWorkspace ws = BackdatedHandoff.waivedPlan(dir, "2025-09-10");
        ws.edit("rulebook/rulebook.yaml", r -> r.replace("streams: {fe: fe,", BE));
        ws.commit("be profile");
        BackdatedHandoff.sealAt(ws, "2025-09-10T23:59:59Z");
        assertThat(ws.manifest().governance().waivers()).extracting(Waiver::expires)
                .containsExactly(LocalDate.parse("2025-09-10"));

        VerificationReport report = BackdatedHandoff.at(ws, "2025-09-10T23:59:59Z").verify(BackdatedHandoff.FE,
                trust(ws));

        assertThat(report.discrepancies()).as("unsigned yet: the missing signatures only")
                .filteredOn(d -> d.kind() != DiscrepancyKind.THRESHOLD_NOT_MET).isEmpty();
    }

    private static TrustedKeys trust(AttackWorkspace ws) {
        return TrustFile.readOutside(Path.of(ws.trust()), ws.root());
    }
}
