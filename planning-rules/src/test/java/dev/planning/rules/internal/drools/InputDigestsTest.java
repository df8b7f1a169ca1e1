package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The input digests recorded in decisions are pinned: their canonical JSON must not drift. */
class InputDigestsTest {

    private static final GovernanceInput INPUT = GovernanceInput.builder(new CycleRef("fe", "2025-09-02"),
                    LocalDate.of(2025, 9, 2))
            .tasks(Task.builder("FE-12", "Checkout form").owner("alice").tags("criticality:0", "compliance:sox")
                            .effort(8).priority(Priority.P1).due(LocalDate.of(2025, 9, 30)).dependsOn("FE-3").build(),
                    Task.builder("FE-3", "Cart").build())
            .waiver(new Waiver("critical-approvals", "FE-12", "third approver on leave", "lead", LocalDate.of(2025, 9, 30)))
            .build();

    @Test
    void waiversAreDigestedAsCompactJsonWithSortedPropertiesAndIsoDates() {
        // sha256 of [{"approver":"lead","expires":"2025-09-30","item":"FE-12","reason":"third approver on leave","rule":"critical-approvals"}]
        assertThat(InputDigests.of(INPUT)).containsEntry("waivers",
                "1c54fffa83dc554d18abce38d5e6821cf8f7c6a5c6c33c62db41ca0036140136");
    }

    @Test
    void taskDigestsAreThoseRecordedBeforeTheMapperMovedToTheEnginesFactory() {
        // Computed by the mapper InputDigests configured itself (commit 7345f3a): decisions recorded
        // since must keep comparing equal.
        assertThat(InputDigests.of(INPUT)).containsEntry("tasks",
                "27f6a43db5427d4dad36d8f38dd3c4cd4ef72f9f0c79684d278ccdfba1bd3362");
    }

    /**
     * Found by the fourth review of 2026-12-03: a plan's YAML may write an unpaired surrogate
     * ({@code "\uD800"} in a double-quoted string), which UTF-8 cannot encode; the canonical JSON's
     * bytes turned it into {@code ?}, so the plan titled {@code a\uD800} and the plan titled {@code a?}
     * had one digest. It is now digested as the JSON escape it is ({@code \uD800} inside the string).
     */
    @Test
    void anUnpairedSurrogateIsDigestedAsItselfNotAsAQuestionMark() {
        String unpaired = InputDigests.of(plan("a\uD800")).get("tasks");
        assertThat(unpaired).isNotEqualTo(InputDigests.of(plan("a?")).get("tasks"))
                .isNotEqualTo(InputDigests.of(plan("a\uDC00")).get("tasks"))
                .isNotEqualTo(InputDigests.of(plan("a\\uD800")).get("tasks"));
        assertThat(InputDigests.of(plan("a\uDC00\uD800")).get("tasks"))
                .isNotEqualTo(InputDigests.of(plan("a??")).get("tasks"));
        // A pair is one character, digested as its UTF-8 bytes as before.
        GovernanceInput paired = plan("a\uD83D\uDE00");
        assertThat(InputDigests.of(paired).get("tasks")).isEqualTo(sha256(CanonicalInputs.of(paired.tasks())));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GovernanceInput plan(String title) {
        return GovernanceInput.builder(new CycleRef("fe", "2025-09-02"), LocalDate.of(2025, 9, 2))
                .tasks(Task.builder("FE-1", title).build())
                .build();
    }
}
