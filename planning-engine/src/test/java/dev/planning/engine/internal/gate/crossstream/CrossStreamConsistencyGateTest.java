package dev.planning.engine.internal.gate.crossstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.Contract;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.GateWorkspace;
import dev.planning.testkit.gate.ForwardingGateContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossStreamConsistencyGateTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef BE = new CycleRef("be", "2025-09-02");
    private static final String FE_PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final String CONTRACTS = "frameworks/planning-fe/contracts/2025-09-02-contracts.yaml";

    @TempDir
    Path dir;

    private GateWorkspace ws;
    private final CrossStreamConsistencyGate gate = new CrossStreamConsistencyGate();

    @BeforeEach
    void setUp() {
        ws = new GateWorkspace(dir);
    }

    private GateResult run(CycleRef cycle) {
        return gate.evaluate(ws.context(cycle));
    }

    private static List<Finding> withCode(GateResult result, String code) {
        return result.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    /** A third party's context over {@code full}: the required methods, and contracts only when asked; no capacity model. */
    private static GateContext thirdParty(GateContext full, boolean suppliesContracts) {
        return new ForwardingGateContext(ForwardingGateContext.requiredOnly(full)) {
            @Override
            public List<Contract> contracts() {
                return suppliesContracts ? List.of() : super.contracts();
            }
        };
    }

    @Test
    void refusesAContextThatDoesNotSupplyContracts() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Form}");
        GateContext context = thirdParty(ws.context(FE), false);

        assertThatThrownBy(() -> gate.evaluate(context)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("GateContext.contracts()");
    }

    @Test
    void refusesAContextThatDoesNotSupplyTheCapacityModel() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Form}");
        GateContext context = thirdParty(ws.context(FE), true);

        assertThatThrownBy(() -> gate.evaluate(context)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("GateContext.capacity()");
    }

    @Test
    void passesWhenEveryCrossStreamDependencyIsATaskOfTheOtherPlan() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Form, due: 2025-09-12, dependencies: [\"be:BE-1\"]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: API, due: 2025-09-05}");

        GateResult result = run(FE);

        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.findings()).isEmpty();
        assertThat(result.evidence()).containsEntry("tasks", 2).containsEntry("dependencies", 1)
                .containsEntry("cycles", List.of()).containsEntry("max_depth", 1);
    }

    @Test
    void reportsADanglingReferenceOnceAtTheDependentTask() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Form, dependencies: [\"be:BE-404\", FE-2]}",
                        "{id: FE-2, title: Other}")
                .plan("be", "2025-09-02", "{id: BE-1, title: API}");

        GateResult result = run(FE);

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(CrossStreamCodes.DANGLING);
            assertThat(f.taskId()).contains("FE-1");
            assertThat(f.location().orElseThrow().file()).isEqualTo(FE_PLAN);
            assertThat(f.location().orElseThrow().line()).isEqualTo(5);
            assertThat(f.message()).contains("be:BE-404").contains("frameworks/planning-be/tasks/");
        });
    }

    @Test
    void locatesADanglingReferenceAtItsDependencyEntryNotTheTasksId() throws Exception {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Form, dependencies: [FE-2, \"be:BE-404\"]}",
                        "{id: FE-2, title: Other}")
                .plan("be", "2025-09-02", "{id: BE-1, title: API}");

        var location = run(FE).findings().get(0).location().orElseThrow();

        String line = Files.readAllLines(dir.resolve(FE_PLAN)).get(location.line() - 1);
        assertThat(line.substring(location.column() - 1)).startsWith("\"be:BE-404\"");
    }

    @Test
    void leavesTheDanglingReferencesOfOtherStreamsToTheirOwnGates() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Form, dependencies: [\"psp:PSP-7\"]}")
                .plan("design", "2025-09-02", "{id: DS-1, title: Review, dependencies: [\"fe:FE-1\"]}");

        assertThat(run(new CycleRef("design", "2025-09-02")).status()).isEqualTo(GateStatus.PASS);
        assertThat(withCode(run(FE), CrossStreamCodes.DANGLING)).hasSize(1);
    }

    @Test
    void aReferenceToAStreamWithoutAPlanIsDanglingUnlessAContractDeclaresIt() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Pay, dependencies: [\"psp:PSP-7\"]}");
        assertThat(run(FE).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("the workspace has none"));

        ws.file(CONTRACTS, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                contracts:
                  - {provider: psp, id: PSP-7, status: agreed, owner: payments}
                """);
        GateResult result = run(FE);

        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.evidence().get("resolved_by_contract"))
                .isEqualTo(List.of(Map.of("reference", "psp:PSP-7", "status", "agreed")));
    }

    @Test
    void aStubContractResolvesAnIdTheProviderHasNotPlannedYet() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Pay, dependencies: [\"be:BE-9\"]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: API}")
                .file(CONTRACTS, "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\ncontracts:\n"
                        + "  - {provider: be, id: BE-9, status: stub, owner: be-core}\n");

        assertThat(run(FE).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void reportsACrossStreamCycleOnceAsItsFullPath() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A, dependencies: [\"be:BE-1\"]}",
                        "{id: FE-2, title: B, dependencies: [FE-1]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: C, dependencies: [BE-2]}",
                        "{id: BE-2, title: D, dependencies: [\"fe:FE-2\"]}");

        GateResult result = run(FE);

        assertThat(withCode(result, CrossStreamCodes.CYCLE)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("cross-stream dependency cycle: fe:FE-1 -> be:BE-1 -> be:BE-2 -> fe:FE-2"
                    + " -> fe:FE-1");
            assertThat(f.taskId()).contains("FE-1");
            assertThat(f.location().orElseThrow().file()).isEqualTo(FE_PLAN);
        });
        assertThat(result.evidence().get("cycles"))
                .isEqualTo(List.of("fe:FE-1 -> be:BE-1 -> be:BE-2 -> fe:FE-2 -> fe:FE-1"));
        assertThat(withCode(run(BE), CrossStreamCodes.CYCLE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("be:BE-1 -> be:BE-2 -> fe:FE-2 -> fe:FE-1 -> be:BE-1"));
    }

    @Test
    void reportsACycleWithinOneStreamAndIgnoresCyclesElsewhere() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A, dependencies: [FE-2]}",
                        "{id: FE-2, title: B, dependencies: [FE-1]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: C, dependencies: [BE-2]}",
                        "{id: BE-2, title: D, dependencies: [BE-1]}");

        assertThat(withCode(run(FE), CrossStreamCodes.CYCLE)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("dependency cycle: fe:FE-1 -> fe:FE-2 -> fe:FE-1"));
    }

    @Test
    void reportsOnlyTheHeadOfAChainDeeperThanTheLimit() {
        ws.threshold("max_dependency_depth", 2)
                .plan("fe", "2025-09-02", "{id: FE-1, title: A, dependencies: [FE-2]}",
                        "{id: FE-2, title: B, dependencies: [FE-3]}",
                        "{id: FE-3, title: C, dependencies: [\"be:BE-1\"]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: D}");

        GateResult result = run(FE);

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(CrossStreamCodes.DEPTH);
            assertThat(f.taskId()).contains("FE-1");
            assertThat(f.message()).contains("3 deep").contains("of 2")
                    .contains("fe:FE-1 -> fe:FE-2 -> fe:FE-3 -> be:BE-1");
        });
        assertThat(result.evidence()).containsEntry("max_depth", 3).containsEntry("depth_limit", 2);
    }

    @Test
    void aVeryLongChainIsReportedOnOneShortLine() {
        String[] tasks = new String[2000];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = "{id: FE-" + i + ", title: T" + (i + 1 < tasks.length ? ", dependencies: [FE-" + (i + 1) + "]}" : "}");
        }
        ws.plan("fe", "2025-09-02", tasks);

        GateResult result = run(FE);

        assertThat(withCode(result, CrossStreamCodes.DEPTH)).singleElement().satisfies(f -> {
            assertThat(f.message()).hasSizeLessThan(400).contains("fe:FE-0 -> fe:FE-1").contains("(1990 more)")
                    .endsWith("fe:FE-1999");
            assertThat(f.message()).doesNotContain("\n");
        });
    }

    @Test
    void theDefaultDepthLimitIsFive() {
        ws.plan("fe", "2025-09-02", "{id: T1, title: a, dependencies: [T2]}", "{id: T2, title: a, dependencies: [T3]}",
                "{id: T3, title: a, dependencies: [T4]}", "{id: T4, title: a, dependencies: [T5]}",
                "{id: T5, title: a, dependencies: [T6]}", "{id: T6, title: a}");
        assertThat(run(FE).status()).isEqualTo(GateStatus.PASS);

        ws.plan("fe", "2025-09-02", "{id: T0, title: a, dependencies: [T1]}", "{id: T1, title: a, dependencies: [T2]}",
                "{id: T2, title: a, dependencies: [T3]}", "{id: T3, title: a, dependencies: [T4]}",
                "{id: T4, title: a, dependencies: [T5]}", "{id: T5, title: a, dependencies: [T6]}", "{id: T6, title: a}");
        assertThat(run(FE).findings()).extracting(Finding::code).containsExactly(CrossStreamCodes.DEPTH);
    }

    @Test
    void reportsADependencyDueAfterTheTaskThatNeedsIt() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A, due: 2025-09-10, dependencies: [\"design:DS-1\"]}",
                        "{id: FE-2, title: B, due: 2025-09-20, dependencies: [\"design:DS-1\"]}")
                .plan("design", "2025-09-02", "{id: DS-1, title: Mock-ups, due: 2025-09-12}");

        GateResult result = run(FE);

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(CrossStreamCodes.TIMELINE);
            assertThat(f.taskId()).contains("FE-1");
            assertThat(f.message()).contains("FE-1 is due 2025-09-10 but needs design:DS-1, due 2025-09-12")
                    .contains("frameworks/planning-design/tasks/2025-09-02-design_task_breakdown.yaml:5");
        });
    }

    @Test
    void aContractDueTooLateIsATimelineConflictButADoneDependencyNeverIs() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A, due: 2025-09-10, dependencies: [\"psp:P-1\"]}",
                        "{id: FE-2, title: B, due: 2025-09-01, dependencies: [\"be:BE-1\"]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: API, due: 2025-09-05, status: done}")
                .file(CONTRACTS, "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\ncontracts:\n"
                        + "  - {provider: psp, id: P-1, status: agreed, owner: psp-team, due: 2025-09-30}\n");

        assertThat(run(FE).findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(CrossStreamCodes.TIMELINE);
            assertThat(f.message()).contains("contract psp:P-1, due 2025-09-30").contains(CONTRACTS + ":5");
        });
    }

    @Test
    void comparesPlannedInOnlyWhenBothAreDates() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A, planned_in: \"2025-09-02\", dependencies: [\"be:BE-1\"]}",
                        "{id: FE-2, title: B, planned_in: sprint-7, dependencies: [\"be:BE-1\"]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: API, planned_in: \"2025-09-16\"}");

        assertThat(run(FE).findings()).singleElement().satisfies(f -> {
            assertThat(f.taskId()).contains("FE-1");
            assertThat(f.message()).contains("planned in 2025-09-02 but needs be:BE-1, planned in 2025-09-16");
        });
    }

    @Test
    void reportsAnOwnerOverCapacityAcrossStreamsOnceOnTheirFirstTask() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A, owner: carol, effort: 8}",
                        "{id: FE-2, title: B, owner: carol, effort: 5}",
                        "{id: FE-3, title: C, owner: carol, effort: 40, status: dropped}",
                        "{id: FE-4, title: D, owner: dan, effort: 3}")
                .plan("be", "2025-09-02", "{id: BE-1, title: E, owner: carol, effort: 3}")
                .plan("be", "2025-08-01", "{id: BE-0, title: Old, owner: carol, effort: 30}")
                .file("frameworks/capacity.yaml", "version: \"1.0.0\"\nowners:\n  carol: 13\n  dan: 5\n");

        GateResult result = run(FE);

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(CrossStreamCodes.CAPACITY);
            assertThat(f.taskId()).contains("FE-1");
            assertThat(f.message()).contains("owner carol is planned for 16 points in cycle 2025-09-02")
                    .contains("fe:FE-1 8, fe:FE-2 5, be:BE-1 3").contains("capacity of 13")
                    .contains("frameworks/capacity.yaml:3");
        });
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> capacity = (Map<String, Map<String, Object>>) result.evidence().get("capacity");
        assertThat(capacity).containsOnlyKeys("carol", "dan");
        assertThat(capacity.get("dan")).containsEntry("over", false);
    }

    /**
     * Found by the sixteenth review: a task owned by {@code Bob}, {@code ｂｏｂ}, {@code bob} with a
     * zero-width space or {@code bоb} with a Cyrillic {@code о} was charged to no budget (names were
     * compared as written), so bob's 12 points passed a capacity of 10. A name is now compared by its
     * identity (case, width, surrounding blanks), and work whose owner's name is not clear is an error.
     */
    @Test
    void anOwnerSpeltAnotherWayIsChargedToTheBudgetOrRefusedNeverPassedOver() {
        for (String spelling : List.of("Bob", "\"bob \"", "\uff42\uff4f\uff42")) {
            ws.plan("fe", "2025-09-02", "{id: FE-1, title: A, owner: bob, effort: 5}",
                            "{id: FE-2, title: B, owner: " + spelling + ", effort: 7}")
                    .file("frameworks/capacity.yaml", "version: \"1.0.0\"\nowners:\n  bob: 10\n");

            assertThat(run(FE).findings()).as(spelling).singleElement().satisfies(f ->
                    assertThat(f.message()).contains("owner bob is planned for 12 points").contains("fe:FE-2 7"));
        }
        for (String spelling : List.of("\"bob\\u200b\"", "\"b\u043eb\"", "\"bob\\ufe0f\"")) {
            ws.plan("fe", "2025-09-02", "{id: FE-1, title: A, owner: bob, effort: 5}",
                            "{id: FE-2, title: B, owner: " + spelling + ", effort: 7}")
                    .file("frameworks/capacity.yaml", "version: \"1.0.0\"\nowners:\n  bob: 10\n");

            assertThat(run(FE).findings()).as(spelling).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(CrossStreamCodes.CAPACITY);
                assertThat(f.taskId()).contains("FE-2");
                assertThat(f.message()).startsWith("FE-2: owner `b").contains("cannot tell whose budget its 7 points");
            });
        }
    }

    @Test
    void aTeamBudgetCountsItsMembersAndItsOwnName() {
        ws.plan("be", "2025-09-02", "{id: BE-1, title: A, owner: be-core, effort: 8}",
                        "{id: BE-2, title: B, owner: erik, effort: 8}",
                        "{id: BE-3, title: C, owner: fay, effort: 8}")
                .file("frameworks/capacity.yaml", """
                        version: "1.0.0"
                        teams:
                          be-core: {points_per_cycle: 15, members: [erik]}
                        """);

        assertThat(run(BE).findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("team be-core is planned for 16 points")
                    .contains("be:BE-1 8, be:BE-2 8").doesNotContain("BE-3");
            assertThat(f.taskId()).contains("BE-1");
        });
    }

    @Test
    void anInvalidContractsFileIsOneLocatedErrorAndIsNotUsed() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A}")
                .file(CONTRACTS, "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\ncontracts:\n"
                        + "  - {provider: be, id: BE-9, status: maybe, owner: x}\n");

        assertThat(run(FE).findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(CrossStreamCodes.INPUT_INVALID);
            assertThat(f.location().orElseThrow().file()).isEqualTo(CONTRACTS);
            assertThat(f.location().orElseThrow().line()).isEqualTo(5);
        });
    }

    /** left18: the finding's text is one line naming the file and what was expected, whatever the reader's message. */
    private static void assertOneClearLine(Finding f, String file) {
        assertThat(f.code()).isEqualTo(CrossStreamCodes.INPUT_INVALID);
        assertThat(f.message()).as(f.message()).startsWith("the contracts file " + file + " is invalid, so it was not used: ")
                .doesNotContain("\n").doesNotContainPattern("\\p{Cntrl}").doesNotContain("Exception")
                .doesNotContain("java.").doesNotContain("org.")
                .endsWith("; expected a contracts file that `planning lint` passes");
    }

    @Test
    void aContractsFileWithSeveralMistakesIsOneClearLineAtTheFirstNamingHowManyMore() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A}")
                .file(CONTRACTS, "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\ncontracts:\n"
                        + "  - {provider: be, id: BE-9, status: maybe, owner: x}\n"
                        + "  - {provider: be, id: BE-8, status: sometimes, owner: y}\n"
                        + "  - {provider: be, id: BE-7, status: never, owner: z}\n");

        assertThat(run(FE).findings()).singleElement().satisfies(f -> {
            assertOneClearLine(f, CONTRACTS);
            assertThat(f.message()).contains("must be one of stub, agreed, delivered (found \"maybe\") (and 2 more mistakes, which"
                    + " `planning lint` lists);");
            assertThat(f.location().orElseThrow().line()).isEqualTo(5);
        });
    }

    @Test
    void aContractsFileThatIsNoYamlOrHoldsControlCharactersIsOneClearLine() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A}").file(CONTRACTS, "contracts: [ {provider: be\n");
        assertThat(run(FE).findings()).singleElement().satisfies(f -> assertOneClearLine(f, CONTRACTS));

        ws.file(CONTRACTS, "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: \"fe\u0007\u001b[2J\"\ncontracts: []\n");
        assertThat(run(FE).findings()).singleElement().satisfies(f -> assertOneClearLine(f, CONTRACTS));
    }

    @Test
    void anEmbeddersContextWhoseContractsFailWithAnyMessageIsOneClearLine() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: A}");
        GateContext hostile = new ForwardingGateContext(ws.context(FE)) {
            @Override
            public List<Contract> contracts() {
                throw new dev.planning.api.InvalidInputException("java.io.IOException: broken\r\n\tat x.Y\u0007");
            }
        };

        assertThat(gate.evaluate(hostile).findings()).singleElement().satisfies(f -> {
            assertThat(f.message()).doesNotContain("\n").doesNotContainPattern("\\p{Cntrl}")
                    .startsWith("the contracts file " + CONTRACTS + " is invalid, so it was not used: ");
            assertThat(f.location().orElseThrow().file()).isEqualTo(CONTRACTS);
        });
    }

    @Test
    void failsWithoutAReadablePlan() {
        ws.file(FE_PLAN, "version: [");

        assertThat(run(FE).findings()).singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo(CrossStreamCodes.NO_PLAN));
    }

    @Test
    void judgesTheSameInputsAlikeAndSeesChangedContractsInTheNextAttempt() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Pay, dependencies: [\"psp:PSP-7\"]}");
        GateContext context = ws.context(FE);

        GateResult first = gate.evaluate(context);
        GateResult again = gate.evaluate(context);
        ws.file(CONTRACTS, "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\ncontracts:\n"
                + "  - {provider: psp, id: PSP-7, status: agreed, owner: payments}\n");
        // A context is one attempt's view: the next attempt gets a new one, which reads the contracts again.
        GateResult withContract = gate.evaluate(ws.context(FE));

        // The gate keeps nothing: the same inputs give an equal result, computed again.
        assertThat(again).isEqualTo(first).isNotSameAs(first);
        assertThat(first.status()).isEqualTo(GateStatus.FAIL);
        assertThat(withContract.status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void recomputesForPlansReadAfresh() {
        ws.plan("fe", "2025-09-02", "{id: FE-1, title: Form, dependencies: [\"be:BE-1\"]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: API}");
        assertThat(run(FE).status()).isEqualTo(GateStatus.PASS);

        ws.plan("be", "2025-09-02", "{id: BE-2, title: Other API}");

        assertThat(run(FE).status()).isEqualTo(GateStatus.FAIL);
    }
}
