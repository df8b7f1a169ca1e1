package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.event.EventType;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seal takes its instants from the one clock reading its gates judged as of: each sealing gate's
 * {@code gate_results.<gate>.at} is its evidence's {@code at}, and {@code sealed_at} (to the second)
 * is that instant too, though the event and the manifest are written after midnight. Before, the
 * gates' {@code at} was the event's time and {@code sealed_at} a later reading of the clock: the next
 * day, while the verdict judged the day before.
 */
class OneSealReadingTest {

    private static final Instant GATES = Instant.parse("2025-09-03T23:59:59.999Z");
    private static final Instant AFTER = Instant.parse("2025-09-04T00:00:00.250Z");
    private static final List<String> SEALING_GATES = List.of("schema_lint", "governance");

    @TempDir
    Path dir;

    private final SettableClock now = new SettableClock(GATES);
    private final AtomicReference<Instant> afterGates = new AtomicReference<>(AFTER);

    @Test
    void aSealAcrossMidnightRecordsTheInstantItsGatesJudgedAsItsGatesAtAndSealedAt() throws IOException {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = open(workspace);

        SealResult sealed = ws.seal(CYCLE, SealOptions.defaults());

        HandoffManifest manifest = sealed.manifest().orElseThrow();
        assertThat(lastEventTime(ws, EventType.STATE_TRANSITION)).isAfter(GATES);
        assertOneReading(workspace, manifest, GATES);
        verifiesSignedTheNextDay(ws);
    }

    @Test
    void aResumedSealTakesItsInstantsFromTheOneReadingItsGatesJudgedAsOf() throws IOException {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace first = open(workspace);
        assertThat(first.seal(CYCLE, SealOptions.defaults()).sealed()).isTrue();
        // Interrupted after the move was recorded: no manifest, no MANIFEST_SEALED.
        Files.delete(workspace.resolve(MANIFEST));
        Path log = workspace.resolve(WorkspaceLayout.DEFAULT.eventLog(CYCLE));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.writeString(log, lines.subList(0, lines.size() - 1).stream().map(l -> l + "\n")
                .collect(Collectors.joining()), StandardCharsets.UTF_8);
        Instant resumed = Instant.parse("2025-09-04T23:59:59.999Z");
        now.set(resumed);
        afterGates.set(Instant.parse("2025-09-05T00:00:00.250Z"));

        SealResult sealed = open(workspace).seal(CYCLE, SealOptions.defaults());

        assertThat(sealed.transition()).isEmpty();
        assertOneReading(workspace, sealed.manifest().orElseThrow(), resumed);
    }

    /**
     * When every gate of {@code PLANNED -> READY_FOR_HANDOFF} runs again at the seal, the manifest keeps
     * only the seal's outcomes, and {@code verify} recomputes that earlier step as of {@code sealed_at}.
     * Here a gate passes through the sealing day only (no waiver listed: the trusted day does not
     * judge it); the seal judged on that day and the manifest was written after midnight:
     * {@code sealed_at} names the day judged (it named the next one before), and the handoff, signed
     * the next day, verifies.
     */
    @Test
    void aStepRecomputedAsOfSealedAtIsJudgedOnTheDayTheSealJudged() {
        Path workspace = SealFixture.committedExample(dir);
        SealFixture.write(workspace, "rulebook/rulebook.yaml", SealFixture.read(workspace, "rulebook/rulebook.yaml")
                .replace("{transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint, cross_stream_consistency,"
                        + " parity_coverage, governance]}",
                        "{transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint, governance]}"));
        SealFixture.commitAll(workspace, "the same gates before and at the seal");
        LocalDate lastDay = LocalDate.ofInstant(GATES, ZoneOffset.UTC);
        now.set(Instant.parse("2025-09-03T10:00:00Z"));
        afterGates.set(null);
        PlanningWorkspace ws = open(workspace, throughDay(lastDay));
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        now.set(GATES);
        afterGates.set(AFTER);

        HandoffManifest manifest = ws.seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow();

        assertThat(LocalDate.ofInstant(manifest.sealedAt(), ZoneOffset.UTC)).isEqualTo(lastDay);
        verifiesSignedTheNextDay(ws);
    }

