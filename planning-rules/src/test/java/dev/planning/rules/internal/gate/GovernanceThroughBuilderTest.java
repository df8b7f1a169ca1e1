package dev.planning.rules.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The governance gate as an embedder gets it: through {@code Planning.builder()}. */
class GovernanceThroughBuilderTest {

    private static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces").toAbsolutePath().normalize();
    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @TempDir
    Path dir;

    private GateResult governanceOn(Path ws, String instant) {
        PlanningWorkspace workspace = Planning.builder().workspace(ws)
                .clock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).build();
        return workspace.dryRun(FE, CycleState.READY_FOR_HANDOFF).stream()
                .filter(r -> r.gate().equals("governance")).findFirst().orElseThrow();
    }

    @Test
    void waiversAreJudgedAgainstTheBuildersClock() throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-critical"), dir.resolve("ws"));
        Files.writeString(ws.resolve("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml"), """
                waivers:
                  - {rule: critical-approvals, item: FE-12, reason: "board meets Monday", approver: cto-gina, expires: 2030-01-05}
                """, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        GateResult lastDay = governanceOn(ws, "2030-01-05T23:00:00Z");
        GateResult dayAfter = governanceOn(ws, "2030-01-06T01:00:00Z");

        // On its last day the waiver still holds (nothing blocks), and it is warned about as expiring.
        assertThat(lastDay.status()).isEqualTo(GateStatus.WARN);
        assertThat(lastDay.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("governance.waived"));
        assertThat(lastDay.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("governance.waiver-expiring"));
        assertThat(dayAfter.status()).isEqualTo(GateStatus.FAIL);
        assertThat(dayAfter.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("governance.critical-approvals"));
    }

    @Test
    void aRulebookThatDoesNotCompileFailsBuildLocatedAndLeavesTheLogUntouched() throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("ws"));
        Planning.builder().workspace(ws).build().create(FE);
        byte[] log = Files.readAllBytes(ws.resolve(LOG));
        Files.writeString(ws.resolve("rulebook/rules/zz-broken.drl"), """
                package rules;

                rule "broken"
                when
                    TaskFact(
                then
                end
                """, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Planning.builder().workspace(ws).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).contains("do not compile");
                    assertThat(e.location()).hasValueSatisfying(at -> {
                        assertThat(at.file()).isEqualTo("rulebook/rules/zz-broken.drl");
                        assertThat(at.line()).isPositive();
                    });
                });
        assertThat(Files.readAllBytes(ws.resolve(LOG))).isEqualTo(log);
    }

    /** A CRITICAL policy: no estimate above the rulebook's {@code max_estimate} (5 unless set). */
    private static final String MAX_ESTIMATE = """
            package policies;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.RulebookFacts;
            import dev.planning.rules.facts.Report;
            rule "max-estimate" @severity(CRITICAL)
            when
                $rb : RulebookFacts()
                $t : TaskFact(effort > $rb.intThreshold("max_estimate", 5))
            then
                insert(Report.violation(kcontext, $t, $t.id() + " is estimated above the limit; split it"));
            end
            """;

    /** The example workspace with its rulebook replaced by {@code files} (path relative to the rulebook). */
    private Path withRulebook(Map<String, String> files) throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("ws"));
        try (Stream<Path> walk = Files.walk(ws.resolve("rulebook"))) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        for (var file : files.entrySet()) {
            Path target = ws.resolve("rulebook").resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        return ws;
    }

    /** The example with a rule file that does not compile, and its log as it stands. */
    private Path brokenRulebook() throws IOException {
        Path ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("ws"));
        Planning.builder().workspace(ws).build().create(FE);
        Files.writeString(ws.resolve("rulebook/rules/zz-broken.drl"), """
                package rules;

                rule "broken"
                when
                    TaskFact(
                then
                end
                """, StandardCharsets.UTF_8);
        return ws;
    }

    @Test
    void aRulebookOfPoliciesAloneBuildsAndJudgesWithTheDefaultProfile() throws IOException {
        Path ws = withRulebook(Map.of("rules/max-estimate.drl", MAX_ESTIMATE));
        PlanningWorkspace workspace = Planning.builder().workspace(ws)
                .clock(Clock.fixed(Instant.parse("2025-09-02T12:00:00Z"), ZoneOffset.UTC)).build();

        List<GateResult> results = workspace.dryRun(FE, CycleState.READY_FOR_HANDOFF);
        TransitionResult attempt = workspace.advance(FE, CycleState.READY_FOR_HANDOFF);

        assertThat(results).extracting(GateResult::gate)
                .containsExactly("schema_lint", "cross_stream_consistency", "parity_coverage", "governance");
        GateResult governance = results.get(3);
        assertThat(governance.status()).isEqualTo(GateStatus.FAIL);
        assertThat(governance.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("governance.max-estimate");
            assertThat(f.taskId()).contains("FE-12");
        });
        assertThat(attempt.accepted()).isFalse();
        var recorded = workspace.status(FE).history();
        assertThat(recorded.get(recorded.size() - 1).event().details()).containsEntry("profile", "default");
    }

    @Test
    void settingsWithoutProfilesKeepTheirThresholdsAndUseTheDefaultProfile() throws IOException {
        Path ws = withRulebook(Map.of("rules/max-estimate.drl", MAX_ESTIMATE,
                "rulebook.yaml", "version: \"1.0.0\"\nthresholds: {max_estimate: 8}\n"));
        PlanningWorkspace workspace = Planning.builder().workspace(ws)
                .clock(Clock.fixed(Instant.parse("2025-09-02T12:00:00Z"), ZoneOffset.UTC)).build();

        GateResult governance = workspace.dryRun(FE, CycleState.READY_FOR_HANDOFF).stream()
                .filter(r -> r.gate().equals("governance")).findFirst().orElseThrow();

        assertThat(workspace.rulebook().version()).isEqualTo("1.0.0");
        assertThat(governance.findings()).noneSatisfy(f -> assertThat(f.code()).isEqualTo("governance.max-estimate"));
    }

    @Test
    void aReadOnlyWorkspaceSkipsCompilingThePoliciesAndStillReadsStatus() throws IOException {
        Path ws = brokenRulebook();

        PlanningWorkspace readOnly = Planning.builder().workspace(ws).readOnly().build();

        assertThat(readOnly.status(FE).state()).isEqualTo(CycleState.PLANNED);
        assertThat(readOnly.cycles()).contains(FE);
        assertThat(readOnly.manifest(FE)).isEmpty();
    }

    @Test
    void aReadOnlyWorkspaceRefusesEverythingThatRunsAGateOrRecordsAndRecordsNothing() throws IOException {
        Path ws = brokenRulebook();
        byte[] log = Files.readAllBytes(ws.resolve(LOG));
        PlanningWorkspace readOnly = Planning.builder().workspace(ws).readOnly().build();

        assertThatThrownBy(() -> readOnly.dryRun(FE, CycleState.READY_FOR_HANDOFF))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("readOnly()");
        assertThatThrownBy(() -> readOnly.advance(FE, CycleState.READY_FOR_HANDOFF))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("advance");
        assertThatThrownBy(readOnly::lint).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> readOnly.seal(FE, dev.planning.api.seal.SealOptions.defaults()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> readOnly.verify(FE, new dev.planning.api.signing.TrustedKeys(List.of(), "none")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("verifyChecksumsOnly");
        assertThatThrownBy(() -> readOnly.create(new CycleRef("fe", "2025-10-01")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> readOnly.summarize(FE, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("summarize");
        assertThat(Files.readAllBytes(ws.resolve(LOG))).isEqualTo(log);
        assertThat(ws.resolve("frameworks/planning-fe/events/2025-10-01.events.jsonl")).doesNotExist();
    }
}
