package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.CycleQueries.WaiverExpiry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaiverFactsTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @Test
    void theWaiversASealRecordsReadBackAsTheyWere() {
        Map<String, String> details = WaiverFacts.sealedDetails(List.of(
                new Waiver("critical-approvals", "FE-12", "later", "cto", LocalDate.parse("2025-09-30")),
                new Waiver("missing-owner", "FE-13", "soon", "pm", LocalDate.parse("2025-10-31"))));

        assertThat(WaiverFacts.of(CYCLE, "evt_1", EventType.MANIFEST_SEALED, details)).containsExactly(
                new WaiverExpiry(CYCLE, "evt_1", Optional.of(LocalDate.parse("2025-09-30")),
                        Optional.of("critical-approvals"), Optional.of("FE-12"), Optional.of("cto")),
                new WaiverExpiry(CYCLE, "evt_1", Optional.of(LocalDate.parse("2025-10-31")),
                        Optional.of("missing-owner"), Optional.of("FE-13"), Optional.of("pm")));
    }

    @Test
    void aSealedWaiverCountThatDoesNotReadIsListedAsAlreadyExpired() {
        List<WaiverExpiry> found = WaiverFacts.of(CYCLE, "evt_1", EventType.MANIFEST_SEALED, Map.of("waivers", "two"));

        assertThat(WaiverFacts.expiringBy(found, LocalDate.parse("2000-01-01")))
                .singleElement().satisfies(w -> assertThat(w.expires()).contains(LocalDate.MIN));
    }

    /**
     * attack21: a committed log's seal event claiming two billion waivers (its chain rebuilt) made every
     * expiring-waivers question build one entry per claimed waiver, with no key behind any of them.
     */
    @Test
    void aSealedWaiverCountPastTheDetailsTheEventHoldsIsListedOnceAsAlreadyExpired() {
        List<WaiverExpiry> found = WaiverFacts.of(CYCLE, "evt_1", EventType.MANIFEST_SEALED, Map.of("waivers",
                "100000", "waiver.1.rule", "r", "waiver.1.expires", "2099-12-31"));

        assertThat(found).singleElement().satisfies(w -> assertThat(w.expires()).contains(LocalDate.MIN));
        assertThat(WaiverFacts.of(CYCLE, "evt_1", EventType.MANIFEST_SEALED, Map.of("waivers", "2147483647")))
                .singleElement().satisfies(w -> assertThat(w.expires()).contains(LocalDate.MIN));
    }

    @Test
    void anExpiryThatDoesNotReadCountsAsExpiredAndNoneAsNoExpiry() {
        List<WaiverExpiry> found = List.of(
                WaiverFacts.of(CYCLE, "evt_1", EventType.WAIVER_GRANTED, Map.of("rule", "r", "expires", "soon")).get(0),
                WaiverFacts.of(CYCLE, "evt_2", EventType.WAIVER_GRANTED, Map.of("rule", "r")).get(0));

        assertThat(WaiverFacts.expiringBy(found, LocalDate.parse("2000-01-01")))
                .extracting(WaiverExpiry::eventId, WaiverExpiry::noExpiry)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("evt_2", true),
                        org.assertj.core.groups.Tuple.tuple("evt_1", false));
    }

    @Test
    void otherEventsAndSealsWithoutWaiverDetailsRecordNone() {
        assertThat(WaiverFacts.of(CYCLE, "evt_1", EventType.MANIFEST_SEALED, Map.of("manifest_id", "m"))).isEmpty();
        assertThat(WaiverFacts.of(CYCLE, "evt_1", EventType.SIGNATURE_ADDED, Map.of("rule", "r"))).isEmpty();
    }

    /** strict23: the expiry was read by its first ten characters, so a date with more after it held. */
    @Test
    void anExpiryWithTextAfterTheDateCountsAsExpired() {
        for (String expires : new String[] {"2099-12-31junk", "2099-12-31T00:00:00Z", "2099-12-31 ", "+10000-01-01",
                "2099-02-30"}) {
            assertThat(WaiverFacts.of(CYCLE, "evt_1", EventType.WAIVER_GRANTED, Map.of("rule", "r", "expires", expires)))
                    .as(expires).singleElement().satisfies(w -> assertThat(w.expires()).contains(LocalDate.MIN));
        }
        assertThat(WaiverFacts.of(CYCLE, "evt_1", EventType.WAIVER_GRANTED, Map.of("rule", "r", "expires", "2099-12-31")))
                .singleElement().satisfies(w -> assertThat(w.expires()).contains(LocalDate.of(2099, 12, 31)));
    }

    /** strict23: a sealed count is the decimal a seal writes; {@code +1} or {@code 01} is no count. */
    @Test
    void aSealedCountNotWrittenAsASealWritesItCountsAsUnreadable() {
        for (String count : new String[] {"+1", "01", " 1"}) {
            assertThat(WaiverFacts.of(CYCLE, "evt_1", EventType.MANIFEST_SEALED, Map.of("waivers", count,
                    "waiver.1.rule", "r", "waiver.1.expires", "2099-12-31")))
                    .as(count).singleElement().satisfies(w -> assertThat(w.expires()).contains(LocalDate.MIN));
        }
    }
}
