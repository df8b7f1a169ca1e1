package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.outcome.ImportedFile;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.Importers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeImporterTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path root;

    @TempDir
    Path reports;

    private PlanningWorkspace workspace;

    @BeforeEach
    void setUp() {
        CycleWorkspace.create(root, CYCLE.cycleId());
        // Created before DeploymentLogReaderTest.LOG's first deployment: an earlier one is refused (kpi37).
        workspace = CycleWorkspace.open(root, Instant.parse("2025-08-19T08:00:00Z"));
        workspace.create(CYCLE);
    }

    @Test
    void detectsEachKindByContentAndStoresItByHash() {
        Path junit = report("results.xml", JUnitReportParserTest.SUREFIRE);
        Path axe = report("a11y.txt", AxeReportParserTest.RESULTS);
        Path deployments = report("ops.yml", DeploymentLogReaderTest.LOG);
        Path jacoco = report("jacoco.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
                <report name="shop"><counter type="LINE" missed="20" covered="80"/></report>
                """);
        Path lcov = report("lcov.info", "TN:\nSF:src/cart.js\nDA:1,1\nLF:1\nLH:1\nend_of_record\n");

        ImportReport result = Importers.of(workspace).importFiles(CYCLE, List.of(junit, axe, deployments, jacoco, lcov));

        assertThat(result.files()).extracting(ImportedFile::kind)
                .containsExactly(OutcomeKind.JUNIT, OutcomeKind.AXE, OutcomeKind.DEPLOYMENTS, OutcomeKind.JACOCO, OutcomeKind.LCOV);
        assertThat(result.files().get(0).path())
                .matches("frameworks/planning-fe/outcomes/2025-09-02/junit/[0-9a-f]{12}-results\\.xml");
        assertThat(root.resolve(result.files().get(1).path())).hasContent(AxeReportParserTest.RESULTS);
        assertThat(result.changed()).isTrue();
        assertThat(workspace.status(CYCLE).history()).last()
                .satisfies(e -> assertThat(e.event().type()).isEqualTo(EventType.OUTCOMES_IMPORTED))
                .satisfies(e -> assertThat(e.event().details().get("count")).isEqualTo("5"));
    }

    @Test
    void aKindDirectoryThatIsASymbolicLinkIsRefusedAndNothingIsWrittenWhereItPoints() throws IOException {
        Path evidence = root.resolve("frameworks/planning-fe/evidence/2025-09-02");
        Files.createDirectories(evidence);
        Path junitDir = root.resolve("frameworks/planning-fe/outcomes/2025-09-02/junit");
        Files.createDirectories(junitDir.getParent());
        Files.createSymbolicLink(junitDir, junitDir.getParent().relativize(evidence));
        int events = workspace.status(CYCLE).history().size();

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE,
                List.of(report("TEST-a.xml", JUnitReportParserTest.SUREFIRE))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symbolic link")
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).hasValueSatisfying(
                        l -> assertThat(l.file()).isEqualTo("frameworks/planning-fe/outcomes/2025-09-02/junit")));
        try (Stream<Path> files = Files.list(evidence)) {
            assertThat(files).isEmpty();
        }
        assertThat(workspace.status(CYCLE).history()).hasSize(events);
    }

    @Test
    void importingTheSameBytesTwiceChangesNothingEvenUnderAnotherName() throws IOException {
        Path junit = report("TEST-a.xml", JUnitReportParserTest.SUREFIRE);
        Importers.of(workspace).importFiles(CYCLE, List.of(junit));
        int events = workspace.status(CYCLE).history().size();
        List<Path> before = storedFiles();

        ImportReport again = Importers.of(workspace).importFiles(CYCLE,
                List.of(junit, report("copy-of-a.xml", JUnitReportParserTest.SUREFIRE)));

        assertThat(again.changed()).isFalse();
        assertThat(again.files()).allMatch(ImportedFile::alreadyImported);
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(workspace.status(CYCLE).history()).hasSize(events);
    }

    /**
     * attack26: the same bytes given twice in one call, under two names, were stored twice (the check for a stored
     * copy looked at the directory before either was written), so the cycle's tests counted twice.
     */
    @Test
    void theSameBytesTwiceInOneImportAreStoredOnce() throws IOException {
        Path first = report("TEST-a.xml", JUnitReportParserTest.SUREFIRE);
        Path second = report("TEST-b.xml", JUnitReportParserTest.SUREFIRE);

        ImportReport result = Importers.of(workspace).importFiles(CYCLE, List.of(first, second));

        assertThat(storedFiles()).hasSize(1);
        assertThat(result.files()).extracting(ImportedFile::alreadyImported).containsExactly(false, true);
        assertThat(result.files().get(1).path()).isEqualTo(result.files().get(0).path());
        assertThat(workspace.status(CYCLE).history()).last()
                .satisfies(e -> assertThat(e.event().details().get("count")).isEqualTo("1"));
    }

    /**
     * An import that stored its file but was stopped before recording {@code OUTCOMES_IMPORTED} (the
     * disk full on the log, a killed process): the next import of the same bytes records the event.
     * Before, it answered "already imported" and recorded nothing, so the cycle's history never said
     * the outcome was imported.
     */
    @Test
    void aFileStoredByAnImportThatNeverRecordedItIsRecordedByTheNextImport() throws IOException {
        Path junit = report("TEST-a.xml", JUnitReportParserTest.SUREFIRE);
        Importers.of(workspace).importFiles(CYCLE, List.of(junit));
        Path log = root.resolve(WorkspaceLayout.DEFAULT.eventLog(CYCLE));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).contains("OUTCOMES_IMPORTED");
        // The state the interrupted import left: the file stored, its event never appended.
        Files.writeString(log, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n", StandardCharsets.UTF_8);
        List<Path> stored = storedFiles();
        PlanningWorkspace reopened = CycleWorkspace.open(root, Instant.parse("2025-09-02T09:00:00Z"));

        ImportReport again = Importers.of(reopened).importFiles(CYCLE, List.of(junit));

        assertThat(again.changed()).isTrue();
        assertThat(again.files()).noneMatch(ImportedFile::alreadyImported);
        assertThat(storedFiles()).isEqualTo(stored);
        assertThat(reopened.status(CYCLE).history()).last()
                .satisfies(e -> assertThat(e.event().type()).isEqualTo(EventType.OUTCOMES_IMPORTED))
                .satisfies(e -> assertThat(e.event().details().get("files")).isEqualTo(again.files().get(0).path()));
        ImportReport third = Importers.of(reopened).importFiles(CYCLE, List.of(junit));
        assertThat(third.changed()).isFalse();
    }

    /**
     * review18's note (errors19): a stored outcome whose name holds a comma (committed so, or stored by an
     * import that never recorded it) was recorded in the event's comma-joined {@code files}, so the next
     * import of the same bytes did not find it recorded and recorded it again, on every import. A quote
     * and a line break in the name are taken the same way: the same bytes are recorded once.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a,b.xml", "a\"b.xml", "a\nb.xml", ",.xml"})
    void aStoredOutcomeWhateverItsNameHoldsIsRecordedOnceForTheSameBytes(String name) throws IOException {
        Path junit = report("TEST-a.xml", JUnitReportParserTest.SUREFIRE);
        Importers.of(workspace).importFiles(CYCLE, List.of(junit));
        Path log = root.resolve(WorkspaceLayout.DEFAULT.eventLog(CYCLE));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.writeString(log, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n", StandardCharsets.UTF_8);
        Path stored = storedFiles().get(0);
        String prefix = stored.getFileName().toString().substring(0, OutcomeImporter.PREFIX);
        Files.move(stored, stored.resolveSibling(prefix + "-" + name));
        PlanningWorkspace reopened = CycleWorkspace.open(root, Instant.parse("2025-09-02T09:00:00Z"));

        ImportReport recorded = Importers.of(reopened).importFiles(CYCLE, List.of(junit));
        int events = reopened.status(CYCLE).history().size();
        ImportReport again = Importers.of(reopened).importFiles(CYCLE, List.of(junit));
        ImportReport third = Importers.of(reopened).importFiles(CYCLE, List.of(junit));

        assertThat(recorded.changed()).isTrue();
        assertThat(recorded.files().get(0).path()).endsWith("/" + prefix + "-" + name);
        assertThat(again.changed()).isFalse();
        assertThat(third.changed()).isFalse();
        assertThat(again.files()).allMatch(ImportedFile::alreadyImported);
        assertThat(reopened.status(CYCLE).history()).hasSize(events);
    }

    @Test
    void storesNothingWhenAnyFileIsBad() throws IOException {
        Path good = report("TEST-a.xml", JUnitReportParserTest.SUREFIRE);
        Path partial = report("lcov.info", "SF:src/cart.js\nDA:1,1\n");

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE, List.of(good, partial)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("never closed by end_of_record");
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void namesEveryBadFileOfOneImportAndStoresNothing() throws IOException {
        Path good = report("TEST-a.xml", JUnitReportParserTest.SUREFIRE);
        Path csv = report("coverage.csv", "file,lines\ncart.js,10\n");
        Path jacoco = report("jacoco.xml", "<report name=\"shop\"><counter type=\"LINE\" missed=\"1\"");
        Path missing = reports.resolve("nope.xml");

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE, List.of(good, csv, jacoco, missing)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing imported: 3 errors")
                .hasMessageContaining("coverage.csv").hasMessageContaining("expected JUnit XML")
                .hasMessageContaining("jacoco.xml").hasMessageContaining("not a well-formed JaCoCo XML report")
                .hasMessageContaining("nope.xml").hasMessageContaining("file not found");
        assertThat(storedFiles()).isEmpty();
    }

    /**
     * errors21: several bad files list every mistake of each, one line each at its place; before, each
     * file was one line of the list holding its own list (or its first mistake alone).
     */
    @Test
    void namesEveryMistakeOfEveryBadFileOneLineEach() throws IOException {
        Path good = report("TEST-a.xml", JUnitReportParserTest.SUREFIRE);
        Path junit = report("TEST-b.xml", "<testsuite name=\"b\" tests=\"2\">\n  <testcase name=\"x\" time=\"-1\"/>\n</testsuite>\n");
        Path lcov = report("lcov.info", "SF:src/cart.js\nDA:x,1\nDA:2,y\nend_of_record\n");
        Path missing = reports.resolve("nope.xml");

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> Importers.of(workspace).importFiles(CYCLE, List.of(good, junit, lcov, missing)));

        String b = junit.toString().replace('\\', '/');
        String l = lcov.toString().replace('\\', '/');
        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "nothing imported: 5 errors:",
                "  " + b + ":1:28: the <testsuite> declares tests=\"2\" but holds 1 <testcase> elements (a partial report?)",
                "  " + b + ":2:28: time=\"-1\" is not a duration: expected seconds as a plain decimal, such as 0.25",
                "  " + l + ":2:4: DA has \"x\"; expected a whole number",
                "  " + l + ":3:4: DA count has \"y\"; expected a whole number",
                "  " + missing.toString().replace('\\', '/') + ": file not found (expected a report file to import)");
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void refusesAFileOfNoKnownKind() {
        Path csv = report("coverage.csv", "file,lines\ncart.js,10\n");

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE, List.of(csv)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected JUnit XML, JaCoCo XML, LCOV, axe-core JSON");
    }

    @Test
    void refusesATruncatedJacocoReport() {
        Path jacoco = report("jacoco.xml", "<report name=\"shop\"><counter type=\"LINE\" missed=\"1\"");

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE, List.of(jacoco)))
                .hasMessageContaining("not a well-formed JaCoCo XML report");
    }

    @Test
    void refusesAtImportWhatTheGatesCouldNotReadLeavingNothingStored() throws IOException {
        // Both were imported before and refused only at the next gate: the structure checked, not the counts.
        Path lcov = report("lcov.info", "SF:src/cart.js\nDA:1,1\nLH:12\nLF:10\nend_of_record\n");
        Path jacoco = report("jacoco.xml", "<report name=\"shop\"><counter type=\"LINE\" missed=\"-1\" covered=\"9\"/>"
                + "</report>");

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE, List.of(lcov)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LH:12 is more than LF:10");
        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE, List.of(jacoco)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missed=\"-1\"");
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void refusesAMissingFile() {
        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE, List.of(reports.resolve("nope.xml"))))
                .hasMessageContaining("file not found");
    }

    @Test
    void keepsStoredNamesInsideTheWorkspace() {
        assertThat(OutcomeImporter.safeName(Path.of("..")))
                .doesNotContain("/").isNotEqualTo("..");
        assertThat(OutcomeImporter.safeName(Path.of("my report (1).xml"))).isEqualTo("my_report__1_.xml");
    }

    /**
     * left17: a deployments file that lists a deployment an imported file already lists (a second export
     * of the same window, a line changed) was stored, and the digest refused the pair later. Refused at
     * import, naming both files, nothing written, nothing recorded.
     */
    @Test
    void aDeploymentAlreadyImportedFromAnotherFileIsRefusedNamingBothAndNothingIsStored() throws IOException {
        ImportReport first = Importers.of(workspace).importFiles(CYCLE, List.of(report("ops.yml",
                DeploymentLogReaderTest.LOG)));
        String stored = first.files().get(0).path();
        List<Path> before = storedFiles();
        int events = workspace.status(CYCLE).history().size();
        // Another window, which repeats D-2 only.
        Path again = report("ops-next.yml", """
                version: "1.0"
                period: {start: 2025-09-02T00:00:00Z, end: 2025-09-16T00:00:00Z}
                deployments:
                  - {id: D-3, time: 2025-09-03T15:00:00Z, status: success, commits: [{sha: 5f2a9c1, time: 2025-09-03T09:00:00Z}]}
                  - {id: D-2, time: 2025-09-04T15:00:00Z, status: success, commits: [{sha: 6f2a9c1, time: 2025-09-04T09:00:00Z}]}
                """);

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE, List.of(again)))
                .isInstanceOf(InvalidInputException.class)
                // errors18: each file at the entry's line and column.
                .hasMessageContaining("deployment D-2 is listed in " + stored + ":9:9 and again in " + again + ":5:10")
                .hasMessageContaining("nothing imported");
        assertThat(storedFiles()).isEqualTo(before);
        assertThat(workspace.status(CYCLE).history()).hasSize(events);
    }

    /** left17: two files of one import that overlap in their periods: refused before anything is stored. */
    @Test
    void twoFilesOfOneImportWhosePeriodsOverlapAreRefusedAndNothingIsStored() throws IOException {
        Path other = report("ops-other.yml", DeploymentLogReaderTest.LOG.replace("D-1", "D-7").replace("D-2", "D-8")
                .replace("INC-", "INC-X").replace("BUG-1", "BUG-9"));

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE,
                List.of(report("ops.yml", DeploymentLogReaderTest.LOG), other)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("overlaps that of");
        assertThat(storedFiles()).isEmpty();
    }

    /** Importing the same bytes again is no repeat: the file is already there. */
    @Test
    void theSameDeploymentsFileImportedAgainIsNoRepeat() {
        Importers.of(workspace).importFiles(CYCLE, List.of(report("ops.yml", DeploymentLogReaderTest.LOG)));

        ImportReport again = Importers.of(workspace).importFiles(CYCLE,
                List.of(report("ops-copy.yml", DeploymentLogReaderTest.LOG)));

        assertThat(again.files()).singleElement().satisfies(f -> assertThat(f.alreadyImported()).isTrue());
    }

    /**
     * kpi38: an importer built on a workspace alone checked no task against the plan (only the workspace's own
     * importer was given it): a file it stored was then refused by the digest and the gates. It reads the plan itself.
     */
    @Test
    void anImporterBuiltOnAWorkspaceAloneRefusesATaskThatIsNoWorkItemOfThePlan() throws IOException {
        Path deployments = report("ops.yml", DeploymentLogReaderTest.LOG.replace("tasks: [FE-2]", "tasks: [FE-99]"));

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(CYCLE,
                List.of(deployments)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing imported: deployment D-1 lists 'FE-99', which is not the id of a task");
        assertThat(storedFiles()).isEmpty();
    }

    /**
     * kpi38: an importer that records through the workspace's {@code record} cannot stamp the creation of a cycle with
     * no event yet at the instant it judged the deployments against; it refuses them rather than judge them against
     * an instant the digest does not take.
     */
    @Test
    void anImporterThatCannotStampTheCreationRefusesDeploymentsIntoACycleWithNoEvent() throws IOException {
        CycleRef fresh = new CycleRef("fe", "2025-09-16");
        CycleWorkspace.create(root, fresh.cycleId());

        assertThatThrownBy(() -> Importers.of(workspace).importFiles(fresh,
                List.of(report("ops.yml", DeploymentLogReaderTest.LOG))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing imported: cycle " + fresh + " has no event yet");
        assertThat(storedFiles()).isEmpty();
        assertThat(workspace.status(fresh).history()).isEmpty();
    }

    private Path report(String name, String content) {
        Path file = reports.resolve(name);
        CycleWorkspace.write(file, content);
        return file;
    }

    private List<Path> storedFiles() throws IOException {
        Path outcomes = root.resolve("frameworks/planning-fe/outcomes");
        if (!Files.exists(outcomes)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(outcomes)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
