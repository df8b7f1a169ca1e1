package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.fixtures.Plans;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageReportsTest {

    private static final String DIR = "frameworks/planning-fe/outcomes/2025-09-02";

    @TempDir
    Path workspace;

    @Test
    void findsReportsByNameAndContentAndSumsThemPerKind() {
        Plans.write(workspace, DIR + "/unit/jacoco.xml", JacocoXmlTest.REPORT);
        Plans.write(workspace, DIR + "/unit/web-lcov.info", "SF:a\nLF:100\nLH:75\nend_of_record\n");
        Plans.write(workspace, DIR + "/e2e-coverage.lcov", "SF:a\nLF:10\nLH:6\nend_of_record\n");
        Plans.write(workspace, DIR + "/junit.xml", "<testsuite name=\"unit\" tests=\"1\"/>");
        Plans.write(workspace, DIR + "/notes.txt", "not a report");

        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        assertThat(reports.problems()).isEmpty();
        assertThat(reports.reports()).hasSize(3);
        assertThat(reports.total(CoverageKind.UNIT)).hasValueSatisfying(unit -> {
            assertThat(unit.lines()).isEqualTo(new Coverage(160, 40));
            assertThat(unit.source()).isEqualTo(DIR + " (2 reports)");
        });
        assertThat(reports.total(CoverageKind.E2E)).hasValueSatisfying(e2e -> {
            assertThat(e2e.lines().percent()).hasValue(60.0);
            assertThat(e2e.source()).isEqualTo(DIR + "/e2e-coverage.lcov");
        });
    }

    @Test
    void anImportedUnitReportWhoseHashPrefixSpellsE2eStaysUnitAsTheKpiCountsIt() {
        // planning import stores a report as <12 hex digits of its SHA-256>-<its name>: 1 in about 400 spell "e2e".
        String stored = DIR + "/lcov/0a1e2e345678-unit-lcov.info";
        Plans.write(workspace, stored, "SF:a\nLF:10\nLH:6\nend_of_record\n");

        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        assertThat(reports.total(CoverageKind.E2E)).isEmpty();
        assertThat(reports.total(CoverageKind.UNIT)).hasValueSatisfying(unit -> assertThat(unit.source())
                .isEqualTo(stored));
    }

    @Test
    void anImportedReportNamedE2eAfterItsHashPrefixIsE2e() {
        Plans.write(workspace, DIR + "/lcov/0a1b2c3d4e5f-web-e2e-lcov.info", "SF:a\nLF:10\nLH:6\nend_of_record\n");

        assertThat(CoverageReports.scan(workspace, DIR).total(CoverageKind.E2E)).isPresent();
    }

    @Test
    void aMissingDirectoryHasNoReports() {
        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        assertThat(reports.reports()).isEmpty();
        assertThat(reports.totals()).isEmpty();
    }

    @Test
    void anUnreadableReportIsAProblemNotAnException() {
        Plans.write(workspace, DIR + "/jacoco.xml", "<report name=\"x\"><counter type=\"LINE\"");

        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        assertThat(reports.reports()).isEmpty();
        assertThat(reports.problems()).singleElement()
                .satisfies(p -> assertThat(p.location().orElseThrow().file()).isEqualTo(DIR + "/jacoco.xml"));
    }

    /** Lines 1-4 of a.js: the first run hit 1 and 2, the second 2 and 3; b.js is in the second alone. */
    private static final String FIRST_RUN = "TN:\nSF:src/a.js\nDA:1,1\nDA:2,3\nDA:3,0\nDA:4,0\nLF:4\nLH:2\n"
            + "BRDA:1,0,0,1\nBRDA:1,0,1,0\nBRF:2\nBRH:1\nend_of_record\n";
    private static final String SECOND_RUN = "TN:\nSF:src/a.js\nDA:1,0\nDA:2,1\nDA:3,5\nDA:4,0\nLF:4\nLH:2\n"
            + "BRDA:1,0,0,0\nBRDA:1,0,1,2\nBRF:2\nBRH:1\nend_of_record\nSF:src/b.js\nDA:7,1\nDA:8,0\nend_of_record\n";

    @Test
    void aSourceFileInTwoLcovReportsCountsEachLineOnceCoveredWhenEitherCoveredIt() {
        // Summed, a.js counted 4 of 8 lines and b.js 1 of 2: 5 of 10, where the union is 3 of 4 and 1 of 2.
        Plans.write(workspace, DIR + "/lcov/0123456789ab-unit.info", FIRST_RUN);
        Plans.write(workspace, DIR + "/nightly/lcov.info", SECOND_RUN);

        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        assertThat(reports.problems()).isEmpty();
        assertThat(reports.total(CoverageKind.UNIT)).hasValueSatisfying(unit -> {
            assertThat(unit.lines()).isEqualTo(new Coverage(4, 2));
            assertThat(unit.branches()).isEqualTo(new Coverage(2, 0));
            assertThat(unit.source()).isEqualTo(DIR + " (2 reports)");
        });
    }

    @Test
    void aLineListedTwiceInOneRecordAndAgainInAnotherReportStillCountsOnce() {
        Plans.write(workspace, DIR + "/a.info", "SF:a.js\nDA:1,0\nDA:1,0\nDA:2,1\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:a.js\nDA:1,4\nDA:1,0\nend_of_record\n");

        assertThat(CoverageReports.scan(workspace, DIR).total(CoverageKind.UNIT).orElseThrow().lines())
                .isEqualTo(new Coverage(2, 0));
    }

    @Test
    void aSourceFileGivenAsTotalsAloneInTwoReportsIsRefusedAtEachRecordRatherThanGuessed() {
        // LF/LH name how many lines, not which: no union can hold them, and a sum counts the file twice.
        Plans.write(workspace, DIR + "/a.info", "TN:\nSF:src/a.js\nLF:10\nLH:6\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:src/a.js\nLF:10\nLH:7\nend_of_record\n");
        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> reports.total(CoverageKind.UNIT));

        assertThat(refused).hasMessageContaining("cannot be merged per source file");
        assertThat(refused.getMessage()).contains(DIR + "/a.info:2:1: src/a.js is in 2 unit coverage reports ("
                + DIR + "/a.info, " + DIR + "/b.info) and this one gives its lines (LF/LH without a DA line for"
                + " each) as totals").contains(DIR + "/b.info:1:1: src/a.js is in 2 unit coverage reports")
                .contains("expected every line listed in each report (DA lines), or the file in one report");
    }

    @Test
    void aSourceFileWhoseSummaryNamesMoreLinesThanItListsCannotBeMergedEither() {
        // LF:10 over four DA lines: six lines without a number, which no union can place.
        Plans.write(workspace, DIR + "/a.info", "SF:a.js\nDA:1,1\nDA:2,0\nDA:3,0\nDA:4,0\nLF:10\nLH:1\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:a.js\nDA:2,1\nend_of_record\n");
        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> reports.total(CoverageKind.UNIT));

        assertThat(refused.location()).contains(new SourceLocation(DIR + "/a.info", 1, 1));
        assertThat(refused).hasMessageContaining("gives its lines (LF/LH without a DA line for each) as totals");
    }

    @Test
    void branchesGivenAsTotalsAloneInTwoReportsAreRefusedToo() {
        Plans.write(workspace, DIR + "/a.info", "SF:a.js\nDA:1,1\nBRF:4\nBRH:2\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:a.js\nDA:1,1\nend_of_record\n");

        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> CoverageReports.scan(workspace, DIR).total(CoverageKind.UNIT)))
                .hasMessageContaining("gives its branches (BRF/BRH without a BRDA line for each) as totals");
    }

    @Test
    void aSourceFileGivenAsTotalsInOneReportAloneIsCountedAsThatReportCountsIt() {
        Plans.write(workspace, DIR + "/a.info", "SF:a.js\nLF:10\nLH:6\nend_of_record\n");
        Plans.write(workspace, DIR + "/b.info", "SF:b.js\nDA:1,1\nend_of_record\n");

        assertThat(CoverageReports.scan(workspace, DIR).total(CoverageKind.UNIT).orElseThrow().lines())
                .isEqualTo(new Coverage(7, 4));
    }

    /** An aggregate report nests a group per module, and a group may nest groups. */
    private static String aggregate(String outer, String inner, String lines, String counter, String total) {
        return "<report name=\"all\"><group name=\"" + outer + "\"><group name=\"" + inner + "\">"
                + "<package name=\"shop/cart\"><sourcefile name=\"Cart.java\">" + lines + counter
                + "</sourcefile></package></group></group>" + total + "</report>";
    }

    @Test
    void aJacocoSourceFileInTwoReportsIsMergedByPackageAndNameLineByLine() {
        Plans.write(workspace, DIR + "/a/jacoco.xml", aggregate("shop", "cart",
                "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"1\" cb=\"1\"/><line nr=\"2\" mi=\"3\" ci=\"0\" mb=\"0\" cb=\"0\"/>",
                "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/><counter type=\"BRANCH\" missed=\"1\" covered=\"1\"/>",
                "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/><counter type=\"BRANCH\" missed=\"1\" covered=\"1\"/>"));
        Plans.write(workspace, DIR + "/b/jacoco.xml", aggregate("shop", "cart",
                "<line nr=\"1\" mi=\"2\" ci=\"0\" mb=\"2\" cb=\"0\"/><line nr=\"2\" mi=\"0\" ci=\"3\" mb=\"0\" cb=\"0\"/>",
                "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/><counter type=\"BRANCH\" missed=\"2\" covered=\"0\"/>",
                "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/><counter type=\"BRANCH\" missed=\"2\" covered=\"0\"/>"));
        // Another package's Cart.java: another file, added.
        Plans.write(workspace, DIR + "/c/jacoco.xml", "<report name=\"c\"><package name=\"shop/admin\">"
                + "<sourcefile name=\"Cart.java\"><line nr=\"1\" mi=\"1\" ci=\"0\" mb=\"0\" cb=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"1\" covered=\"0\"/></sourcefile></package>"
                + "<counter type=\"LINE\" missed=\"1\" covered=\"0\"/></report>");

        CoverageReport unit = CoverageReports.scan(workspace, DIR).total(CoverageKind.UNIT).orElseThrow();

        // Summed: 2 of 5 lines. Merged: Cart.java's lines 1 and 2 both ran (2 of 2), admin's Cart.java 0 of 1.
        assertThat(unit.lines()).isEqualTo(new Coverage(2, 1));
        // Line 1's two branches: the most either report took (1), of the most either names (2).
        assertThat(unit.branches()).isEqualTo(new Coverage(1, 1));
    }

    @Test
    void oneJacocoNameGivenOtherLinesByAnotherReportIsRefusedNotMergedAsOneFile() {
        // Two modules' shop/cart/Cart.java, or two builds of it: JaCoCo lists every line with code, so one
        // file's reports list the same lines. Merged by number, b's missed line 1 would read as a's covered one.
        Plans.write(workspace, DIR + "/a/jacoco.xml", aggregate("shop", "cart",
                "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/>", "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/>",
                "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/>"));
        Plans.write(workspace, DIR + "/b/jacoco.xml", aggregate("shop", "cart",
                "<line nr=\"1\" mi=\"5\" ci=\"0\" mb=\"0\" cb=\"0\"/><line nr=\"9\" mi=\"1\" ci=\"0\" mb=\"0\" cb=\"0\"/>",
                "<counter type=\"LINE\" missed=\"2\" covered=\"0\"/>", "<counter type=\"LINE\" missed=\"2\" covered=\"0\"/>"));
        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> reports.total(CoverageKind.UNIT));

        assertThat(refused).isNotNull();
        assertThat(refused).hasMessageContaining("shop/cart/Cart.java is in 2 unit coverage reports")
                .hasMessageContaining("lists other lines or branches than " + DIR + "/a/jacoco.xml");
        assertThat(refused.location()).map(SourceLocation::file).contains(DIR + "/b/jacoco.xml");
    }

    @Test
    void oneJacocoLineGivenOtherBranchesByAnotherReportIsRefusedToo() {
        Plans.write(workspace, DIR + "/a/jacoco.xml", aggregate("shop", "cart",
                "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"2\"/>", "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/>"
                        + "<counter type=\"BRANCH\" missed=\"0\" covered=\"2\"/>",
                "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/><counter type=\"BRANCH\" missed=\"0\" covered=\"2\"/>"));
        Plans.write(workspace, DIR + "/b/jacoco.xml", aggregate("shop", "cart",
                "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"4\" cb=\"0\"/>", "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/>"
                        + "<counter type=\"BRANCH\" missed=\"4\" covered=\"0\"/>",
                "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/><counter type=\"BRANCH\" missed=\"4\" covered=\"0\"/>"));

        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> CoverageReports.scan(workspace, DIR).total(CoverageKind.UNIT)))
                .hasMessageContaining("lists other lines or branches than");
    }

    @Test
    void aJacocoReportOfTotalsAloneBesideAnotherJacocoReportIsRefusedRatherThanAddedAsItsOwn() {
        // a lists Cart.java (1 of 1 covered) and Admin.java (0 of 1); b gives totals alone, which may well be
        // Cart.java again: added as its own, 2 of 3 where a alone says 1 of 2 (review21).
        Plans.write(workspace, DIR + "/a/jacoco.xml", "<report name=\"a\"><package name=\"shop\">"
                + "<sourcefile name=\"Cart.java\"><line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/></sourcefile>"
                + "<sourcefile name=\"Admin.java\"><line nr=\"1\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"1\" covered=\"0\"/></sourcefile></package>"
                + "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/></report>");
        Plans.write(workspace, DIR + "/b/jacoco.xml", "<report name=\"b\"><counter type=\"LINE\" missed=\"0\""
                + " covered=\"1\"/></report>");
        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> reports.total(CoverageKind.UNIT));

        assertThat(refused).isNotNull();
        assertThat(refused.location()).contains(SourceLocation.ofFile(DIR + "/b/jacoco.xml"));
        assertThat(refused).hasMessageContaining("counts 1 covered and 0 missed lines in no <sourcefile>")
                .hasMessageContaining("2 unit JaCoCo reports");
    }

    @Test
    void aJacocoReportOfTotalsAloneBesideAnLcovReportIsAddedAsItsOwn() {
        // A JaCoCo name and an LCOV path never name one file: nothing to merge, nothing counted twice.
        Plans.write(workspace, DIR + "/b/jacoco.xml", "<report name=\"b\"><counter type=\"LINE\" missed=\"3\""
                + " covered=\"6\"/></report>");
        Plans.write(workspace, DIR + "/lcov.info", "SF:a.js\nDA:1,1\nend_of_record\n");

        assertThat(CoverageReports.scan(workspace, DIR).total(CoverageKind.UNIT).orElseThrow().lines())
                .isEqualTo(new Coverage(7, 3));
    }

    @Test
    void unitAndE2eReportsOfOneSourceFileStayApart() {
        Plans.write(workspace, DIR + "/unit.info", "SF:a.js\nDA:1,1\nDA:2,0\nend_of_record\n");
        Plans.write(workspace, DIR + "/e2e.info", "SF:a.js\nDA:1,0\nDA:2,1\nend_of_record\n");

        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        assertThat(reports.total(CoverageKind.UNIT).orElseThrow().lines()).isEqualTo(new Coverage(1, 1));
        assertThat(reports.total(CoverageKind.E2E).orElseThrow().lines()).isEqualTo(new Coverage(1, 1));
    }

    @Test
    void aTracefileImportStoredUnderANameWithoutInfoIsReadAsTheKpisReadIt() {
        // planning import detects LCOV by content and keeps the name: the gate read only *.info and *.lcov.
        Plans.write(workspace, DIR + "/lcov/0123456789ab-coverage.out", "SF:a.js\nDA:1,1\nDA:2,0\nend_of_record\n");
        Plans.write(workspace, DIR + "/jacoco/0123456789ab-report.txt", "<report name=\"r\"><counter type=\"LINE\""
                + " missed=\"1\" covered=\"3\"/></report>");

        CoverageReports reports = CoverageReports.scan(workspace, DIR);

        assertThat(reports.problems()).isEmpty();
        assertThat(reports.total(CoverageKind.UNIT).orElseThrow().lines()).isEqualTo(new Coverage(4, 2));
    }
}
