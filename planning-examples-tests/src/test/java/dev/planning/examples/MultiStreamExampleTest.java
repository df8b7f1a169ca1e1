package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.evidence.GateOutcomes;
import dev.planning.engine.internal.gate.crossstream.CrossStreamCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiStreamExampleTest {

    private static final String FE_PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final List<CycleRef> STREAMS = List.of(FE, new CycleRef("be", "2025-09-02"),
            new CycleRef("design", "2025-09-02"));

    private static PlanningWorkspace open(Path dir) {
        return Planning.builder().workspace(dir).triggeredBy("example-test").build();
    }

    @Test
    void theExampleLintsClean() {
        assertThat(open(Examples.workspace("multi-stream")).lint().findings())
                .isEmpty();
    }

    @Test
    void everyStreamPassesTheGatesOfItsProfileUpToPackaged(@TempDir Path dir) throws Exception {
        PlanningWorkspace ws = open(Examples.committed(Examples.copy("multi-stream", dir)));

        for (CycleRef cycle : STREAMS) {
            for (CycleState to : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED)) {
                TransitionResult result = ws.advance(cycle, to);
                assertThat(result.accepted()).as(cycle + " -> " + to + ": " + result.gateResults()).isTrue();
            }
        }
        assertThat(ws.status(new CycleRef("be", "2025-09-02")).history().get(2).event().details())
                .containsEntry("profile", "be")
                .containsKey("evidence.cross_stream_consistency");
        var outcomes = GateOutcomes.latest(ws.status(FE).history());
        assertThat(outcomes).containsOnlyKeys("schema_lint", "cross_stream_consistency", "parity_coverage",
                "governance");
        for (var outcome : outcomes.values()) {
            assertThat(dir.resolve(outcome.evidence().orElseThrow())).isRegularFile();
        }
    }

    @Test
    void theBrokenVariantReportsEachCrossStreamProblemOnceWithItsLocation() {
        PlanningWorkspace ws = open(Examples.workspace("multi-stream-broken"));
        assertThat(ws.lint().findings()).isEmpty();

        List<GateResult> results = ws.dryRun(FE, CycleState.READY_FOR_HANDOFF);

        assertThat(results).filteredOn(r -> !r.gate().equals("cross_stream_consistency"))
                .allSatisfy(r -> assertThat(r.findings()).as(r.gate()).isEmpty());
        GateResult crossStream = results.stream().filter(r -> r.gate().equals("cross_stream_consistency"))
                .findFirst().orElseThrow();
        assertThat(crossStream.status()).isEqualTo(GateStatus.FAIL);
        assertThat(crossStream.findings()).extracting(Finding::code, Finding::taskId,
                        f -> f.location().map(SourceLocation::toString).orElseThrow())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(CrossStreamCodes.CYCLE, Optional.of("FE-14"), FE_PLAN + ":59:9"),
                        org.assertj.core.groups.Tuple.tuple(CrossStreamCodes.DANGLING, Optional.of("FE-13"), FE_PLAN + ":54:32"),
                        org.assertj.core.groups.Tuple.tuple(CrossStreamCodes.TIMELINE, Optional.of("FE-11"), FE_PLAN + ":18:9"),
                        org.assertj.core.groups.Tuple.tuple(CrossStreamCodes.CAPACITY, Optional.of("FE-12"), FE_PLAN + ":31:9"));
        assertThat(crossStream.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("fe:FE-14 -> be:BE-24 -> fe:FE-14").contains("frameworks/planning-be/tasks/2025-09-02-be_backlog.yaml:56"));
        assertThat(crossStream.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("owner carol is planned for 13 points").contains("frameworks/capacity.yaml:7"));
    }

    @Test
    void theBackendReportsTheSameCycleOnceAndNothingElse(@TempDir Path dir) {
        PlanningWorkspace ws = open(Examples.committed(Examples.copy("multi-stream-broken", dir)));
        CycleRef be = new CycleRef("be", "2025-09-02");
        assertThat(ws.advance(be, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();

        TransitionResult packaging = ws.advance(be, CycleState.PACKAGED);

        assertThat(packaging.accepted()).isFalse();
        assertThat(packaging.stateAfter()).isEqualTo(CycleState.READY_FOR_HANDOFF);
        assertThat(packaging.gate("cross_stream_consistency").orElseThrow().findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("be:BE-24 -> fe:FE-14 -> be:BE-24"));
    }

    @Test
    void theContractsFileIsWhatResolvesTheProvidersReference(@TempDir Path dir) throws Exception {
        Path copy = Examples.copy("multi-stream", dir);
        Files.delete(copy.resolve("frameworks/planning-fe/contracts/2025-09-02-contracts.yaml"));

        List<GateResult> results = open(copy).dryRun(FE, CycleState.READY_FOR_HANDOFF);

        assertThat(results.stream().filter(r -> r.gate().equals("cross_stream_consistency")).findFirst().orElseThrow()
                .findings()).singleElement().satisfies(f -> assertThat(f.message()).contains("psp:PSP-7"));
    }
}
