package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.Gate;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A move past {@code PACKAGED} is judged again by the history check as of the instant its gates
 * judged, which the event records ({@code judged_at}), not as of the event's timestamp, stamped when
 * it was appended, after the gates ran. The rulebook here runs {@code governance} at
 * {@code PACKAGED -> EXECUTED}; its stand-in passes while a waiver holds, through {@link #LAST_DAY}.
 * The gates of the move judge at 23:59:59.999 on that day and the event is appended just after
 * midnight: before the fix the history check judged the next day and reported the honest move as
 * {@code UNSIGNED_HISTORY}.
 */
class JudgedInstantHistoryTest {

    private static final LocalDate LAST_DAY = LocalDate.parse("2025-09-03");
    private static final Instant GATES = Instant.parse("2025-09-03T23:59:59.999Z");
    private static final Instant APPEND = Instant.parse("2025-09-04T00:00:00Z");
    private static final String JUDGED_AT = "judged_at";

    @TempDir
    Path dir;

    private Path workspace;
    private final SettableClock clock = new SettableClock(Instant.parse("2025-09-03T10:00:00Z"));
    /** Where the clock goes once the gates have judged (the append), when set. */
    private final AtomicReference<Instant> afterGates = new AtomicReference<>();

    @BeforeEach
    void executedAcrossMidnight() {
        workspace = SealFixture.committedExample(dir);
        SealFixture.write(workspace, "rulebook/rulebook.yaml", SealFixture.read(workspace, "rulebook/rulebook.yaml")
                .replace("{transition: \"PACKAGED->EXECUTED\", gates: [release_readiness]}",
                        "{transition: \"PACKAGED->EXECUTED\", gates: [release_readiness, governance]}"));
        SealFixture.commitAll(workspace, "governance after the seal");
        PlanningWorkspace ws = open();
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        clock.set(Instant.parse("2025-09-03T11:00:00Z"));
        assertThat(ws.seal(CYCLE, SealOptions.defaults()).sealed()).isTrue();
        clock.set(Instant.parse("2025-09-03T12:00:00Z"));
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        clock.set(GATES);
        afterGates.set(APPEND);
        assertThat(ws.advance(CYCLE, CycleState.EXECUTED).accepted()).isTrue();
        afterGates.set(null);
        clock.set(Instant.parse("2025-09-04T00:00:01Z"));
    }

    @Test
    void aMoveAppendedAfterMidnightIsJudgedAsOfTheInstantItsGatesJudged() {
        PlanningWorkspace ws = open();
        PlanningEvent executed = last(ws);

        assertThat(executed.timestamp()).isEqualTo(APPEND);
        assertThat(executed.details()).containsEntry(JUDGED_AT, GATES.toString());
        assertThat(ws.checkHistory(ws.status(CYCLE))).isEmpty();
    }

    @Test
    void aLogWithoutTheJudgedInstantIsJudgedAsOfTheEventsTimeAsBefore() {
        rewriteLast(details -> {
            details.remove(JUDGED_AT);
            return details;
        });
        PlanningWorkspace ws = open();

        assertThat(ws.checkHistory(ws.status(CYCLE))).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.UNSIGNED_HISTORY))
                .satisfies(d -> assertThat(d.message()).contains("governance FAIL"));
    }

    @Test
    void aJudgedInstantLaterThanItsEventOrUnreadableIsRefused() throws IOException {
        Path log = workspace.resolve(WorkspaceLayout.DEFAULT.eventLog(CYCLE));
        byte[] honest = Files.readAllBytes(log);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(APPEND.plusMillis(1).toString(), "later than the event's timestamp");
        cases.put("2025-09-03", "not an ISO-8601 instant");
        cases.put("2025-09-03T23:59:59.999", "not an ISO-8601 instant");
        cases.put("", "not an ISO-8601 instant");
        cases.forEach((forged, why) -> {
            write(log, honest);
            rewrite(events -> {
                events.set(events.size() - 1, withDetail(events.get(events.size() - 1), JUDGED_AT, forged));
                return events;
            });
            PlanningWorkspace ws = open();

            int line = (int) new String(readAllBytes(log), StandardCharsets.UTF_8).lines().count();
            assertThat(ws.checkHistory(ws.status(CYCLE))).as(forged).singleElement()
                    .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.UNSIGNED_HISTORY))
                    .satisfies(d -> assertThat(d.message()).contains(JUDGED_AT, why, "event " + last(ws).id()))
                    // errors18: at the event's line and column, and what to do.
                    .satisfies(d -> assertThat(d.file()).isEqualTo(WorkspaceLayout.DEFAULT.eventLog(CYCLE) + ":" + line
                            + ":1"))
                    .satisfies(d -> assertThat(d.message()).endsWith("(restore the log as it was committed)"));
        });
    }

    /**
     * The event before the move (the last signature's) is dated after midnight, as its writer may, and
     * the move's judged instant before it, on the waiver's last day: without the bound the move would be
     * judged on a day the log itself says had passed.
     */
    @Test
    void aJudgedInstantEarlierThanTheEventBeforeIsRefused() {
        rewrite(events -> {
            int n = events.size();
            events.set(n - 2, at(events.get(n - 2), APPEND));
            events.set(n - 1, withDetail(events.get(n - 1), JUDGED_AT, GATES.toString()));
            return events;
        });
        PlanningWorkspace ws = open();

        assertThat(ws.checkHistory(ws.status(CYCLE))).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.UNSIGNED_HISTORY))
                .satisfies(d -> assertThat(d.message()).contains(JUDGED_AT, "earlier than the event before it"));
    }

    @Test
    void aJudgedInstantOnEitherBoundIsTaken() {
        Path log = workspace.resolve(WorkspaceLayout.DEFAULT.eventLog(CYCLE));
        byte[] honest = readAllBytes(log);
        Instant before = previous(open()).timestamp();
        // On the lower bound (the last signature, on the waiver's last day) the move passes; on the
        // upper (the event's own time, the next day) it is judged and fails, as a log without it would.
        rewrite(events -> {
            events.set(events.size() - 1, withDetail(events.get(events.size() - 1), JUDGED_AT, before.toString()));
            return events;
        });
        PlanningWorkspace lower = open();
        assertThat(lower.checkHistory(lower.status(CYCLE))).isEmpty();

        write(log, honest);
        rewrite(events -> {
            events.set(events.size() - 1, withDetail(events.get(events.size() - 1), JUDGED_AT, APPEND.toString()));
            return events;
        });
        PlanningWorkspace upper = open();
        assertThat(upper.checkHistory(upper.status(CYCLE))).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("governance FAIL"));
    }

    private PlanningWorkspace open() {
        return Planning.builder().workspace(workspace).gate(governanceThrough(LAST_DAY)).trustedKeys(TRUST)
                .clock(clock).triggeredBy("tester").build();
    }

    private static PlanningEvent last(PlanningWorkspace ws) {
        var history = ws.status(CYCLE).history();
        return history.get(history.size() - 1).event();
    }

    private static PlanningEvent previous(PlanningWorkspace ws) {
        var history = ws.status(CYCLE).history();
        return history.get(history.size() - 2).event();
    }

    private void rewriteLast(UnaryOperator<Map<String, String>> edit) {
        rewrite(events -> {
            PlanningEvent e = events.get(events.size() - 1);
            events.set(events.size() - 1, new PlanningEvent(e.id(), e.timestamp(), e.type(), e.fromState(),
                    e.toState(), e.entityId(), e.triggeredBy(), e.gateResults(),
                    edit.apply(new LinkedHashMap<>(e.details()))));
            return events;
        });
    }

    private static PlanningEvent withDetail(PlanningEvent e, String key, String value) {
        Map<String, String> details = new LinkedHashMap<>(e.details());
        details.put(key, value);
        return new PlanningEvent(e.id(), e.timestamp(), e.type(), e.fromState(), e.toState(), e.entityId(),
                e.triggeredBy(), e.gateResults(), details);
    }

    private static PlanningEvent at(PlanningEvent e, Instant timestamp) {
        return new PlanningEvent(e.id(), timestamp, e.type(), e.fromState(), e.toState(), e.entityId(),
                e.triggeredBy(), e.gateResults(), e.details());
    }

    /** Rewrites the log's events and recomputes the chain, as a contributor without keys can. */
    private void rewrite(UnaryOperator<List<PlanningEvent>> edit) {
        Path log = workspace.resolve(WorkspaceLayout.DEFAULT.eventLog(CYCLE));
        EventLineCodec codec = new EventLineCodec();
        List<PlanningEvent> events = new ArrayList<>();
        for (String line : new String(readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
            events.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)).event());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = "0".repeat(64);
        for (PlanningEvent event : edit.apply(events)) {
            byte[] line = codec.encode(event, previous);
            previous = Sha256.hex(line);
            out.writeBytes(line);
            out.write('\n');
        }
        write(log, out.toByteArray());
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rules module's governance gate, as far as a waiver expiring on {@code lastDay} goes: it passes
     * on that day and fails after. It moves the clock on to {@link #afterGates} once it has judged.
     */
    private Gate governanceThrough(LocalDate lastDay) {
        return clock.governanceThrough(lastDay, afterGates::get, holds -> Map.of("critical_violations", holds ? 0 : 1,
                "waivers_used", holds ? List.of(Map.of("rule", "missing-owner", "item", "FE-12", "reason", "contractor",
                        "approver", "pm@example.org", "expires", lastDay.toString())) : List.of()));
    }
}
