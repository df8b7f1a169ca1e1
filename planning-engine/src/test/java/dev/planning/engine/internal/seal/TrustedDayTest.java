package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trusted day waivers are judged on, and the timestamps no clock has reached. */
class TrustedDayTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static ManifestSignature signedAt(String at) {
        return new ManifestSignature("PM", "k", "Ed25519", "AA==", Instant.parse(at));
    }

    private static TrustedDay.Used expiring(String day) {
        return new TrustedDay.Used("m.yaml", "critical-approvals", "FE-12", Optional.of(LocalDate.parse(day)));
    }

    @Test
    void withoutSignaturesTheDayIsTheVerifiersClock() {
        assertThat(TrustedDay.of(NOW, List.of(), false).day()).isEqualTo(LocalDate.parse("2026-03-10"));
    }

    @Test
    void theLatestTrustedSignatureGivesTheDayWhenItIsEarlier() {
        TrustedDay day = TrustedDay.of(NOW, List.of(signedAt("2025-09-10T10:00:00Z"),
                signedAt("2025-09-12T09:00:00Z"), signedAt("2025-09-11T09:00:00Z")), false);

        assertThat(day.day()).isEqualTo(LocalDate.parse("2025-09-12"));
        assertThat(day.waivers(List.of(expiring("2025-09-12")))).isEmpty();
        assertThat(day.waivers(List.of(expiring("2025-09-11")))).singleElement()
                .satisfies(d -> assertThat(d.describe()).contains("EVIDENCE_MISMATCH", "expired on 2025-09-11",
                        "signed_at 2025-09-12T09:00:00Z"));
    }

    @Test
    void aSignatureLaterThanTheVerifiersClockDoesNotMoveTheDayForward() {
        assertThat(TrustedDay.of(NOW, List.of(signedAt("2027-01-01T00:00:00Z")), false).day())
                .isEqualTo(LocalDate.parse("2026-03-10"));
    }

    @Test
    void beforeSigningOnlyTheVerifiersClockIsTrusted() {
        TrustedDay day = TrustedDay.of(NOW, List.of(signedAt("2025-09-12T09:00:00Z")), true);

        assertThat(day.day()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(day.waivers(List.of(expiring("2025-09-30")))).extracting(Discrepancy::kind)
                .containsExactly(DiscrepancyKind.EVIDENCE_MISMATCH);
    }

    @Test
    void aWaiverHoldsThroughItsLastDay() {
        assertThat(TrustedDay.of(NOW, List.of(), false).waivers(List.of(expiring("2026-03-10")))).isEmpty();
    }

    @Test
    void aWaiverWhoseExpiryCannotBeReadHoldsOnNoDay() {
        List<TrustedDay.Used> used = TrustedDay.used("e.json", List.of(Map.of("rule", "r", "item", "FE-1",
                "expires", "someday")));

        assertThat(TrustedDay.of(NOW, List.of(), false).waivers(used)).singleElement()
                .satisfies(d -> assertThat(d.describe()).contains("e.json", "an expiry that cannot be read"));
    }

    @Test
    void anUnreadableWaiversUsedListHoldsOnNoDay() {
        assertThat(TrustedDay.of(NOW, List.of(), false).waivers(TrustedDay.used("e.json", "not a list")))
                .hasSize(1);
    }

    @Test
    void theSameWaiverRecordedInSeveralPlacesIsReportedOnce() {
        assertThat(TrustedDay.of(NOW, List.of(), false).waivers(List.of(expiring("2025-09-30"),
                new TrustedDay.Used("e.json", "critical-approvals", "FE-12", Optional.of(LocalDate.parse("2025-09-30"))))))
                .singleElement().satisfies(d -> assertThat(d.file()).isEqualTo("m.yaml"));
    }

    @Test
    void aTimestampBeyondTheClockAndItsSkewIsInTheFuture() {
        TrustedDay day = TrustedDay.of(NOW, List.of(), false);

        List<Discrepancy> found = day.future(List.of(
                new TrustedDay.Stamp("m.yaml", "sealed_at", NOW.plus(TrustedDay.SKEW)),
                new TrustedDay.Stamp("log:3", "at", NOW.plus(TrustedDay.SKEW).plusSeconds(1))));

        assertThat(found).singleElement().satisfies(d -> assertThat(d.describe())
                .contains("log:3", "EVIDENCE_MISMATCH", "in the future of the verifier's clock"));
    }
}
