package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARIF paths: relative to the base a code host knows when the workspace lies inside it, else to the workspace. */
class CiReportsTest {

    private static final LintReport REPORT = new LintReport(List.of("plans/fe.yaml"),
            List.of(Finding.error("schema.required", "missing field", new SourceLocation("plans/fe.yaml", 3, 5))));

    private static String uri(String sarif) throws Exception {
        return new ObjectMapper().readTree(sarif).path("runs").get(0).path("results").get(0).path("locations").get(0)
                .path("physicalLocation").path("artifactLocation").path("uri").asText();
    }

    @Test
    void aWorkspaceInsideTheBaseGetsPathsFromTheBase() throws Exception {
        Path base = Path.of("repo").toAbsolutePath();
        assertThat(uri(CiReports.lintSarif(REPORT, base.resolve("planning/ws"), base)))
                .isEqualTo("planning/ws/plans/fe.yaml");
    }

    @Test
    void aWorkspaceOutsideTheBaseKeepsWorkspaceRelativePaths() throws Exception {
        Path base = Path.of("repo").toAbsolutePath();
        assertThat(uri(CiReports.lintSarif(REPORT, base.resolveSibling("elsewhere/ws"), base)))
                .isEqualTo("plans/fe.yaml");
    }
}
