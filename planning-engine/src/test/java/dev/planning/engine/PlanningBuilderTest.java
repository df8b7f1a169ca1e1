package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.ArtifactKind;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.fixtures.Plans;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Planning.builder()} validates what it builds, and what it is given reaches every gate. */
class PlanningBuilderTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path workspace;

    private void rulebook(String gates) {
        Plans.write(workspace, "rulebook/rulebook.yaml", """
                version: "1.0.0"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [%s]}
                default_profile: fe
                """.formatted(gates));
    }

    @Test
    void refusesAProfileNamingAGateThatIsNotAvailableAtTheEntryAndRecordsNothing() {
        rulebook("schema_lint, no_such_gate");
        Plans.feWorkspace(workspace);

        assertThatThrownBy(() -> Planning.builder().workspace(workspace).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).contains("gate profile 'fe' names gate 'no_such_gate'")
                            .contains("schema_lint");
                    SourceLocation at = e.location().orElseThrow();
                    assertThat(at.file()).as("workspace-relative, as DRL errors are").isEqualTo("rulebook/rulebook.yaml");
                    assertThat(at.line()).isEqualTo(4);
                    assertThat(at.column()).isEqualTo(71);
                });
        assertThat(Files.exists(workspace.resolve("frameworks/planning-fe/events"))).isFalse();
    }

    @Test
    void locatesAnInvalidSettingWorkspaceRelative() {
        Plans.write(workspace, "rulebook/rulebook.yaml", """
                version: "1.0.0"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint], colour: blue}
                default_profile: fe
                """);

        assertThatThrownBy(() -> Planning.builder().workspace(workspace).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.location()).hasValueSatisfying(at -> {
                            assertThat(at.file()).isEqualTo("rulebook/rulebook.yaml");
                            assertThat(at.line()).isEqualTo(4);
                        }));
    }

    @Test
    void locatesTheProfileEntryOfARulebookOutsideTheWorkspaceByItsAbsolutePath(@TempDir Path elsewhere) {
        Plans.write(elsewhere, "rulebook.yaml", """
                version: "1.0.0"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [no_such_gate]}
                default_profile: fe
                """);

        assertThatThrownBy(() -> Planning.builder().workspace(workspace).rulebook(elsewhere).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.location()).hasValueSatisfying(at -> assertThat(at.file()).isEqualTo(
                                elsewhere.toAbsolutePath().normalize().resolve("rulebook.yaml").toString()
                                        .replace('\\', '/'))));
    }

    @Test
    void aRulebookOfPoliciesAloneNeedsTheGatesOfTheDefaultProfile() {
        Plans.write(workspace, "rulebook/rules/max-estimate.drl", "package policies;\n");

        // The engine alone has no governance gate (planning-rules brings it).
        assertThatThrownBy(() -> Planning.builder().workspace(workspace).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).contains("the default gate profile 'default'").contains("'governance'");
                    assertThat(e.location()).hasValueSatisfying(at -> assertThat(at.file()).isEqualTo("rulebook/rules"));
                });
    }

    @Test
    void aRulebookOfPoliciesAloneBuildsWithTheDefaultProfile() {
        Plans.write(workspace, "rulebook/rules/max-estimate.drl", "package policies;\n");
        Plans.feWorkspace(workspace);

        PlanningWorkspace ws = Planning.builder().workspace(workspace).gate(Gates.passing("governance")).build();

        assertThat(ws.rulebook().profileFor("fe").name()).isEqualTo("default");
        assertThat(ws.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF)).extracting(GateResult::gate)
                .containsExactly("schema_lint", "cross_stream_consistency", "parity_coverage", "governance");
    }

    @Test
    void aReadOnlyWorkspaceRefusesAProfileNamingAGateThatIsNotAvailableWhenItFirstNeedsTheRulebook() {
        rulebook("schema_lint, no_such_gate");
        Plans.feWorkspace(workspace);
        dev.planning.api.signing.TrustedKeys none = new dev.planning.api.signing.TrustedKeys(List.of(), "none");

        PlanningWorkspace readOnly = Planning.builder().workspace(workspace).readOnly().build();

        assertThat(readOnly.cycles()).containsExactly(CYCLE);
        assertThat(readOnly.status(CYCLE).state()).isEqualTo(CycleState.PLANNED);
        assertThat(readOnly.checkHistory(readOnly.status(CYCLE))).isEmpty();
        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable needsTheRulebook : List.<org.assertj.core.api
                .ThrowableAssert.ThrowingCallable>of(readOnly::rulebook, () -> readOnly.manifest(CYCLE),
                        () -> readOnly.verifyChecksumsOnly(CYCLE, none),
                        () -> readOnly.verifyChecksumsOnly(workspace.resolve("handoff.yaml"), none))) {
            assertThatThrownBy(needsTheRulebook).isInstanceOfSatisfying(InvalidInputException.class, e -> {
                assertThat(e.getMessage()).contains("gate profile 'fe' names gate 'no_such_gate'");
                assertThat(e.location().orElseThrow().file()).isEqualTo("rulebook/rulebook.yaml");
            });
        }
    }

    @Test
    void aReadOnlyWorkspaceRefusesARulebookThatBreaksItsSchemaWhenItFirstNeedsIt() {
        Plans.write(workspace, "rulebook/rulebook.yaml", """
                version: "1.0.0"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
                default_profile: fe
                no_such_setting: true
                """);
        Plans.feWorkspace(workspace);

        PlanningWorkspace readOnly = Planning.builder().workspace(workspace).readOnly().build();

        assertThat(readOnly.status(CYCLE).state()).isEqualTo(CycleState.PLANNED);
        assertThatThrownBy(readOnly::rulebook).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.location().orElseThrow().file()).isEqualTo("rulebook/rulebook.yaml"));
    }

    @Test
    void aReadOnlyWorkspaceTriesItsRulebookAgainAfterAFailedLoadAndThenKeepsIt() {
        rulebook("schema_lint, no_such_gate");
        Plans.feWorkspace(workspace);
        PlanningWorkspace readOnly = Planning.builder().workspace(workspace).readOnly().build();
        assertThatThrownBy(readOnly::rulebook).isInstanceOf(InvalidInputException.class);

        rulebook("schema_lint");
        String hash = readOnly.rulebook().hash();
        rulebook("schema_lint, parity_coverage");

        assertThat(readOnly.rulebook().hash()).as("loaded once, then kept").isEqualTo(hash);
    }

    @Test
    void aReadOnlyBuildStillRefusesAMissingRulebookDirectory() {
        Plans.feWorkspace(workspace);

        assertThatThrownBy(() -> Planning.builder().workspace(workspace).rulebook(workspace.resolve("no-such-dir"))
                .readOnly().build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rulebook directory not found");
    }

    @Test
    void aFormulaThatDoesNotCompileIsRefusedByAFullBuildAndByDigestButNotReadWhenNothingEvaluatesIt() {
        Plans.write(workspace, "rulebook/rulebook.yaml", """
                version: "1.0.0"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
                default_profile: fe
                kpis:
                  - {name: sneaky, formula: "done_tasks.getClass()", inputs: [done_tasks], unit: count, direction: higher_is_better}
                """);
        Plans.feWorkspace(workspace);

        assertThatThrownBy(() -> Planning.builder().workspace(workspace).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("KPI 'sneaky'")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                        .isEqualTo("rulebook/rulebook.yaml"));
        PlanningWorkspace readOnly = Planning.builder().workspace(workspace).readOnly().build();
        assertThat(readOnly.status(new CycleRef("fe", "2025-09-02")).state()).isEqualTo(CycleState.PLANNED);
        assertThatThrownBy(() -> readOnly.digest(new CycleRef("fe", "2025-09-02")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void namesEveryUnknownGateOnce() {
        rulebook("first_missing, schema_lint, second_missing");

        assertThatThrownBy(() -> Planning.builder().workspace(workspace).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 errors")
                .hasMessageContaining("'first_missing'")
                .hasMessageContaining("'second_missing'");
    }

    @Test
    void theBuildersClockAndLayoutReachTheGatesContext() {
        rulebook("schema_lint, spy");
        WorkspaceLayout layout = new WorkspaceLayout("plans", "rulebook");
        Plans.write(workspace, Plans.TASKS_PATH.replace("frameworks/", "plans/"), Plans.FE_TASKS);
        Plans.write(workspace, Plans.STORY_MAP_PATH.replace("frameworks/", "plans/"), Plans.FE_STORY_MAP);
        AtomicReference<GateContext> seen = new AtomicReference<>();
        Clock clock = Clock.fixed(Instant.parse("2031-02-03T04:05:06Z"), ZoneOffset.UTC);

        List<GateResult> results = Planning.builder().workspace(workspace).layout(layout).clock(clock)
                .gate(spy(seen)).build().dryRun(CYCLE, CycleState.READY_FOR_HANDOFF);

        assertThat(results).extracting(GateResult::gate).containsExactly("schema_lint", "spy");
        assertThat(results.get(0).status()).as("schema_lint reads the plan where the layout puts it")
                .isNotEqualTo(GateStatus.FAIL);
        assertThat(seen.get().today()).isEqualTo(LocalDate.of(2031, 2, 3));
        assertThat(seen.get().clock().instant()).isEqualTo(clock.instant());
        assertThat(seen.get().files().path(CYCLE, ArtifactKind.TASK_BREAKDOWN))
                .isEqualTo("plans/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
    }

    /**
     * embed18: a gate's day was the clock's local date, so a service on a local-time clock judged a
     * waiver's last day in its own zone while {@code verify} and the CLI judge it in UTC: at 12:00 UTC on
     * 30 September it was already 1 October in Kiritimati (a waiver expiring on the 30th lapsed at the
     * seal and held at verify) and still the 30th in Pago Pago. The gates now see the UTC day.
     */
    @Test
    void theGatesJudgeTheUtcDayWhateverTheClocksZone() {
        rulebook("schema_lint, spy");
        Plans.write(workspace, Plans.TASKS_PATH, Plans.FE_TASKS);
        Plans.write(workspace, Plans.STORY_MAP_PATH, Plans.FE_STORY_MAP);
        Instant noon = Instant.parse("2025-09-30T12:00:00Z");
        for (String zone : List.of("Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata")) {
            AtomicReference<GateContext> seen = new AtomicReference<>();
            Planning.builder().workspace(workspace).clock(Clock.fixed(noon, ZoneId.of(zone)))
                    .gate(spy(seen)).build().dryRun(CYCLE, CycleState.READY_FOR_HANDOFF);

            assertThat(seen.get().today()).as(zone).isEqualTo(LocalDate.of(2025, 9, 30));
            assertThat(seen.get().clock().instant()).as(zone).isEqualTo(noon);
        }
    }

    @Test
    void findsAGateInTheThreadsContextClassLoader() throws Exception {
        rulebook("child_gate");
        try (URLClassLoader child = childLoaderWithGate()) {
            assertThatThrownBy(() -> Planning.builder().workspace(workspace).build())
                    .as("the engine's own class loader does not see the child's gate")
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("child_gate");

            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            PlanningWorkspace ws;
            thread.setContextClassLoader(child);
            try {
                ws = Planning.builder().workspace(workspace).build();
            } finally {
                thread.setContextClassLoader(previous);
            }

            assertThat(ws.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF)).singleElement().satisfies(r -> {
                assertThat(r.gate()).isEqualTo("child_gate");
                assertThat(r.evidence()).containsEntry("loaded_by", "child");
            });
        }
    }

    @Test
    void findsAGateInTheClassLoaderGivenToTheBuilder() throws Exception {
        rulebook("child_gate, schema_lint");
        Plans.feWorkspace(workspace);
        try (URLClassLoader child = childLoaderWithGate()) {
            PlanningWorkspace ws = Planning.builder().workspace(workspace).classLoader(child).build();

            assertThat(ws.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF)).extracting(GateResult::gate)
                    .containsExactly("child_gate", "schema_lint");
        }
    }

    private static Gate spy(AtomicReference<GateContext> seen) {
        return Gates.of("spy", context -> {
            seen.set(context);
            return GateResult.of("spy", List.of(), Map.of());
        });
    }

    /** Compiles a gate registered with ServiceLoader into a directory that only a child loader sees. */
    private URLClassLoader childLoaderWithGate() throws IOException, URISyntaxException {
        Path root = workspace.resolve(".child-gate");
        Path source = root.resolve("src/childgate/ChildGate.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package childgate;

                import dev.planning.api.gate.Gate;
                import dev.planning.api.gate.GateContext;
                import dev.planning.api.gate.GateResult;
                import java.util.List;
                import java.util.Map;

                public final class ChildGate implements Gate {
                    public String name() {
                        return "child_gate";
                    }

                    public GateResult evaluate(GateContext context) {
                        return GateResult.of("child_gate", List.of(), Map.of("loaded_by", "child"));
                    }
                }
                """, StandardCharsets.UTF_8);
        Path classes = root.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve("META-INF/services/" + Gate.class.getName()), "childgate.ChildGate\n",
                StandardCharsets.UTF_8);
        String api = Path.of(Gate.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-encoding", "UTF-8", "-classpath", api, "-d",
                classes.toString(), source.toString());
        assertThat(status).as("the child gate compiles").isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, PlanningBuilderTest.class.getClassLoader());
    }
}
