package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.Plans;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceLinterTest {

    @TempDir
    Path workspace;

    private List<Path> filesBefore;
    private final WorkspaceLinter linter = WorkspaceLinter.withDefaultLayout();

    @BeforeEach
    void writeTheExampleWorkspace() {
        Plans.feWorkspace(workspace);
        filesBefore = Plans.filesUnder(workspace);
    }

    @AfterEach
    void lintingWritesNothing() {
        assertThat(Plans.filesUnder(workspace)).isEqualTo(filesBefore);
    }

    private LintReport lint() {
        LintReport report = linter.lint(workspace, Optional.empty(), Optional.empty());
        for (Finding finding : report.findings()) {
            assertThat(finding.message()).doesNotContain("Exception", "\tat ", "com.fasterxml", "org.yaml");
            assertThat(finding.location()).isPresent();
        }
        return report;
    }

    private void replaceTasks(String content) {
        Plans.write(workspace, Plans.TASKS_PATH, content);
        filesBefore = Plans.filesUnder(workspace);
    }

    private static Finding only(LintReport report) {
        assertThat(report.findings()).hasSize(1);
        return report.findings().get(0);
    }

    @Test
    void passesTheExampleWorkspace() {
        LintReport report = lint();

        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.filesChecked()).containsExactly(Plans.DECISIONS_PATH, Plans.STORY_MAP_PATH, Plans.TASKS_PATH);
    }

    @Test
    void reportsMalformedYamlWithLineAndColumn() {
        replaceTasks(Plans.FE_TASKS.replace("    title: Checkout form validation\n", "    title: Checkout: form\n"));

        Finding finding = only(lint());

        assertThat(finding.code()).isEqualTo(LintCodes.YAML_SYNTAX);
        assertThat(finding.describe()).startsWith(Plans.TASKS_PATH + ":15:20: error: malformed YAML: mapping values");
    }

    @Test
    void reportsAWrongType() {
        replaceTasks(Plans.FE_TASKS.replace("effort: 5", "effort: five"));

        Finding finding = only(lint());

        assertThat(finding.code()).isEqualTo(LintCodes.SCHEMA_TYPE);
        assertThat(finding.message()).isEqualTo("task FE-12: `effort` must be a number (found string \"five\")");
        assertThat(finding.location()).contains(new SourceLocation(Plans.TASKS_PATH, 19, 13));
    }

    @Test
    void reportsAnUnknownField() {
        replaceTasks(Plans.FE_TASKS.replace("    owner: bob", "    ownr: bob"));

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code)
                .containsExactly(LintCodes.SCHEMA_UNKNOWN_FIELD);
        assertThat(report.findings().get(0).message()).startsWith("task FE-12: unknown field `ownr` (allowed: ");
    }

    @Test
    void reportsADuplicateTaskIdAtTheSecondOccurrenceNamingTheFirst() {
        replaceTasks(Plans.FE_TASKS.replace("  - id: FE-12", "  - id: FE-1"));

        LintReport report = lint();

        assertThat(report.findings()).filteredOn(f -> f.code().equals(LintCodes.ID_DUPLICATE)).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).startsWith("task id FE-1 is used more than once: first at line 6");
                    assertThat(f.location()).contains(new SourceLocation(Plans.TASKS_PATH, 12, 9));
                });
        // One mistake, one message: the second FE-1 naming itself as parent and dependency is a
        // knock-on of the duplicate, not a mistake of its own.
        assertThat(report.findings()).extracting(Finding::code).containsExactly(LintCodes.ID_DUPLICATE);
    }

    /**
     * parse24: ids compare exactly, so {@code FE-1} and {@code fe-1} were two tasks, and a dependency, a
     * waiver or an outcome naming one reads to a person as naming the other. The SPEC asks for unique ids
     * and says nothing of case, so such a pair is refused as ambiguous (fail closed), once, at the later id.
     */
    @Test
    void reportsTaskIdsDifferingOnlyInCaseAsOneMistakeNamingBothLines() {
        replaceTasks(Plans.FE_TASKS.replace("  - id: FE-12", "  - id: fe-1").replace("[FE-1, ", "["));

        LintReport report = lint();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.ID_DUPLICATE);
            assertThat(f.message()).startsWith("task id fe-1 and FE-1 (first at line 6) differ only in letter case");
            assertThat(f.location()).contains(new SourceLocation(Plans.TASKS_PATH, 12, 9));
        });
    }

    @Test
    void reportsStoryIdsDifferingOnlyInCase() {
        Plans.write(workspace, Plans.STORY_MAP_PATH, Plans.FE_STORY_MAP.replace(
                "      - {id: S-BROWSE-1, title: See the catalogue, slice: walking-skeleton}\n",
                "      - {id: S-BROWSE-1, title: See the catalogue, slice: walking-skeleton}\n"
                        + "      - {id: s-browse-1, title: See it again, slice: walking-skeleton}\n"));
        filesBefore = Plans.filesUnder(workspace);

        assertThat(lint().findings()).filteredOn(f -> f.code().equals(LintCodes.ID_DUPLICATE)).singleElement()
                .satisfies(f -> assertThat(f.message())
                        .startsWith("story id s-browse-1 and S-BROWSE-1 (first at line 13) differ only in letter case"));
    }

    /**
     * review24: story map ids are not ASCII by their schema (any non-empty text), so two ids can look the same and
     * differ in how a letter is encoded ({@code é} as one code point or as {@code e} and a combining accent), or
     * differ in the case of a letter outside ASCII; each pair is refused as the ASCII pairs are.
     */
    @Test
    void reportsStoryIdsThatLookAlikeOrDifferInTheCaseOfALetterOutsideAscii() {
        Plans.write(workspace, Plans.STORY_MAP_PATH, Plans.FE_STORY_MAP.replace(
                "      - {id: S-BROWSE-1, title: See the catalogue, slice: walking-skeleton}\n",
                "      - {id: S-BROWSE-1, title: See the catalogue, slice: walking-skeleton}\n"
                        + "      - {id: S-CAF\u00c9, title: Coffee, slice: walking-skeleton}\n"
                        + "      - {id: S-CAFE\u0301, title: Coffee again, slice: walking-skeleton}\n"
                        + "      - {id: S-\u00c4, title: Umlaut, slice: walking-skeleton}\n"
                        + "      - {id: S-\u00e4, title: Umlaut again, slice: walking-skeleton}\n"));
        filesBefore = Plans.filesUnder(workspace);

        assertThat(lint().findings()).filteredOn(f -> f.code().equals(LintCodes.ID_DUPLICATE))
                .extracting(f -> f.message().substring(0, f.message().indexOf(" (first at")))
                .containsExactly("story id S-CAFE\u0301 and S-CAF\u00c9", "story id S-\u00e4 and S-\u00c4");
        assertThat(lint().findings()).filteredOn(f -> f.code().equals(LintCodes.ID_DUPLICATE))
                .extracting(f -> f.message().contains("differ only in how a letter is encoded (they look the same)"))
                .containsExactly(true, false);
    }

    @Test
    void idsThatDifferInMoreThanCaseAreStillTwo() {
        replaceTasks(Plans.FE_TASKS + "  - {id: FE-1a, title: Later}\n  - {id: FE-1A.x, title: Later}\n");

        assertThat(lint().findings()).noneMatch(f -> f.code().equals(LintCodes.ID_DUPLICATE));
    }

    @Test
    void aDuplicateIdThatLeavesReferencesDanglingIsOneMessage() {
        replaceTasks(Plans.FE_TASKS.replace("  - id: FE-12", "  - id: FE-1") + "  - {id: FE-99, title: Later, dependencies: [FE-12]}\n");

        LintReport report = lint();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.ID_DUPLICATE);
            assertThat(f.message()).contains("was it meant to be FE-12?");
        });
    }

    @Test
    void aMisspeltRequiredFieldIsOneMessageWithTheFieldItMeant() {
        replaceTasks(Plans.FE_TASKS.replace("    title: Checkout form validation\n", "    titel: Checkout form validation\n"));

        LintReport report = lint();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.SCHEMA_UNKNOWN_FIELD);
            assertThat(f.message()).contains("unknown field `titel`").contains("did you mean `title`");
        });
    }

    @Test
    void reportsDanglingParentAndDependencyAndMalformedCrossStreamReference() {
        replaceTasks(Plans.FE_TASKS.replace("parent: FE-1", "parent: FE-9")
                .replace("dependencies: [FE-1, \"be:PLN-BE-001\"]", "dependencies: [FE-404, \"be:\", \"fe:FE-1\"]"));

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LintCodes.REF_DANGLING,
                        "task FE-12: parent `FE-9` is not a task of this file"),
                org.assertj.core.groups.Tuple.tuple(LintCodes.REF_DANGLING,
                        "task FE-12: dependency `FE-404` is not a task of this file"),
                org.assertj.core.groups.Tuple.tuple(LintCodes.REF_MALFORMED,
                        "task FE-12: dependency `be:` is not a well-formed cross-stream reference:"
                                + " expected stream:ID, e.g. be:PLN-BE-001"));
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.taskId()).contains("FE-12"));
    }

    /**
     * Found by the sixteenth review: an approver who reads as another ({@code techlead-erik} with a
     * zero-width space, a Cyrillic {@code е}) counted as a third approval of a criticality-0 item.
     * Governance now counts such a name for no one; lint names it, at the name, and says why.
     */
    @Test
    void reportsAnApproverWhoseNameCouldPassForAnothersAtTheName() {
        replaceTasks(Plans.FE_TASKS.replace("controls: {data_handling_note:",
                "controls: {approvals: [pm-dana, techlead-erik, \"techlead-erik\\u200b\", \"techlead-\u0435rik\"], data_handling_note:"));

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code).containsExactly(LintCodes.APPROVER_UNCLEAR,
                LintCodes.APPROVER_UNCLEAR);
        assertThat(report.findings()).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).startsWith("task FE-12: approver `techlead-erik\u200b` holds U+200B").contains("counts as no approval"),
                m -> assertThat(m).startsWith("task FE-12: approver `techlead-\u0435rik` mixes the scripts Cyrillic and Latin"));
        assertThat(report.findings().get(0).location()).get().extracting(l -> l.line()).isEqualTo(
                report.findings().get(1).location().get().line());
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.taskId()).contains("FE-12"));
    }

    @Test
    void reportsLinksToStoriesTheStoryMapDoesNotHave() {
        replaceTasks(Plans.FE_TASKS.replace("linked_story_map_nodes: [S-BROWSE-1]", "linked_story_map_nodes: [S-NOPE]"));

        Finding finding = only(lint());

        assertThat(finding.code()).isEqualTo(LintCodes.STORY_UNLINKED_NODE);
        assertThat(finding.message()).contains("`S-NOPE` is not a story of " + Plans.STORY_MAP_PATH);
    }

    @Test
    void reportsACycleIdThatDisagreesWithTheFileName() {
        replaceTasks(Plans.FE_TASKS.replace("cycle_id: \"2025-09-02\"", "cycle_id: \"2025-09-16\""));

        Finding finding = only(lint());

        assertThat(finding.code()).isEqualTo(LintCodes.CYCLE_MISMATCH);
        assertThat(finding.location()).contains(new SourceLocation(Plans.TASKS_PATH, 2, 11));
    }

    @Test
    void reportsStoryMapProblems() {
        Plans.write(workspace, Plans.STORY_MAP_PATH, Plans.FE_STORY_MAP
                .replace("slice: walking-skeleton}", "slice: release-9}\n      - {id: S-BROWSE-1, title: Again}"));
        filesBefore = Plans.filesUnder(workspace);

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code)
                .containsExactly(LintCodes.REF_DANGLING, LintCodes.ID_DUPLICATE);
        assertThat(report.findings().get(0).message())
                .isEqualTo("story S-BROWSE-1: slice `release-9` is not a slice of this map (slices: walking-skeleton, release-1)");
    }

    @Test
    void reportsAMissingTaskBreakdownNamingTheExpectedPath() throws Exception {
        Files.delete(workspace.resolve(Plans.TASKS_PATH));
        filesBefore = Plans.filesUnder(workspace);

        Finding finding = only(lint());

        assertThat(finding.code()).isEqualTo(LintCodes.FILE_MISSING);
        assertThat(finding.message()).contains(Plans.TASKS_PATH).contains("2025-09-02-fe_backlog.yaml");
    }

    @Test
    void reportsAMissingTaskBreakdownAtThePlanThatNeedsIt() throws Exception {
        Files.delete(workspace.resolve(Plans.TASKS_PATH));
        filesBefore = Plans.filesUnder(workspace);
        List<String> mapLines = Files.readAllLines(workspace.resolve(Plans.STORY_MAP_PATH));
        int cycleIdLine = mapLines.indexOf(mapLines.stream().filter(l -> l.startsWith("cycle_id:")).findFirst()
                .orElseThrow()) + 1;

        Finding finding = only(lint());

        assertThat(finding.location()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo(Plans.STORY_MAP_PATH);
            assertThat(l.line()).isEqualTo(cycleIdLine);
            assertThat(l.column()).isEqualTo(1);
        });
        assertThat(finding.facts()).containsEntry("missing_file", Plans.TASKS_PATH);
    }

    @Test
    void refusesACycleIdThatWouldLeaveTheWorkspace() {
        assertThatThrownBy(() -> linter.lint(workspace, Optional.of("fe"), Optional.of("../../etc")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid cycle id '../../etc'");
    }

    @Test
    void reportsAnAliasBombAndDeepNestingQuickly() {
        StringBuilder bomb = new StringBuilder(Plans.FE_TASKS).append("x0: &a0 [lol, lol, lol, lol]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("x").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        replaceTasks(bomb.toString());
        Plans.write(workspace, Plans.DECISIONS_PATH, "version: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        filesBefore = Plans.filesUnder(workspace);

        LintReport report = assertTimeoutPreemptively(Duration.ofSeconds(60), this::lint);

        assertThat(report.findings()).extracting(Finding::code)
                .containsExactly(LintCodes.YAML_TOO_DEEP, LintCodes.YAML_ALIAS);
    }

    @Test
    void reportsBytesThatAreNotUtf8() {
        byte[] latin1 = Plans.FE_TASKS.replace("owner: bob", "owner: José").getBytes(StandardCharsets.ISO_8859_1);
        Plans.write(workspace, Plans.TASKS_PATH, latin1);
        filesBefore = Plans.filesUnder(workspace);

        Finding finding = only(lint());

        assertThat(finding.code()).isEqualTo(LintCodes.FILE_ENCODING);
        assertThat(finding.location()).contains(new SourceLocation(Plans.TASKS_PATH, 16, 15));
    }

    @Test
    void acceptsAByteOrderMarkAndCrlfLineEnds() {
        replaceTasks("\uFEFF" + Plans.FE_TASKS.replace("\n", "\r\n"));
        Plans.write(workspace, Plans.STORY_MAP_PATH, "\uFEFF" + Plans.FE_STORY_MAP.replace("\n", "\r\n"));
        filesBefore = Plans.filesUnder(workspace);

        assertThat(lint().findings()).isEmpty();
    }

    /**
     * cycles28: the cycles linted are found as {@code PlanningWorkspace.cycles()} finds them, so a planning file's
     * name on a link out of the workspace is refused, naming it (the CLI's exit 2), as status refuses it; it was a
     * finding of lint alone.
     */
    @Test
    void refusesASymbolicLinkThatEscapesTheWorkspaceNamingIt(@TempDir Path outside) throws Exception {
        Path secret = Plans.write(outside, "secret.yaml", Plans.FE_DECISIONS);
        Files.delete(workspace.resolve(Plans.DECISIONS_PATH));
        Files.createSymbolicLink(workspace.resolve(Plans.DECISIONS_PATH), secret);
        filesBefore = Plans.filesUnder(workspace);

        assertThatThrownBy(this::lint).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(Plans.DECISIONS_PATH).hasMessageContaining("outside the workspace");
        assertThat(Plans.filesUnder(outside)).containsExactly(secret);
    }

    @Test
    void refusesAPlanningFilesNameOnADanglingLinkNamingItNeverLintingTheCycleAsIfItWereAbsent() throws Exception {
        String dangling = WorkspaceLayout.DEFAULT.storyMap(new CycleRef("fe", "2025-10-07"));
        Files.createSymbolicLink(workspace.resolve(dangling), workspace.resolve("gone.md"));
        filesBefore = Plans.filesUnder(workspace);

        assertThatThrownBy(this::lint).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.location()).contains(SourceLocation.ofFile(dangling)))
                .hasMessageContaining("is a symbolic link whose target does not exist");
        assertThatThrownBy(() -> linter.lint(workspace, Optional.of("fe"), Optional.of("2025-10-07")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(dangling);
    }

    @Test
    void oneBadFileDoesNotHideTheOthers() {
        replaceTasks("tasks: [\n");
        Plans.write(workspace, "frameworks/planning-be/tasks/PLN-BE-2024-01-be_backlog.yaml", """
                version: "1"
                cycle_id: PLN-BE-2024-01
                stream: be
                tasks:
                  - {id: PLN-BE-001, title: API, priority: P7}
                """);
        filesBefore = Plans.filesUnder(workspace);

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code)
                .containsExactly(LintCodes.SCHEMA_ENUM, LintCodes.YAML_SYNTAX);
        assertThat(report.findings()).extracting(f -> f.location().orElseThrow().file()).containsExactly(
                "frameworks/planning-be/tasks/PLN-BE-2024-01-be_backlog.yaml", Plans.TASKS_PATH);
        assertThat(report.filesChecked()).hasSize(4);
        assertThat(report.errorCount()).isEqualTo(2);
    }

    @Test
    void selectsAStreamAndACycle() {
        Plans.write(workspace, "frameworks/planning-be/tasks/C1-be_task_breakdown.yaml", "broken: [\n");
        filesBefore = Plans.filesUnder(workspace);

        assertThat(linter.lint(workspace, Optional.of("fe"), Optional.of("2025-09-02")).findings()).isEmpty();
        assertThat(linter.lint(workspace, Optional.of("be"), Optional.empty()).findings()).hasSize(1);
        assertThat(linter.lint(workspace, Optional.of("design"), Optional.empty()).findings())
                .singleElement().satisfies(f -> assertThat(f.code()).isEqualTo(LintCodes.FILE_MISSING));
    }

    /**
     * Found by the sixteenth review: with both accepted names present, lint warned and the gates judged
     * the first, so a compliant copy as {@code fe_task_breakdown.yaml} passed {@code gate} (exit 0) beside
     * the plan a reader takes for the cycle's, {@code fe_backlog.yaml}, which breaks Critical=0. Two plans
     * for one cycle are now an error.
     */
    @Test
    void refusesBothAcceptedTaskFileNamesAsAmbiguous() {
        Plans.write(workspace, "frameworks/planning-fe/tasks/2025-09-02-fe_backlog.yaml", Plans.FE_TASKS);
        filesBefore = Plans.filesUnder(workspace);

        LintReport report = lint();

        Finding finding = only(report);
        assertThat(finding.code()).isEqualTo(LintCodes.FILE_AMBIGUOUS);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).contains("the gates would judge only frameworks/planning-fe/tasks/"
                + "2025-09-02-fe_task_breakdown.yaml");
        assertThat(report.passed()).isFalse();
    }
}
