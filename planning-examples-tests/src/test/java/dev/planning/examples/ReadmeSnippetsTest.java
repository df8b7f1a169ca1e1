package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Keys;
import dev.planning.engine.Planning;
import dev.planning.report.CiReports;
import dev.planning.report.HtmlReport;
import dev.planning.report.ReportResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java that is not a region of {@link EmbeddingExample} (whose regions
 * {@code EmbeddingExampleTest} checks): the demo's scenario called from Java, a {@code VALIDATED}
 * cycle's verification summaries, the HTML report, and a dry run's gates as a pull-request comment
 * and as the command line's JSON.
 * Each is a tagged region here, compiled and run in order on the demo's workspace, and the README must
 * show it verbatim.
 */
class ReadmeSnippetsTest {

    private static final Path SOURCE = Path.of("../planning-examples-tests/src/test/java/dev/planning/examples/ReadmeSnippetsTest.java");  // the tests run in planning-examples

    @TempDir
    Path dir;

    @Test
    void theDemoItsVerificationSummariesAndItsHtmlReportRunAsTheReadmeShowsThem() throws Exception {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        DemoScenario.Result demo =
                // tag::demo[]
                DemoScenario.builder().directory(dir).output(writer).build().run()
                // end::demo[]
                ;
        assertThat(demo.passed()).as(out.toString()).isTrue();

        Keys keys = Planning.keys();
        Path keyDir = demo.keys();
        Path trustFile = keyDir.resolve(Keys.TRUST_FILE);
        PlanningWorkspace workspace = Planning.builder().workspace(demo.workspace()).trustFile(trustFile).build();
        CycleRef cycle = DemoScenario.CYCLES.get(1);   // left VALIDATED by the demo
        // tag::summarize[]
        VerificationSummaries written = workspace.summarize(cycle, List.of(keys.pemSigner("QA", keyDir.resolve("QA.key.pem"))));
        System.out.println(written.testResult() + ", " + written.failedTests() + " failed: " + written.verificationSummaryPath());
        // end::summarize[]
        assertThat(demo.workspace().resolve(written.testResultPath())).isRegularFile();
        assertThat(demo.workspace().resolve(written.verificationSummaryPath())).isRegularFile();

        Path siteDir = dir.resolve("readme-site");
        // tag::report[]
        ReportResult site = HtmlReport.builder(workspace)        // dev.planning.report, module planning-report
                .asOf(LocalDate.now(ZoneOffset.UTC))             // the day waivers are judged against
                .build()                                         // verifies with the workspace's trusted keys
                .write(siteDir);                                 // a new directory, or an earlier report's
        // end::report[]
        assertThat(site.index()).isRegularFile();
        assertThat(site.cycles()).isEqualTo(DemoScenario.CYCLES.size());

        // tag::comment[]
        List<GateResult> gates = workspace.dryRun(cycle, CycleState.IMPROVE);
        String comment = CiReports.gatesMarkdown(cycle, CycleState.IMPROVE, gates);   // what gate --format markdown prints
        // end::comment[]
        assertThat(comment).startsWith("### planning gate ").contains(" (dry run): **PASSED**");

        // tag::json[]
        String json = CiReports.gatesJson(cycle, CycleState.IMPROVE, gates);         // what gate --format json prints
        // end::json[]
        assertThat(json).startsWith("{\n  \"cycle\" : \"" + cycle + "\",").contains("\"passed\" : true,");
    }

    @Test
    void theReadmeShowsTheOutsideEmbeddersRegionsVerbatim() throws Exception {
        Path source = Path.of("../planning-examples-tests/src/test/java/com/example/embedder/OutsideEmbedderTest.java");
        assertThat(ReadmeRegions.assertShownVerbatim(source, "OutsideEmbedderTest"))
                .containsExactly("trust", "kpis", "queries", "init", "impact");
    }

    @Test
    void theReadmeShowsEveryTaggedRegionVerbatim() throws Exception {
        List<String> tags = ReadmeRegions.assertShownVerbatim(SOURCE, "ReadmeSnippetsTest");
        assertThat(tags).containsExactly("demo", "summarize", "report", "comment", "json");
    }
}
