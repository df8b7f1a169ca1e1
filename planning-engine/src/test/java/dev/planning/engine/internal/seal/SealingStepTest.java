package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing is the lifecycle step of {@code READY_FOR_HANDOFF -> PACKAGED}, run on the history read once. */
class SealingStepTest {

    @TempDir
    Path dir;

    /** An event store that counts the logs read through it. */
    static final class CountingStore implements EventStore {
        final EventStore delegate;
        final AtomicInteger reads = new AtomicInteger();

        CountingStore(EventStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<RecordedEvent> read(CycleRef cycle) {
            reads.incrementAndGet();
            return delegate.read(cycle);
        }

        @Override
        public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
            return delegate.append(cycle, event, expectedHead);
        }

        @Override
        public String location(CycleRef cycle) {
            return delegate.location(cycle);
        }
    }

    private PlanningWorkspace open(Path workspace, CountingStore store) {
        return Planning.builder().workspace(workspace).gate(SealFixture.governance(GateStatus.PASS))
                .trustedKeys(TRUST).clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).triggeredBy("tester")
                .eventStore(store).build();
    }

    @Test
    void advancingToPackagedReadsTheEventLogOnceAndSeals() {
        Path workspace = SealFixture.committedExample(dir);
        CountingStore store = new CountingStore(new FileEventStore(workspace));
        PlanningWorkspace ws = open(workspace, store);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        store.reads.set(0);

        TransitionResult result = ws.advance(CYCLE, CycleState.PACKAGED);

        assertThat(result.accepted()).isTrue();
        assertThat(store.reads).hasValue(1);
        assertThat(workspace.resolve(MANIFEST)).isRegularFile();
        List<RecordedEvent> history = new FileEventStore(workspace).read(CYCLE);
        assertThat(history.get(history.size() - 1).event().type()).isEqualTo(EventType.MANIFEST_SEALED);
    }

    @Test
    void sealingReadsTheEventLogOnce() {
        Path workspace = SealFixture.committedExample(dir);
        CountingStore store = new CountingStore(new FileEventStore(workspace));
        PlanningWorkspace ws = open(workspace, store);
        ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        store.reads.set(0);

        SealResult sealed = ws.seal(CYCLE, SealOptions.defaults());

        assertThat(sealed.manifest()).isPresent();
        assertThat(sealed.manifestPath()).contains(MANIFEST);
        assertThat(store.reads).hasValue(1);
    }

    @Test
    void theTransitionResultNamesTheEvidenceFileOfEveryGate() {
        Path workspace = SealFixture.committedExample(dir);
        PlanningWorkspace ws = open(workspace, new CountingStore(new FileEventStore(workspace)));

        TransitionResult ready = ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        TransitionResult packaged = ws.advance(CYCLE, CycleState.PACKAGED);

        for (TransitionResult result : List.of(ready, packaged)) {
            assertThat(result.evidence().keySet()).containsExactlyElementsOf(
                    result.gateResults().stream().map(r -> r.gate()).toList());
            result.evidence().values().forEach(path -> assertThat(workspace.resolve(path)).isRegularFile());
        }
        RecordedEvent event = new FileEventStore(workspace).read(CYCLE).stream()
                .filter(e -> e.event().id().equals(packaged.eventId())).findFirst().orElseThrow();
        packaged.evidence().forEach((gate, path) ->
                assertThat(event.event().details()).containsEntry("evidence." + gate, path));
    }

    @Test
    void aRefusedSealingWritesNoManifest() throws Exception {
        Path workspace = SealFixture.committedExample(dir);
        PlanningWorkspace ws = Planning.builder().workspace(workspace).gate(SealFixture.governance(GateStatus.PASS))
                .trustedKeys(TRUST).clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).build();
        ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        PlanningWorkspace failing = Planning.builder().workspace(workspace)
                .gate(SealFixture.governance(GateStatus.FAIL)).trustedKeys(TRUST)
                .clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).build();

        TransitionResult result = failing.advance(CYCLE, CycleState.PACKAGED);

        assertThat(result.accepted()).isFalse();
        assertThat(Files.exists(workspace.resolve(MANIFEST))).isFalse();
        assertThat(failing.status(CYCLE).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);
    }

    @Test
    void aDryRunAndTheMoveOutOfASealedCycleEachReadTheEventLogOnce() {
        Path workspace = SealFixture.committedExample(dir);
        CountingStore store = new CountingStore(new FileEventStore(workspace));
        PlanningWorkspace ws = open(workspace, store);
        ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        ws.advance(CYCLE, CycleState.PACKAGED);
        ws.sign(CYCLE, SealFixture.PM);
        ws.sign(CYCLE, SealFixture.TECH_LEAD);
        ws.sign(CYCLE, SealFixture.QA);
        store.reads.set(0);

        List<GateResult> preview = ws.dryRun(CYCLE, CycleState.EXECUTED);
        int dryRunReads = store.reads.getAndSet(0);
        TransitionResult moved = ws.advance(CYCLE, CycleState.EXECUTED);

        assertThat(preview).extracting(GateResult::gate).containsExactly("release_readiness");
        assertThat(moved.accepted()).isTrue();
        // release_readiness verifies the seal event against the history the attempt read.
        assertThat(dryRunReads).isEqualTo(1);
        assertThat(store.reads).hasValue(1);
        store.reads.set(0);

        // Out of EXECUTED the sealed-state guard verifies the manifest, on the same history.
        ws.dryRun(CYCLE, CycleState.VALIDATED);
        int guardedDryRunReads = store.reads.getAndSet(0);
        ws.advance(CYCLE, CycleState.VALIDATED);
        assertThat(guardedDryRunReads).isEqualTo(1);
        assertThat(store.reads).hasValue(1);
    }

    /**
     * scope39: out of {@code EXECUTED} the sealed-state guard derives {@code PACKAGED -> EXECUTED} again; a gate of
     * that move reading the cycle's outcomes has their deployments judged against the cycle's creation, which was
     * learnt by reading the whole log again. It is learnt from the history the guard read.
     */
    @Test
    void aMoveTheGuardDerivesAgainLearnsTheCreationFromTheHistoryItRead() throws IOException {
        Path workspace = SealFixture.committedExample(dir);
        Path rulebook = workspace.resolve("rulebook/rulebook.yaml");
        String rules = Files.readString(rulebook, StandardCharsets.UTF_8);
        Files.writeString(rulebook, rules.replace("{transition: \"PACKAGED->EXECUTED\", gates: [release_readiness]}",
                "{transition: \"PACKAGED->EXECUTED\", gates: [release_readiness, outcomes_read]}"), StandardCharsets.UTF_8);
        SealFixture.commitAll(workspace, "a gate that reads the outcomes");
        CountingStore store = new CountingStore(new FileEventStore(workspace));
        PlanningWorkspace ws = Planning.builder().workspace(workspace).gate(SealFixture.governance(GateStatus.PASS))
                .gate(Gates.of("outcomes_read", context -> new GateResult("outcomes_read",
                        context.outcomes().tests().isEmpty() ? GateStatus.PASS : GateStatus.FAIL, List.of(), Map.of())))
                .trustedKeys(TRUST).clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).triggeredBy("tester")
                .eventStore(store).build();
        ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        ws.advance(CYCLE, CycleState.PACKAGED);
        ws.sign(CYCLE, SealFixture.PM);
        ws.sign(CYCLE, SealFixture.TECH_LEAD);
        ws.sign(CYCLE, SealFixture.QA);
        assertThat(ws.advance(CYCLE, CycleState.EXECUTED).accepted()).isTrue();
        store.reads.set(0);

        ws.dryRun(CYCLE, CycleState.VALIDATED);

        assertThat(store.reads).hasValue(1);
    }
}
