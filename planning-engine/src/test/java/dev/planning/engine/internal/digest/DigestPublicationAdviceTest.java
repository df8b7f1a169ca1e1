package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * digest41: a digest its cycle's log records no publication of, or another than the one recorded, was refused with the
 * advice to publish that cycle's digest (again), which a {@code COMPLETED} cycle cannot: nothing is recorded in it any
 * more ({@code DigestPublisher} refuses it). For such a cycle the advice is what can be done. time43: the same of
 * another cycle's digest found at the cycle's digest path ({@code DigestFrontMatter.readOf}).
 */
class DigestPublicationAdviceTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String PATH = "frameworks/planning-fe/digests/2025-09-02-digest.md";
    private static final byte[] DIGEST = "---\n---\n".getBytes(StandardCharsets.UTF_8);

    private static List<RecordedEvent> log(boolean published, boolean completed) {
        List<RecordedEvent> log = new ArrayList<>();
        add(log, EventType.CYCLE_CREATED, null, null, Map.of());
        if (published) {
            add(log, EventType.DIGEST_PUBLISHED, null, null, Map.of("path", PATH, "sha256", "a".repeat(64)));
        }
        if (completed) {
            add(log, EventType.STATE_TRANSITION, CycleState.IMPROVE, CycleState.COMPLETED, Map.of());
        }
        return log;
    }

    private static void add(List<RecordedEvent> log, EventType type, CycleState from, CycleState to,
            Map<String, String> details) {
        int line = log.size() + 1;
        log.add(new RecordedEvent(line, new PlanningEvent("evt_" + line, Instant.parse("2025-09-02T10:00:00Z")
                .plusSeconds(line), type, Optional.ofNullable(from), Optional.ofNullable(to), CYCLE.toString(),
                "tester", Map.of(), details), RecordedEvent.GENESIS, "1".repeat(64)));
    }

    private static void require(List<RecordedEvent> log) {
        DigestPublication.require(DIGEST, PATH, CYCLE, log, "log.jsonl", "earlier digest", "its figures would count");
    }

    @Test
    void anUnpublishedDigestOfACompletedCycleIsToBeDeletedNotPublished() {
        assertThatThrownBy(() -> require(log(false, true))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("records no publication of it")
                .hasMessageContaining("the cycle is COMPLETED and records nothing more, so its digest cannot be"
                        + " published again: delete " + PATH + " (`git rm " + PATH + "`)")
                .hasMessageNotContaining("publish that cycle's digest");
        assertThatThrownBy(() -> require(log(false, false))).hasMessageContaining("publish that cycle's digest, or"
                + " delete the file");
    }

    /** A digest file whose front matter is of cycle 2025-08-19, at the path of {@link #CYCLE}'s digest. */
    private static final byte[] OTHER_CYCLES = ("---\nversion: \"1.0\"\ncycle_id: \"2025-08-19\"\nstream: fe\n"
            + "generated_at: \"2025-09-01T09:00:00Z\"\nkpis:\n  k1: {actual: 7}\n---\n# digest\n")
            .getBytes(StandardCharsets.UTF_8);

    private static void readOf(Optional<List<RecordedEvent>> log) {
        DigestFrontMatter.readOf(OTHER_CYCLES, PATH, CYCLE, log, "digest", "its figures would count");
    }

    /**
     * time43: another cycle's digest at a cycle's digest path was refused with "restore it, or publish that cycle's
     * digest again" whatever the cycle's state: a COMPLETED cycle cannot publish one (DigestPublisher refuses it).
     */
    @Test
    void anotherCyclesDigestAtTheDigestPathOfACompletedCycleIsToBeRestoredOrDeletedNeverPublished() {
        assertThatThrownBy(() -> readOf(Optional.of(log(true, true)))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is of cycle_id 2025-08-19 in stream fe, but its file stands for cycle_id"
                        + " 2025-09-02 in stream fe")
                .hasMessageEndingWith(": restore it from version control (the cycle is COMPLETED and records nothing"
                        + " more, so its digest cannot be published again)");
        assertThatThrownBy(() -> readOf(Optional.of(log(false, true)))).isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith(": the cycle is COMPLETED and published no digest, and records nothing more:"
                        + " delete " + PATH + " (`git rm " + PATH + "`)");
    }

    /** time43: for a cycle not COMPLETED, one that never ran, or one whose log was not read, the advice fits it. */
    @Test
    void anotherCyclesDigestAtTheDigestPathOfACycleInAnyOtherStateIsAdvisedForThatState() {
        assertThatThrownBy(() -> readOf(Optional.of(log(true, false)))).hasMessageEndingWith(": restore it from"
                + " version control, or publish that cycle's digest again (`planning digest`)");
        assertThatThrownBy(() -> readOf(Optional.of(log(false, false)))).hasMessageEndingWith(": that cycle has"
                + " published no digest yet: delete it, or publish that cycle's digest (`planning digest`)");
        assertThatThrownBy(() -> readOf(Optional.of(List.of()))).hasMessageEndingWith(": that cycle has no event log,"
                + " so it never ran and has no digest: delete " + PATH);
        assertThatThrownBy(() -> readOf(Optional.empty())).hasMessageEndingWith(": restore it from version control,"
                + " or publish that cycle's digest again (`planning digest`) unless the cycle is COMPLETED, whose"
                + " digest is final");
    }

    @Test
    void anotherDigestThanTheOneACompletedCyclePublishedIsToBeRestoredNotPublishedAgain() {
        assertThatThrownBy(() -> require(log(true, true))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("records SHA-256 " + "a".repeat(64))
                .hasMessageContaining("restore it from version control (the cycle is COMPLETED and records nothing"
                        + " more, so its digest cannot be published again)")
                .hasMessageNotContaining("publish that cycle's digest again");
        assertThatThrownBy(() -> require(log(true, false))).hasMessageContaining("restore it from version control,"
                + " or publish that cycle's digest again");
    }
}
