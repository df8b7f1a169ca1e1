package com.example.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.EventType;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.CycleQueries;
import dev.planning.engine.Planning;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's door as a team's service meets it (helper embed25, 2026-12-06): a cycle id that comes
 * from outside, results the service holds on to, and paths it may have mistyped. A package of its own,
 * no {@code internal} type, only what the README, docs/ and the Javadoc name.
 */
class EmbedderDoorTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef MISTYPED = new CycleRef("fe", "2025-09-20");

    @TempDir
    Path dir;

    private PlanningWorkspace copyOfTheFrontendCycle() throws IOException {
        Path workspace = WorkspaceCopies.copy(Path.of("workspaces/fe-2025-09-02").toAbsolutePath(), dir.resolve("ws"));
        return Planning.builder().workspace(workspace).triggeredBy("embedder-service").build();
    }

    /** Every file and directory under {@code root}, sorted. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted().toList();
        }
    }

    /** As the command line's "no such cycle": asked first, a mistyped id is refused before anything is written. */
    @Test
    void aMistypedCycleIdIsToldApartBeforeItBecomesACycle() throws IOException {
        PlanningWorkspace workspace = copyOfTheFrontendCycle();
        List<Path> before = files(workspace.root());

        assertThat(workspace.exists(FE)).as("a cycle with a plan").isTrue();
        assertThat(workspace.exists(MISTYPED)).isFalse();
        assertThat(files(workspace.root())).as("asking writes nothing").isEqualTo(before);

        assertThatThrownBy(() -> workspace.exists(null)).isInstanceOf(NullPointerException.class).hasMessage("cycle");
    }

    /**
     * api26: advance, record and importOutcomes refuse a cycle that does not exist before they write anything (they opened its
     * event log and recorded the attempt, so that the mistyped id became a cycle); create opens one on purpose.
     */
    @Test
    void advanceAndRecordRefuseACycleThatDoesNotExistWritingNothing() throws IOException {
        PlanningWorkspace workspace = copyOfTheFrontendCycle();
        List<Path> before = files(workspace.root());

        assertThatThrownBy(() -> workspace.advance(MISTYPED, CycleState.READY_FOR_HANDOFF))
                .isInstanceOfSatisfying(NoSuchCycleException.class, e -> assertThat(e.cycle()).isEqualTo(MISTYPED))
                .hasMessageStartingWith("no such cycle fe/2025-09-20: none of its planning files exists ("
                        + "frameworks/planning-fe/tasks/2025-09-20-fe_task_breakdown.yaml")
                .hasMessageContaining("did you mean fe/2025-09-02?");
        assertThatThrownBy(() -> workspace.record(MISTYPED, EventType.WAIVER_GRANTED, Map.of("rule", "r")))
                .isInstanceOf(NoSuchCycleException.class);
        Path junit = Files.writeString(dir.resolve("TEST-x.xml"), "<testsuite name=\"x\" tests=\"1\" failures=\"0\""
                + " errors=\"0\" skipped=\"0\"><testcase classname=\"x\" name=\"y\"/></testsuite>\n");
        assertThatThrownBy(() -> workspace.importOutcomes(MISTYPED, List.of(junit)))
                .as("refused before the file is stored, not after").isInstanceOf(NoSuchCycleException.class);
        assertThat(files(workspace.root())).as("no file and no directory written").isEqualTo(before);
        assertThat(workspace.exists(MISTYPED)).isFalse();

        workspace.create(MISTYPED);
        assertThat(workspace.advance(MISTYPED, CycleState.READY_FOR_HANDOFF).accepted()).as("opened on purpose, "
                + "the cycle is judged (it has no plan)").isFalse();
    }

    @Test
    void aDryRunsResultsAndEveryMapAndListOfTheirEvidenceRefuseChanges() throws IOException {
        List<GateResult> results = copyOfTheFrontendCycle().dryRun(FE, CycleState.READY_FOR_HANDOFF);
        List<Object> nested = new ArrayList<>();
        results.forEach(result -> collect(result.evidence(), nested));

        assertThatThrownBy(results::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(nested).as("the frontend cycle's gates give nested evidence").hasSizeGreaterThan(3);
        assertThat(nested).allSatisfy(value -> assertThatThrownBy(() -> {
            if (value instanceof Map<?, ?> map) {
                map.clear();
            } else {
                ((List<?>) value).clear();
            }
        }).isInstanceOf(UnsupportedOperationException.class));
    }

    /** Every map and list under {@code value}, itself excluded. */
    private static void collect(Object value, List<Object> found) {
        List<?> children = value instanceof Map<?, ?> map ? List.copyOf(map.values().stream().filter(v -> v != null).toList())
                : value instanceof List<?> list ? list.stream().filter(v -> v != null).toList() : List.of();
        for (Object child : children) {
            if (child instanceof Map || child instanceof List) {
                found.add(child);
                collect(child, found);
            }
        }
    }

    /** A mistyped workspace path answered "no cycles" and "nothing pending" before: now each question refuses. */
    @Test
    void questionsAboutAWorkspaceThatIsNotThereAreRefusedNeverAnsweredWithNone() {
        CycleQueries queries = Planning.cycleQueries(dir.resolve("mistyped"));

        assertThatThrownBy(queries::portfolio).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("workspace directory not found").hasMessageContaining("mistyped");
        assertThatThrownBy(() -> queries.expiringWaivers(LocalDate.parse("2026-01-01")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("workspace directory not found");
        assertThatThrownBy(() -> queries.recentRefusals(Instant.EPOCH, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("workspace directory not found");
        // Refused before too, for the rulebook it reads first.
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of("PM"))).isInstanceOf(InvalidInputException.class);
    }

    /** A mistyped rulebook path read as a rulebook without tests: every rule-test run passed with no case. */
    @Test
    void theRuleTestsOfARulebookThatIsNotThereAreRefusedNeverReadAsNone() {
        assertThatThrownBy(() -> RuleTestFiles.readRulebookTests(dir.resolve("rulebok")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rulebook directory not found");
    }
}
