package dev.planning.api.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintReportTest {

    private static Finding error(String file, int line) {
        return Finding.error("schema.type", "wrong", new SourceLocation(file, line, 1));
    }

    @Test
    void theSummaryCountsTheFilesWithFindingsApartFromTheFilesChecked() {
        LintReport report = new LintReport(List.of("a.yaml", "b.yaml", "c.yaml"),
                List.of(error("a.yaml", 1), error("a.yaml", 2), error("b.yaml", 1), Finding.warning("w", "w")));

        assertThat(report.summary()).isEqualTo("3 errors, 1 warning in 2 files; 3 files checked");
    }

    @Test
    void eachCountTakesTheSingularForOne() {
        LintReport report = new LintReport(List.of("a.yaml"), List.of(error("a.yaml", 1)));

        assertThat(report.summary()).isEqualTo("1 error, 0 warnings in 1 file; 1 file checked");
    }

    @Test
    void aCleanReportSaysOnlyHowManyFilesWereChecked() {
        assertThat(new LintReport(List.of(), List.of()).summary()).isEqualTo("0 errors, 0 warnings; 0 files checked");
    }

    @Test
    void aFindingOnAFileLintDidNotReadIsCountedAmongTheFilesWithFindings() {
        LintReport report = new LintReport(List.of("a.yaml"), List.of(error("rulebook/rulebook.yaml", 3)));

        assertThat(report.summary()).isEqualTo("1 error, 0 warnings in 1 file; 1 file checked");
    }
}
