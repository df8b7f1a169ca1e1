package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.seal.DiscrepancyKind;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Which verification findings stop {@code attest}: an allow-list of the kinds judged against trusted
 * keys (which attest may be given none of), every other kind blocks, a kind nobody listed included.
 */
class AttestBlockingKindsTest {

    /** Every kind, classified by hand: a kind added to the enum fails {@link #everyKindIsClassifiedHere}. */
    private static final Map<DiscrepancyKind, Boolean> BLOCKS = Map.ofEntries(
            Map.entry(DiscrepancyKind.MANIFEST_INVALID, true),
            Map.entry(DiscrepancyKind.MANIFEST_NOT_CANONICAL, true),
            Map.entry(DiscrepancyKind.ARTIFACT_CHANGED, true),
            Map.entry(DiscrepancyKind.ARTIFACT_MISSING, true),
            Map.entry(DiscrepancyKind.ARTIFACT_UNSEALED, true),
            Map.entry(DiscrepancyKind.RULEBOOK_CHANGED, true),
            Map.entry(DiscrepancyKind.SNAPSHOT_REV_MISSING, true),
            Map.entry(DiscrepancyKind.VERDICT_CHANGED, true),
            Map.entry(DiscrepancyKind.EVIDENCE_MISMATCH, true),
            Map.entry(DiscrepancyKind.SEAL_EVENT_MISMATCH, true),
            Map.entry(DiscrepancyKind.MANIFEST_ID_DUPLICATE, true),
            Map.entry(DiscrepancyKind.SIGNATURE_INVALID, false),
            Map.entry(DiscrepancyKind.SIGNATURE_UNTRUSTED, false),
            Map.entry(DiscrepancyKind.SIGNATURE_WRONG_ROLE, false),
            Map.entry(DiscrepancyKind.SIGNATURE_DUPLICATE, false),
            Map.entry(DiscrepancyKind.THRESHOLD_NOT_MET, false),
            Map.entry(DiscrepancyKind.PRIOR_MANIFEST, false),
            Map.entry(DiscrepancyKind.UNSIGNED_HISTORY, false),
            Map.entry(DiscrepancyKind.SUMMARY_INVALID, false),
            Map.entry(DiscrepancyKind.SUMMARY_MISMATCH, false),
            Map.entry(DiscrepancyKind.SUMMARY_MISSING, false));

    @Test
    void everyKindIsClassifiedHere() {
        assertThat(BLOCKS.keySet()).containsExactlyInAnyOrder(DiscrepancyKind.values());
    }

    @Test
    void eachKindBlocksOrPassesAsClassified() {
        for (DiscrepancyKind kind : DiscrepancyKind.values()) {
            assertThat(Attester.BLOCKS.test(kind)).as(kind.name()).isEqualTo(BLOCKS.get(kind));
        }
    }

    @Test
    void theAllowListIsExactlyTheKindsThatPass() {
        Set<DiscrepancyKind> passing = EnumSet.noneOf(DiscrepancyKind.class);
        BLOCKS.forEach((kind, blocks) -> {
            if (!blocks) {
                passing.add(kind);
            }
        });

        assertThat(Attester.PASSING).isEqualTo(passing);
    }

    @Test
    void aKindNotOnTheAllowListBlocks() {
        Set<DiscrepancyKind> withoutSummaries = EnumSet.copyOf(Attester.PASSING);
        withoutSummaries.remove(DiscrepancyKind.SUMMARY_MISSING);

        Predicate<DiscrepancyKind> blocks = Attester.blocking(withoutSummaries);

        assertThat(blocks.test(DiscrepancyKind.SUMMARY_MISSING)).isTrue();
        assertThat(blocks.test(DiscrepancyKind.SUMMARY_MISMATCH)).isFalse();
    }

    @Test
    void withAnEmptyAllowListEveryKindBlocks() {
        Predicate<DiscrepancyKind> blocks = Attester.blocking(EnumSet.noneOf(DiscrepancyKind.class));

        assertThat(EnumSet.allOf(DiscrepancyKind.class)).allMatch(blocks);
    }

    @Test
    void aMissingKindBlocks() {
        assertThat(Attester.BLOCKS.test(null)).isTrue();
    }
}