    /**
     * A gate of the recorded {@code PLANNED -> READY_FOR_HANDOFF} move that the seal's own step does not
     * run ({@code parity_coverage}, {@code cross_stream_consistency}) keeps that move's outcome in the
     * manifest, at the instant its gates judged (the event's {@code judged_at}), not at the event's later
     * timestamp; the gates the seal runs are at the seal's reading.
     */
    @Test
    void aGateOnlyTheRecordedHandoffMoveRanIsSealedAtTheInstantThatMoveJudged() {
        Path workspace = SealFixture.committedExample(dir);
        Instant judged = Instant.parse("2025-09-03T10:00:00Z");
        now.set(judged);
        afterGates.set(Instant.parse("2025-09-03T10:00:05Z"));
        PlanningWorkspace ws = open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(lastEventTime(ws, EventType.STATE_TRANSITION)).isAfter(judged);
        Instant sealing = Instant.parse("2025-09-03T11:00:00Z");
        now.set(sealing);
        afterGates.set(null);

        HandoffManifest manifest = ws.seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow();

        assertThat(manifest.gateResults()).containsKeys("parity_coverage", "cross_stream_consistency");
        assertThat(manifest.gateResults().get("parity_coverage").at()).isEqualTo(judged);
        assertThat(manifest.gateResults().get("cross_stream_consistency").at()).isEqualTo(judged);
        assertThat(manifest.gateResults().get("governance").at()).isEqualTo(sealing);
    }

    private void assertOneReading(Path workspace, HandoffManifest manifest, Instant gates) throws IOException {
        for (String gate : SEALING_GATES) {
            GateOutcome outcome = manifest.gateResults().get(gate);
            assertThat(outcome.at()).as(gate).isEqualTo(gates);
            String evidence = Files.readString(workspace.resolve(outcome.evidence().orElseThrow()));
            assertThat(Instant.parse(new ObjectMapper().readTree(evidence).path("at").asText())).as(gate)
                    .isEqualTo(gates);
        }
        assertThat(manifest.sealedAt()).isEqualTo(gates.truncatedTo(ChronoUnit.SECONDS));
        assertThat(manifest.createdAt()).isEqualTo(manifest.sealedAt());
    }

    /** Signed the next day and verified then: the seal's verdicts and waivers are judged as seal judged them. */
    private void verifiesSignedTheNextDay(PlanningWorkspace ws) {
        now.set(Instant.parse("2025-09-04T09:00:00Z"));
        afterGates.set(null);
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        var report = ws.verify(CYCLE, TRUST);
        assertThat(report.passed()).as(report.discrepancies().toString()).isTrue();
    }

    private static Instant lastEventTime(PlanningWorkspace ws, EventType type) {
        return ws.status(CYCLE).history().stream().map(e -> e.event()).filter(e -> e.type() == type)
                .reduce((a, b) -> b).orElseThrow().timestamp();
    }

    private PlanningWorkspace open(Path workspace) {
        return open(workspace, governance());
    }

    private PlanningWorkspace open(Path workspace, Gate governance) {
        return Planning.builder().workspace(workspace).gate(governance).trustedKeys(TRUST).clock(now)
                .triggeredBy("tester").build();
    }

    /** A governance stand-in that passes through {@code lastDay} only, listing no waiver, then moves the clock on. */
    private Gate throughDay(LocalDate lastDay) {
        return now.governanceThrough(lastDay, afterGates::get,
                holds -> Map.of("critical_violations", 0, "waivers_used", List.of()));
    }

    /** The fixture's governance stand-in, which moves the clock past midnight once it has judged. */
    private Gate governance() {
        return now.movingAfter(SealFixture.governance(GateStatus.PASS), afterGates::get);
    }
}
