package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.digest.DigestResult;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.Importers;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.outcome.Coverage;
import dev.planning.engine.internal.outcome.CoverageKind;
import dev.planning.engine.internal.outcome.CoverageReader;
import dev.planning.engine.internal.outcome.CoverageReport;
import dev.planning.engine.internal.outcome.CoverageReports;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestPublisherTest {

    static final CycleRef FIRST = new CycleRef("fe", "2025-09-02");
    static final CycleRef SECOND = new CycleRef("fe", "2025-09-16");

    static final String JUNIT = """
            <testsuite name="s" tests="4">
              <testcase name="a"/><testcase name="b"><failure/></testcase>
              <testcase name="c"><error/></testcase><testcase name="d"><skipped/></testcase>
            </testsuite>
            """;
    static final String AXE = """
            {"passes": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "violations": [{"id": "d", "impact": "serious"}, {"id": "e", "impact": "minor"}]}
            """;
    static final String DEPLOYMENTS = """
            version: "1.0"
            deployments:
              - {id: D-1, time: 2025-09-21T15:00:00Z, status: success, commits: [{sha: abcdef1, time: 2025-09-21T09:00:00Z}], tasks: [FE-5]}
              - {id: D-2, time: 2025-09-22T15:00:00Z, status: success, commits: []}
              - {id: D-3, time: 2025-09-23T15:00:00Z, status: failure, commits: []}
              - {id: D-4, time: 2025-09-24T15:00:00Z, status: success, commits: []}
            incidents:
              - {id: INC-1, start: 2025-09-25T10:00:00Z, end: 2025-09-25T12:00:00Z, caused_by: D-2}
            """;

    @TempDir
    Path root;

    @TempDir
    Path reports;

    private PlanningWorkspace workspace;

    @BeforeEach
    void setUp() {
        CycleWorkspace.create(root, FIRST.cycleId(), SECOND.cycleId());
        workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"));
    }

    @Test
    void recomputesEveryKpiFromTheFixtureFiles() {
        runToValidated(FIRST);
        importOutcomes(FIRST, JUNIT, AXE, DEPLOYMENTS);

        DigestSummary digest = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).summary();

        // Plan: FE-2..FE-5 are the work items (FE-1 is an epic, even without children); FE-2 is done, and D-1 delivered FE-5.
        assertThat(actual(digest, "plan_accuracy")).isEqualTo(2 * 100.0 / 4);
        // JUnit: 4 cases, 1 failure, 1 error, 1 skipped: 1 passed of 3 executed.
        assertThat(actual(digest, "test_pass_rate")).isCloseTo(100.0 / 3, within(1e-4)); // front matter keeps 4 decimals;
        // axe: 3 passes, 2 violations.
        assertThat(actual(digest, "a11y_pass_rate")).isEqualTo(60.0);
        // D-3 failed and D-2 caused INC-1: 2 of 4 deployments failed.
        assertThat(actual(digest, "change_failure_rate")).isEqualTo(50.0);
        // Lead time: from the cycle's first event to its move into VALIDATED.
        List<RecordedEvent> history = workspace.status(FIRST).history();
        Instant validated = history.stream().map(RecordedEvent::event)
                .filter(e -> e.type() == EventType.STATE_TRANSITION && e.toState().orElseThrow() == CycleState.VALIDATED)
                .findFirst().orElseThrow().timestamp();
        double hours = Duration.between(history.get(0).event().timestamp(), validated).toSeconds() / 3600.0;
        assertThat(actual(digest, "lead_time_days")).isCloseTo(hours / 24, within(1e-4));
        // Velocity is per calendar day (both ends counted), never per fraction of a day, over the
        // events the digest read: the log before the DIGEST_PUBLISHED it was recorded with.
        List<RecordedEvent> read = history.stream()
                .filter(e -> e.event().type() != EventType.DIGEST_PUBLISHED).toList();
        long days = ChronoUnit.DAYS.between(
                read.get(0).event().timestamp().atOffset(ZoneOffset.UTC).toLocalDate(),
                read.get(read.size() - 1).event().timestamp().atOffset(ZoneOffset.UTC).toLocalDate()) + 1;
        assertThat(digest.inputs().get("cycle_days")).isEqualTo((double) days).isGreaterThanOrEqualTo(1.0);
    }

    /**
     * {@code kpis(cycle)} gives the figures {@code digest(cycle)} then publishes, equal to the last
     * decimal, without writing the digest or recording an event.
     */
    @Test
    void kpisAreTheDigestsFiguresReadWithoutPublishing() {
        runToValidated(FIRST);
        importOutcomes(FIRST, JUNIT, AXE, DEPLOYMENTS);
        int events = workspace.status(FIRST).history().size();

        Map<String, KpiValue> kpis = workspace.kpis(FIRST);

        assertThat(root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST))).doesNotExist();
        assertThat(workspace.status(FIRST).history()).hasSize(events);
        assertThat(kpis.get("change_failure_rate").actual()).contains(50.0);
        assertThat(kpis).containsExactlyEntriesOf(workspace.digest(FIRST).summary().kpis());
        assertThat(workspace.status(FIRST).history()).hasSize(events + 1);
    }

    @Test
    void aReadOnlyWorkspaceGivesTheSameKpisAndWritesNothing() {
        runToValidated(FIRST);
        importOutcomes(FIRST, DEPLOYMENTS);
        int events = workspace.status(FIRST).history().size();

        Map<String, KpiValue> readOnly = dev.planning.engine.Planning.builder().workspace(root).readOnly().build()
                .kpis(FIRST);

        assertThat(readOnly).containsExactlyEntriesOf(workspace.kpis(FIRST));
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST))).doesNotExist();
        assertThat(workspace.status(FIRST).history()).hasSize(events);
    }

    @Test
    void kpisAreRefusedAsTheDigestIsForACycleWithoutAnEventLog() {
        assertThatThrownBy(() -> workspace.kpis(FIRST)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no event log");
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST))).doesNotExist();
    }

    @Test
    void eachKpiRowNamesItsInputFilesAndTheDigestAdvisesTheRetrospective() {
        runToValidated(FIRST);
        importOutcomes(FIRST, DEPLOYMENTS);

        String text = read(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());

        String row = text.lines().filter(l -> l.startsWith("| change_failure_rate |")).findFirst().orElseThrow();
        assertThat(row).contains("(2 of 4 deployments)").containsPattern("-0.report\\)@&#8203;[0-9a-f]{8}");
        String planRow = text.lines().filter(l -> l.startsWith("| plan_accuracy |")).findFirst().orElseThrow();
        assertThat(planRow).containsPattern("2025-09-02-fe_task_breakdown.yaml\\)@&#8203;[0-9a-f]{8}");
        assertThat(text).contains("add `improvement_actions` to the cycle's retrospective")
                .doesNotContain("decision log)")
                .doesNotContain("### KPI trends")
                .doesNotContainPattern("T\\d\\d:\\d\\d:\\d\\d\\.\\d+Z");
    }

    @Test
    void coverageIsNotMeasuredWithoutACoverageReport() {
        runToValidated(FIRST);

        DigestResult result = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());

        assertThat(result.summary().kpis().get("unit_coverage_pct").actual()).isEmpty();
        assertThat(result.summary().inputs()).doesNotContainKey("coverage_unit_line_pct");
        String text = read(result.path());
        assertThat(text).contains("  unit_coverage_pct:\n    actual: null\n")
                .contains("| unit_coverage_pct | percent | ≥ 80 | not measured |");
        // No JUnit report was imported either: not measured, not 0.
        assertThat(result.summary().kpis().get("test_pass_rate").measured()).isFalse();
    }

    @Test
    void coverageIsMeasuredThroughTheCoverageReader() {
        runToValidated(FIRST);
        importOutcomes(FIRST, "TN:\nSF:a.js\nLF:10\nLH:7\nend_of_record\n");

        DigestSummary digest = publisher(snapshot -> new CoverageReports(snapshot.directory(), List.of(
                new CoverageReports.Entry(CoverageKind.UNIT, new CoverageReport(snapshot.filesIn("lcov").get(0).path(),
                        CoverageReport.Format.LCOV, new Coverage(7, 3), Coverage.NONE), "ab".repeat(32))), List.of()))
                .publish(FIRST, Optional.empty()).summary();

        assertThat(actual(digest, "unit_coverage_pct")).isEqualTo(70.0);
    }

    @Test
    void regeneratingFromTheSameInputsGivesIdenticalBytesAndRecordsNothing() {
        runToValidated(FIRST);
        importOutcomes(FIRST, JUNIT, AXE);
        DigestResult first = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());
        byte[] written = bytes(first.path());
        int events = workspace.status(FIRST).history().size();

        DigestResult again = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());

        assertThat(first.written()).isTrue();
        assertThat(again.written()).isFalse();
        assertThat(bytes(again.path())).isEqualTo(written);
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(workspace.status(FIRST).history()).hasSize(events);
        assertThat(publisher(CoverageReader.NONE).render(FIRST, Optional.empty()))
                .isEqualTo(new String(written, StandardCharsets.UTF_8));
    }

    /**
     * A publication stopped between the digest's file and {@code DIGEST_PUBLISHED} (a full disk on the
     * log, a killed process): publishing again renders the same bytes and records the event, the file
     * left as it is. Before, the identical bytes on disk were taken for a publication and the event was
     * never recorded.
     */
    @Test
    void aDigestWrittenButNeverRecordedIsRecordedByTheNextPublication() throws IOException {
        runToValidated(FIRST);
        DigestResult first = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());
        byte[] written = bytes(first.path());
        Path log = root.resolve(WorkspaceLayout.DEFAULT.eventLog(FIRST));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).contains("DIGEST_PUBLISHED");
        Files.writeString(log, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n", StandardCharsets.UTF_8);
        // Reopened with a clock past the seal: one before it makes the history past PACKAGED unverifiable
        // (a manifest "in the future of the verifier's clock"), which the State row says.
        workspace = CycleWorkspace.open(root, Instant.parse("2025-09-03T08:00:00Z"));

        DigestResult again = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());

        assertThat(again.eventId()).isPresent();
        assertThat(bytes(again.path())).isEqualTo(written);
        assertThat(workspace.status(FIRST).history()).last().satisfies(e -> {
            assertThat(e.event().type()).isEqualTo(EventType.DIGEST_PUBLISHED);
            assertThat(e.event().details()).containsEntry("sha256", first.sha256());
        });
        assertThat(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).eventId()).isEmpty();
    }

    @Test
    void theSecondCycleShowsDeltasAndTrendsAgainstTheFirst() {
        runToValidated(FIRST);
        importOutcomes(FIRST, AXE);
        publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());
        runToValidated(SECOND);
        importOutcomes(SECOND, AXE.replace("{\"id\": \"e\", \"impact\": \"minor\"}", "").replace(", ]", "]"));

        DigestResult second = publisher(CoverageReader.NONE).publish(SECOND, Optional.empty());

        assertThat(second.summary().previousCycleId()).contains(FIRST.cycleId());
        assertThat(actual(second.summary(), "a11y_pass_rate")).isEqualTo(75.0);
        assertThat(second.summary().inputs()).containsEntry("prev_a11y_passes", 3.0);
        String text = read(second.path());
        assertThat(text).contains("  a11y_pass_rate:\n    actual: 75.0\n    target: 95.0\n    previous: 60.0\n    delta: 15.0\n")
                .contains("| a11y_pass_rate | percent | ≥ 95 | 75 (3 of 4 rule checks) | 60 | +15 | ↑ 60 → 75 | ❌ missed | [")
                .contains("xychart-beta\n    title \"a11y_pass_rate\"\n    x-axis [\"2025-09-02\", \"2025-09-16\"]")
                .contains("line [60, 75]");
    }

    /**
     * An earlier digest is read for the trend only when its front matter is of the cycle and the stream its
     * file stands for: a digest renamed (or committed under another cycle's name) or edited by hand would
     * feed another cycle's or stream's figures into this cycle's deltas and trends.
     */
    @Test
    void refusesAnEarlierDigestWhoseCycleOrStreamIsNotTheOneItsFileStandsFor() throws Exception {
        runToValidated(FIRST);
        importOutcomes(FIRST, AXE);
        Path first = root.resolve(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());
        runToValidated(SECOND);
        String text = Files.readString(first, StandardCharsets.UTF_8);
        String renamed = WorkspaceLayout.DEFAULT.digest(new CycleRef("fe", "2025-09-09"));
        Files.move(first, root.resolve(renamed));

        assertThatThrownBy(() -> publisher(CoverageReader.NONE).publish(SECOND, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the earlier digest " + renamed + " is of cycle_id 2025-09-02 in stream fe, but its file"
                        + " stands for cycle_id 2025-09-09 in stream fe; a digest renamed, copied or edited by hand"
                        + " would put another cycle's figures in this cycle's deltas and trends: that cycle has no event"
                        + " log, so it never ran and has no digest: delete " + renamed);

        Files.delete(root.resolve(renamed));
        assertThat(text).contains("\nstream: fe\n");
        Files.writeString(first, text.replace("\nstream: fe\n", "\nstream: be\n"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> publisher(CoverageReader.NONE).publish(SECOND, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the earlier digest " + WorkspaceLayout.DEFAULT.digest(FIRST) + " is of cycle_id"
                        + " 2025-09-02 in stream be, but its file stands for cycle_id 2025-09-02 in stream fe;");
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.digest(SECOND))).doesNotExist();
    }

    /**
     * An earlier digest is a file anyone can commit: a figure a double does not read as written (infinite,
     * 0 for 1e-400, another number for 20 digits) or too long to be read as a number would enter this
     * cycle's deltas, trends and prev_ inputs as a number it does not say. Each is refused at its line.
     */
    @Test
    void refusesAnEarlierDigestWhoseFiguresADoubleDoesNotHoldAsWrittenNamingEachAtItsLine() throws Exception {
        runToValidated(FIRST);
        Path first = root.resolve(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());
        runToValidated(SECOND);
        String text = Files.readString(first, StandardCharsets.UTF_8);
        String edited = text.replaceFirst("\n  planned_tasks: [0-9.]+\n", "\n  planned_tasks: 1e400\n")
                .replaceFirst("\n  done_tasks: [0-9.]+\n", "\n  done_tasks: 1e-400\n")
                .replaceFirst("\n  gate_runs: [0-9.]+\n", "\n  gate_runs: 1" + "0".repeat(1100) + "\n")
                .replaceFirst("\n    actual: [0-9.]+\n", "\n    actual: 12345678901234567890\n");
        assertThat(edited.split("\n", -1)).hasSameSizeAs(text.split("\n", -1));
        Files.writeString(first, edited, StandardCharsets.UTF_8);
        String path = WorkspaceLayout.DEFAULT.digest(FIRST);

        assertThatThrownBy(() -> publisher(CoverageReader.NONE).publish(SECOND, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid digest front matter: 4 errors:")
                .hasMessageContaining("`inputs.planned_tasks` is 1E+400, beyond the largest number a double holds")
                .hasMessageContaining("`inputs.done_tasks` is 1E-400, which a double reads as 0")
                .hasMessageContaining("`inputs.gate_runs` is a number of 1,101 characters, more than the 1,000 a number may have")
                .hasMessageContaining("is 12345678901234567890, which a double reads as")
                .satisfies(e -> assertThat(e.getMessage().lines().skip(1))
                        .allSatisfy(line -> assertThat(line).matches("  " + Pattern.quote(path)
                                + ":[0-9]+:[0-9]+: `.*")));
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.digest(SECOND))).doesNotExist();
    }

    /**
     * The gate table gives each gate's last run at the instant its gates judged ({@code judged_at}, as the
     * history check reads it), not the later instant its event was appended: this workspace's clock ticks an
     * hour per reading, so the two differ by hours.
     */
    @Test
    void theGateTableTimesEachGateAtTheInstantItJudged() {
        runToValidated(FIRST);
        String text = read(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());

        List<PlanningEvent> attempts = workspace.status(FIRST).history().stream().map(RecordedEvent::event)
                .filter(e -> !e.gateResults().isEmpty()).toList();
        PlanningEvent last = attempts.get(attempts.size() - 1);
        Instant judged = Instant.parse(last.details().get("judged_at"));
        assertThat(judged).as("the fixture's judged_at and timestamp differ").isBefore(last.timestamp().minusSeconds(1));
        for (Map.Entry<String, GateStatus> gate : last.gateResults().entrySet()) {
            String cells = "| " + gate.getKey().replace("_", "\\_") + " | " + gate.getValue() + " | ";
            assertThat(text).contains(cells + Figures.time(judged) + " |")
                    .doesNotContain(cells + Figures.time(last.timestamp()) + " |");
        }
    }

    /**
     * The KPIs' other figures of an earlier digest (target, previous, delta) are held to the same: each that
     * a double does not read as written is refused at its line, as the inputs and actuals are.
     */
    @Test
    void refusesAnEarlierDigestWhoseKpiTargetPreviousOrDeltaADoubleDoesNotHoldAsWritten() throws Exception {
        runToValidated(FIRST);
        Path first = root.resolve(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());
        runToValidated(SECOND);
        String text = Files.readString(first, StandardCharsets.UTF_8);
        String edited = text.replaceFirst("\n    target: [^\n]+\n", "\n    target: 1e400\n")
                .replaceFirst("\n    previous: [^\n]+\n", "\n    previous: 1e-400\n")
                .replaceFirst("\n    delta: [^\n]+\n", "\n    delta: 12345678901234567890\n");
        assertThat(edited).contains("target: 1e400", "previous: 1e-400", "delta: 12345678901234567890");
        Files.writeString(first, edited, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> publisher(CoverageReader.NONE).publish(SECOND, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid digest front matter: 3 errors:")
                .hasMessageContaining(".target` is 1E+400, beyond the largest number a double holds")
                .hasMessageContaining(".previous` is 1E-400, which a double reads as 0")
                .hasMessageContaining(".delta` is 12345678901234567890, which a double reads as");
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.digest(SECOND))).doesNotExist();
    }

    /**
     * A KPI the earlier digest states in another unit (the rulebook redefined it: days became hours, a
     * percentage a ratio) is not this cycle's figure to compare with: no previous value, no delta, and it
     * starts a new trend, rather than a change that is only the unit.
     */
    @Test
    void anEarlierFigureOfAnotherUnitIsNotComparedWith() throws Exception {
        runToValidated(FIRST);
        Path first = root.resolve(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());
        runToValidated(SECOND);
        String text = Files.readString(first, StandardCharsets.UTF_8);
        assertThat(text).contains("\n  plan_accuracy:\n    actual: ");
        Path second = root.resolve(publisher(CoverageReader.NONE).publish(SECOND, Optional.empty()).path());
        assertThat(block(Files.readString(second, StandardCharsets.UTF_8), "plan_accuracy"))
                .doesNotContain("previous: null").contains("    trend: ");
        Files.delete(second);
        String ratio = text.replace("    unit: percent\n", "    unit: ratio\n");
        Files.writeString(first, ratio, StandardCharsets.UTF_8);
        // The digest published before the redefinition: its log records its bytes (digest39 holds an earlier digest
        // to the one its cycle's log records as published).
        Path log = root.resolve(WorkspaceLayout.DEFAULT.eventLog(FIRST));
        Files.writeString(log, Files.readString(log, StandardCharsets.UTF_8).replace(Sha256.hex(text.getBytes(
                StandardCharsets.UTF_8)), Sha256.hex(ratio.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);

        String published = Files.readString(root.resolve(publisher(CoverageReader.NONE).publish(SECOND,
                Optional.empty()).path()), StandardCharsets.UTF_8);

        assertThat(block(published, "plan_accuracy")).contains("    previous: null\n    delta: null\n")
                .contains("    unit: percent\n").contains("    trend: new\n");
    }

    /** The front matter lines of one KPI. */
    private static String block(String digest, String kpi) {
        int start = digest.indexOf("\n  " + kpi + ":\n");
        assertThat(start).as(kpi).isPositive();
        int end = digest.indexOf("\n  ", start + kpi.length() + 4);
        while (end >= 0 && digest.startsWith("\n    ", end)) {
            end = digest.indexOf("\n  ", end + 1);
        }
        return digest.substring(start, end < 0 ? digest.length() : end + 1);
    }

    @Test
    void listsImprovementActionsDecisionsAndTheLifecyclePath() {
        runToValidated(FIRST);
        CycleWorkspace.write(root.resolve(WorkspaceLayout.DEFAULT.decisionLog(FIRST)), """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                decisions:
                  - {id: D-1, summary: Ship the address form behind a flag, decided_by: alice, date: 2025-09-01}
                improvement_actions:
                  - {id: IA-2025-09-02-1, action: Add e2e coverage for checkout, owner: bob, due: 2025-09-20, tags: ["criticality:2"]}
                """);

        DigestResult result = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());

        assertThat(result.summary().improvementActions()).singleElement()
                .satisfies(a -> assertThat(a.owner()).isEqualTo("bob"));
        assertThat(read(result.path()))
                .contains("| IA-2025-09-02-1 | Add e2e coverage for checkout | bob | 2025-09-20 |")
                .contains("- **D-1**: Ship the address form behind a flag (alice, 2025-09-01)")
                .contains("    PLANNED --> READY_FOR_HANDOFF: 1 validate_complete\n")
                .contains("task FE-4 (Promo banner) dropped, 3 points");
    }

    @Test
    void textFromThePlanRendersAsTextNeverAsLinksImagesHtmlOrCode() {
        runToValidated(FIRST);
        CycleWorkspace.write(root.resolve(WorkspaceLayout.DEFAULT.decisionLog(FIRST)), """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                decisions:
                  - {id: "D-1", summary: "[x](javascript:alert(1)) and ![i](http://x/y.png)", decided_by: "`rm -rf`"}
                improvement_actions:
                  - {id: IA-2025-09-02-1, action: "<img src=x onerror=alert(1)> a | b", owner: "<script>x</script>", due: 2025-09-20}
                """);

        DigestResult result = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());

        // The YAML front matter keeps the values as data; the Markdown body renders them as text.
        String text = read(result.path());
        String body = text.substring(text.indexOf("---\n", 4) + 4);
        assertThat(body).contains("\\<img src=x").contains("\\[x\\](javascript\\:").contains("\\!\\[i\\]");
        org.commonmark.node.Node document = org.commonmark.parser.Parser.builder().build().parse(body);
        List<String> links = new ArrayList<>();
        List<String> code = new ArrayList<>();
        StringBuilder rendered = new StringBuilder();
        document.accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Link link) {
                links.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(org.commonmark.node.Image image) {
                links.add("image " + image.getDestination());
            }

            @Override
            public void visit(org.commonmark.node.HtmlInline html) {
                links.add("html " + html.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.HtmlBlock html) {
                links.add("html " + html.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code span) {
                code.add(span.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Text t) {
                rendered.append(t.getLiteral());
            }
        });
        assertThat(links).as("links, images and HTML in the body").noneMatch(d -> d.startsWith("javascript:")
                || d.startsWith("image") || d.startsWith("html") || d.startsWith("http://x"));
        assertThat(code).as("code spans").doesNotContain("rm -rf");
        assertThat(rendered.toString())
                .contains("D-1: [x](javascript:alert(1)) and ![i](http://x/y.png) (`rm -rf`)")
                .contains("| IA-2025-09-02-1 | <img src=x onerror=alert(1)> a | b | <script>x</script> | 2025-09-20 |");
        // The pipe inside the action stays in its cell: the row still has four cells.
        String row = body.lines().filter(l -> l.startsWith("| IA-2025-09-02-1")).findFirst().orElseThrow();
        assertThat(row.split("(?<!\\\\)\\|", -1)).hasSize(6);
    }

    @Test
    void aGateNameFromTheEventLogRendersAsTextInItsOwnCell() {
        // Twelfth review (2026-12-04): the gate table's names come from the event log's gate_results
        // keys (a file the contributor commits; the codec takes any string) and went into the
        // Markdown as they were, only '<' escaped: a name could add rows, a heading and a tracking image.
        runToValidated(FIRST);
        FileEventStore store = new FileEventStore(root);
        List<RecordedEvent> log = store.read(FIRST);
        String name = "g | PASS | x | y |\n\n## \u2705 All gates PASSED\n![t](https://tracker.example/p.png) "
                + "[ok](https://evil.example) **PASSED** `c` \u202e";
        // Dated as the log's last event: a log whose time goes backwards is refused before any name is shown (time41).
        store.append(FIRST, new PlanningEvent("evt_hostile_gate", log.get(log.size() - 1).event().timestamp(),
                EventType.TRANSITION_REFUSED, Optional.of(CycleState.VALIDATED), Optional.of(CycleState.COMPLETED),
                FIRST.toString(), "mallory", Map.of(name, GateStatus.FAIL), Map.of()), log.get(log.size() - 1).hash());

        DigestResult result = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());

        String text = read(result.path());
        String body = text.substring(text.indexOf("---\n", 4) + 4);
        assertThat(body).doesNotContain("\n## \u2705").doesNotContain("\u202e");
        org.commonmark.node.Node document = org.commonmark.parser.Parser.builder().build().parse(body);
        List<String> found = new ArrayList<>();
        document.accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Link link) {
                found.add("link " + link.getDestination());
            }

            @Override
            public void visit(org.commonmark.node.Image image) {
                found.add("image " + image.getDestination());
            }

            @Override
            public void visit(org.commonmark.node.Heading heading) {
                found.add("heading " + ((org.commonmark.node.Text) heading.getFirstChild()).getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code span) {
                found.add("code " + span.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.StrongEmphasis strong) {
                found.add("strong");
            }
        });
        assertThat(found).noneMatch(f -> f.contains("evil.example") || f.contains("tracker.example")
                || f.contains("All gates") || f.equals("code c") || f.equals("strong"));
        String row = body.lines().filter(l -> l.startsWith("| g ")).findFirst().orElseThrow();
        assertThat(row.split("(?<!\\\\)\\|", -1)).as(row).hasSize(6);
    }

    @Test
    void warnsAboutWaiversExpiringWithinTheRulebooksHorizon() {
        runToValidated(FIRST);
        CycleWorkspace.write(root.resolve(WorkspaceLayout.DEFAULT.decisionLog(FIRST)), """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - {rule: missing-owner, item: FE-3, reason: joins soon, approver: cto, expires: 2025-09-05}
                  - {rule: critical-approvals, item: FE-1, reason: later, approver: cto, expires: 2026-06-30}
                """);

        DigestResult result = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());

        assertThat(read(result.path()))
                .contains("> **Waivers expiring within 14 days** (after that the violation counts again):")
                .containsPattern("> - missing-owner for FE-3 expires (today|tomorrow|in \\d+ days) \\(2025-09-05\\)")
                .doesNotContain("> - critical-approvals for FE-1")
                .contains("| missing-owner | FE-3 | joins soon | cto | 2025-09-05 (expiring) |")
                .contains("| critical-approvals | FE-1 | later | cto | 2026-06-30 |");
    }

    @Test
    void rendersAUserTemplate() {
        runToValidated(FIRST);
        Path template = reports.resolve("short.mustache");
        CycleWorkspace.write(template, "# {{cycle_id}}\n{{#kpis}}- {{name}}: {{actual}}\n{{/kpis}}");

        DigestResult result = publisher(CoverageReader.NONE).publish(FIRST, Optional.of(template));

        String text = read(result.path());
        assertThat(text.substring(text.indexOf("---\n", 4) + 4))
                .startsWith("# 2025-09-02\n- plan_accuracy: 25\n- test_pass_rate: not measured\n");
        // The front matter stays complete whatever the template.
        assertThat(text).contains("inputs:").contains("kpis:");
    }

    /**
     * attack28: an earlier digest's input names are a committed file's keys, which its schema left free, and each
     * came back as this cycle's {@code prev_} input, into this digest's front matter. The schema now allows only
     * names as the tool writes them ({@code [a-z][a-z0-9_]*}); any other is refused at its line and column.
     */
    @Test
    void anEarlierDigestWhoseInputIsNotNamedAsTheToolNamesItsInputsIsRefusedAtItsLine() throws Exception {
        runToValidated(FIRST);
        importOutcomes(FIRST, AXE);
        Path first = root.resolve(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());
        String text = Files.readString(first, StandardCharsets.UTF_8);
        assertThat(text).contains("\ninputs:\n");
        int line = (int) text.substring(0, text.indexOf("\ninputs:\n")).lines().count() + 2;
        Files.writeString(first, text.replace("\ninputs:\n", "\ninputs:\n  \"x](javascript:alert(1)) ![t](https://t.example/p.png)"
                + " # h\": 1\n  Planned_Tasks: 2\n"), StandardCharsets.UTF_8);
        runToValidated(SECOND);
        String path = WorkspaceLayout.DEFAULT.digest(FIRST);

        assertThatThrownBy(() -> publisher(CoverageReader.NONE).publish(SECOND, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid digest front matter: 2 errors:")
                .hasMessageContaining(path + ":" + line + ":3: `inputs` has a key of the wrong form (found \"x](javascript:")
                .hasMessageContaining(path + ":" + (line + 1) + ":3: `inputs` has a key of the wrong form (found"
                        + " \"Planned_Tasks\"): expected a match for ^[a-z][a-z0-9_]*$");
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.digest(SECOND))).doesNotExist();
    }

    /**
     * attack27: a prev_ input's name is an earlier digest's key. The schema now refuses any other name (above); the
     * model still shows a name that is not the tool's as plan text, should one reach it another way.
     */
    @Test
    void anInputNameThatIsNotTheToolsIsPlanTextInATemplateThatListsTheInputs() {
        DigestContent rich = DigestBytesTest.rich();
        DigestSummary s = rich.summary();
        Map<String, Double> inputs = new TreeMap<>(s.inputs());
        inputs.put("prev_x](javascript:alert(1)) ![t](https://t.example/p.png) # h", 1.0);
        DigestSummary summary = new DigestSummary(s.version(), s.cycleId(), s.stream(), s.generatedAt(), s.snapshotRev(),
                s.rulebookHash(), s.manifestChecksum(), s.kpis(), s.gates(), s.improvementActions(),
                s.previousCycleId(), inputs);
        DigestContent content = new DigestContent(rich.digestPath(), summary, rich.facts(), rich.rows(), rich.gates(),
                rich.manifest(), rich.manifestExpected(), rich.events(), rich.droppedTasks(), rich.decisions(),
                rich.retrospectivePath(), rich.waiverHorizonDays());

        String body = DigestRenderer.render("{{#inputs}}- {{name}} = {{value}}\n{{/inputs}}", "inputs.mustache",
                DigestModel.scope(content));

        assertThat(body).contains("- prev\\_x\\](javascript\\:alert(1)) \\!\\[t\\](https\\://t\\.example/p\\.png) # h = 1\n")
                .doesNotContain("](javascript:", "![t](https:");
    }

    @Test
    void refusesTemplatePartials() {
        runToValidated(FIRST);
        Path template = reports.resolve("include.mustache");
        CycleWorkspace.write(template, "{{> /etc/passwd}}");

        assertThatThrownBy(() -> publisher(CoverageReader.NONE).publish(FIRST, Optional.of(template)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot include partials");
    }

    @Test
    void refusesACycleWithoutEvents() {
        assertThatThrownBy(() -> publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no event log");
    }

    /**
     * Seventh review (2026-12-04): the digest already at the digest's path (a file anyone who commits
     * writes) was read whole to see whether it changed: one of 3 GiB ended the publication with an
     * {@code OutOfMemoryError}. A file of another size is now replaced without being read.
     */
    @Test
    void aHugeFileAtTheDigestsPathIsReplacedWithoutBeingRead() throws Exception {
        runToValidated(FIRST);
        Path existing = root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST));
        Files.createDirectories(existing.getParent());
        try (RandomAccessFile huge = new RandomAccessFile(existing.toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: no disk, but a 3 GiB file to whoever reads it
        }

        DigestResult result = publisher(CoverageReader.NONE).publish(FIRST, Optional.empty());

        assertThat(result.eventId()).isPresent();
        assertThat(Files.size(existing)).isLessThan(1L << 20);
        assertThat(read(result.path())).contains("plan_accuracy");
    }

    /**
     * report20: a log rebuilt to claim {@code PACKAGED -> EXECUTED}, with the manifest deleted, showed
     * {@code EXECUTED} in the digest's State row, where {@code status} says {@code UNSIGNED HISTORY}.
     * The row now says what status says, the event's id (text anyone who commits writes) escaped as
     * plan text.
     */
    @Test
    void theStateRowSaysWhenTheHistoryPastPackagedIsUnsigned() throws Exception {
        workspace.create(FIRST);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED)) {
            assertThat(CycleWorkspace.advance(workspace, FIRST, state).accepted()).isTrue();
        }
        FileEventStore store = new FileEventStore(root);
        List<RecordedEvent> log = store.read(FIRST);
        String id = "evt_[ok](https://evil.example)_**EXECUTED**";
        store.append(FIRST, new PlanningEvent(id, Instant.parse("2025-09-03T09:00:00Z"), EventType.STATE_TRANSITION,
                Optional.of(CycleState.PACKAGED), Optional.of(CycleState.EXECUTED), FIRST.toString(), "mallory",
                Map.of(), Map.of()), log.get(log.size() - 1).hash());
        Files.delete(root.resolve(WorkspaceLayout.DEFAULT.manifest(FIRST)));
        assertThat(workspace.checkHistory(workspace.status(FIRST))).isNotEmpty();

        String text = read(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());

        String row = text.lines().filter(l -> l.startsWith("| State |")).findFirst().orElseThrow();
        assertThat(row).startsWith("| State | EXECUTED \u2014 UNSIGNED HISTORY\\: ")
                .contains("frameworks/planning-fe/events/2025-09-02\\.events\\.jsonl")
                .contains("does not verify now").contains("\\[ok\\]").doesNotContain("[ok](")
                .doesNotContain("**EXECUTED**").endsWith(" |");
        assertThat(row.chars().filter(c -> c == '|').count()).as("the row keeps its two cells").isEqualTo(3);
        assertThat(text).contains("\nstate: EXECUTED\n").as("the front matter keeps the state as the log folds it");
    }

    @Test
    void theStateRowOfASignedHistoryIsTheStateAlone() {
        runToValidated(FIRST);

        String text = read(publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()).path());

        assertThat(text).contains("| State | VALIDATED |").doesNotContain("UNSIGNED HISTORY");
    }

    @Test
    void theStateRowOfAHistoryPastPackagedCheckedWithoutKeysSaysItCannotBeChecked() {
        runToValidated(FIRST);
        PlanningWorkspace keyless = dev.planning.engine.Planning.builder().workspace(root).triggeredBy("test").build();

        String text = read(new DigestPublisher(keyless, WorkspaceLayout.DEFAULT, CoverageReader.NONE)
                .publish(FIRST, Optional.empty()).path());

        assertThat(text).contains("| State | VALIDATED \u2014 UNSIGNED HISTORY\\: the history past PACKAGED cannot be"
                + " checked\\: ").contains("none are in hand");
    }

    /**
     * digest40: a cycle completed after a publication stopped between the digest's file and its event cannot publish
     * again (a completed cycle records nothing), and the next cycle's digest refuses the file as its baseline; the
     * refusal named neither, so the way out (deleting the file) was left to guess. It is now said, file and log named.
     */
    @Test
    void aCompletedCycleWhoseDigestWasNeverRecordedSaysToDeleteTheFile() {
        runToValidated(FIRST);
        String path = WorkspaceLayout.DEFAULT.digest(FIRST);
        CycleWorkspace.write(root.resolve(path), publisher(CoverageReader.NONE).render(FIRST, Optional.empty()));
        workspace.advance(FIRST, CycleState.IMPROVE);
        // Completed by its move, not by improve, which carries only a digest its log records published (improve40).
        workspace.advance(FIRST, CycleState.COMPLETED);
        assertThat(workspace.status(FIRST).state()).isEqualTo(CycleState.COMPLETED);

        assertThatThrownBy(() -> publisher(CoverageReader.NONE).publish(FIRST, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is COMPLETED")
                .hasMessageContaining("its event log " + WorkspaceLayout.DEFAULT.eventLog(FIRST)
                        + " records no publication of " + path)
                .hasMessageContaining("delete " + path + " (`git rm " + path + "`)");
    }

    private DigestPublisher publisher(CoverageReader coverage) {
        return new DigestPublisher(workspace, WorkspaceLayout.DEFAULT, coverage);
    }

    /**
     * fail35: the history past PACKAGED that the system failed to read (the disk answering an I/O error) ends the
     * publication (exit 3), writing nothing; before, the digest was written saying the history cannot be checked, as
     * if the workspace's were at fault.
     */
    @Test
    void aHistoryTheSystemFailedToReadEndsThePublicationAndWritesNoDigest() {
        runToValidated(FIRST);
        SystemFailureException eio = new SystemFailureException("cannot read the manifest (Input/output error): the"
                + " system failed, not the input", null, null);
        PlanningWorkspace failing = (PlanningWorkspace) Proxy.newProxyInstance(PlanningWorkspace.class.getClassLoader(),
                new Class<?>[] {PlanningWorkspace.class}, (proxy, method, args) -> {
                    if (method.getName().equals("checkHistory")) {
                        throw eio;
                    }
                    try {
                        return method.invoke(workspace, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        assertThatThrownBy(() -> new DigestPublisher(failing, WorkspaceLayout.DEFAULT, CoverageReader.NONE)
                .publish(FIRST, Optional.empty())).isSameAs(eio);
        assertThat(root.resolve(WorkspaceLayout.DEFAULT.digest(FIRST))).doesNotExist();
    }

    void runToValidated(CycleRef cycle) {
        workspace.create(cycle);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED,
                CycleState.VALIDATED)) {
            assertThat(CycleWorkspace.advance(workspace, cycle, state).accepted()).as("advance to " + state).isTrue();
        }
    }

    private void importOutcomes(CycleRef cycle, String... contents) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < contents.length; i++) {
            Path file = reports.resolve(cycle.cycleId() + "-" + i + ".report");
            CycleWorkspace.write(file, contents[i]);
            files.add(file);
        }
        Importers.of(workspace).importFiles(cycle, files);
    }

    private static double actual(DigestSummary digest, String kpi) {
        return digest.kpis().get(kpi).actual().orElseThrow(() -> new AssertionError(kpi + " not measured"));
    }

    private String read(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    private byte[] bytes(String path) {
        try {
            return Files.readAllBytes(root.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
