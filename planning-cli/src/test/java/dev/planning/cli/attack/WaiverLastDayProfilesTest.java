package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.governance.Waiver;
import dev.planning.engine.internal.signing.PemSigner;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * trust38: a handoff sealed on the last day of a waiver of its summary is judged alike under every profile. Under
 * {@code fe} the governance gate used the waiver; under {@code be} no governance gate runs, and the summary lists the
 * decision log's waivers in force on the sealing day, each judged as one a verdict used. The sealing day is written
 * by whoever seals, so no profile judges a waiver on it: the trusted day before signing is the signer's clock. A
 * signature made that day is taken; one made the next day is refused, naming the waiver and the day it expired.
 */
@Tag("slow")
@Tag("attack")
class WaiverLastDayProfilesTest {

    private static final String LAST_DAY = "2025-09-10";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"fe", "be"})
    void aWaiverEndingOnTheSealingDayIsSignedThatDayAndRefusedTheNextUnderEveryProfile(String profile)
            throws Exception {
        AttackWorkspace ws = BackdatedHandoff.waivedPlan(dir, LAST_DAY);
        if (!profile.equals("fe")) {
            ws.edit("rulebook/rulebook.yaml", r -> r.replace("streams: {fe: fe,", "streams: {fe: " + profile + ","));
            ws.commit(profile + " profile");
        }
        BackdatedHandoff.sealAt(ws, LAST_DAY + "T10:00:00Z");
        assertThat(ws.manifest().governance().waivers()).extracting(Waiver::expires)
                .containsExactly(LocalDate.parse(LAST_DAY));

        BackdatedHandoff.at(ws, LAST_DAY + "T20:00:00Z").sign(BackdatedHandoff.FE,
                PemSigner.load("PM", ws.keys().resolve("PM.key.pem")));

        assertThat(ws.manifest().signatures()).as("signed on the waiver's last day").hasSize(1);
        assertThatThrownBy(() -> BackdatedHandoff.at(ws, "2025-09-11T08:00:00Z").sign(BackdatedHandoff.FE,
                PemSigner.load("TechLead", ws.keys().resolve("TechLead.key.pem"))))
                .hasMessageContaining("EVIDENCE_MISMATCH")
                .hasMessageContaining("the waiver of critical-approvals for FE-12 in force on 2025-09-11")
                .hasMessageContaining("expired on " + LAST_DAY);
        assertThat(ws.manifest().signatures()).as("nothing written the next day").hasSize(1);
    }
}
