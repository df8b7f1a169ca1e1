package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(new OutcomeSet.Stored<>(stored, "0a1e2e345678", "report").endToEnd()).isFalse();
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
}
