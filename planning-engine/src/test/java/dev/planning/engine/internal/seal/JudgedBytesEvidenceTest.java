package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code parity_coverage} evidence of a move into {@code VALIDATED} records the SHA-256 of the
 * outcome bytes the gate judged, not of a later read: a JUnit report swapped on disk after the gate
 * read it (here by a gate that runs after it in the same step, the latest moment before the evidence
 * is written) is recorded with the hash of what was judged, so that {@code summarize} sees the swap.
 */
class JudgedBytesEvidenceTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String JUDGED = """
            <testsuite name="dev.shop.CartTest" tests="2">
              <testcase classname="dev.shop.CartTest" name="addsItem"/>
              <testcase classname="dev.shop.CartTest" name="removesItem"><failure/></testcase>
            </testsuite>
            """;
    private static final String SWAPPED = JUDGED.replace("<failure/>", "");

    @TempDir
    Path root;

    @TempDir
    Path reports;

    @Test
    void theEvidenceRecordsTheHashOfTheBytesTheGateJudgedNotOfTheFileSwappedAfter() throws IOException {
        CycleWorkspace.create(root, CYCLE.cycleId());
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), VerificationSummariesTest.RULEBOOK.replace(
                "gates: [parity_coverage]", "gates: [parity_coverage, swap_after_judging]"));
        PlanningWorkspace workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"),
                List.of(new SwapAfterJudging()));
        workspace.create(CYCLE);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED)) {
            assertThat(CycleWorkspace.advance(workspace, CYCLE, state).accepted()).as(state.name()).isTrue();
        }
        Path report = reports.resolve("TEST-CartTest.xml");
        Files.writeString(report, JUDGED, StandardCharsets.UTF_8);
        workspace.importOutcomes(CYCLE, List.of(report));

        TransitionResult move = workspace.advance(CYCLE, CycleState.VALIDATED);

        // The gate judged the failing report (and refused); the file now holds the passing one.
        assertThat(move.gateResults()).filteredOn(r -> r.gate().equals("parity_coverage"))
                .singleElement().satisfies(r -> assertThat(r.passed()).isFalse());
        String stored = storedReportPath();
        assertThat(Files.readString(root.resolve(stored))).isEqualTo(SWAPPED);
        JsonNode evidence = new ObjectMapper().readTree(root.resolve(move.evidence().get("parity_coverage")).toFile());
        assertThat(evidence.path("inputs").path(stored).asText())
                .isEqualTo(Sha256.hex(JUDGED.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(Sha256.hex(SWAPPED.getBytes(StandardCharsets.UTF_8)));
    }

    private String storedReportPath() throws IOException {
        String dir = WorkspaceLayout.DEFAULT.outcomesDir(CYCLE) + "/junit";
        try (Stream<Path> files = Files.list(root.resolve(dir))) {
            return dir + "/" + files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("TEST-CartTest.xml"))
                    .findFirst().orElseThrow();
        }
    }

    /** Rewrites every stored JUnit report as all passing, after the gates before it read them. */
    private static final class SwapAfterJudging implements Gate {
        @Override
        public String name() {
            return "swap_after_judging";
        }

        @Override
        public GateResult evaluate(GateContext context) {
            Path junit = context.workspace().resolve(WorkspaceLayout.DEFAULT.outcomesDir(context.cycle()) + "/junit");
            try (Stream<Path> files = Files.list(junit)) {
                for (Path file : files.toList()) {
                    Files.writeString(file, SWAPPED, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return GateResult.of(name(), List.of(), Map.of());
        }
    }
}
