package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.seal.Discrepancy;
import dev.planning.engine.Planning;
import dev.planning.report.CiReports;
import dev.planning.report.HtmlReport;
import dev.planning.report.ReportResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * javadoc28: the Java examples of planning-report's Javadoc ({@code CiReports}, {@code HtmlReport}), each a tagged
 * region here, run on a copy of the {@code fe-2025-09-02} example ({@code JavadocExamplesTest} holds the Javadoc to
 * them).
 */
class ReportJavadocExamplesTest {

    @TempDir
    Path temp;

    private PlanningWorkspace workspace;
    private final CycleRef cycle = new CycleRef("fe", "2025-09-02");

    @BeforeEach
    void openTheExample() {
        workspace = Planning.builder().workspace(Examples.copy("fe-2025-09-02", temp.resolve("ws"))).build();
    }

    @Test
    void theCiFormatsOfLintAndADryRunAreWrittenAndPass() throws IOException {
        Path reports = Files.createDirectories(temp.resolve("reports"));

        // tag::cireportsjavadoc[]
        LintReport lint = workspace.lint();
        Files.writeString(reports.resolve("lint.sarif"), CiReports.lintSarif(lint, workspace.root(), Path.of("")));
        List<GateResult> gates = workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF);
        String comment = CiReports.gatesMarkdown(cycle, CycleState.READY_FOR_HANDOFF, gates);
        String json = CiReports.gatesJson(cycle, CycleState.READY_FOR_HANDOFF, gates);
        // end::cireportsjavadoc[]

        assertThat(Files.readString(reports.resolve("lint.sarif"), StandardCharsets.UTF_8)).contains("\"version\" : \"2.1.0\"");
        assertThat(comment).startsWith("### planning gate ").contains("**PASSED**");
        assertThat(json).contains("\"passed\" : true");
    }

    @Test
    void aDryRunsCommentNamesEveryGate() {
        // tag::gatesmarkdownjavadoc[]
        List<GateResult> results = workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF);
        String comment = CiReports.gatesMarkdown(cycle, CycleState.READY_FOR_HANDOFF, results);
        // end::gatesmarkdownjavadoc[]

        assertThat(results).isNotEmpty().allSatisfy(result -> assertThat(comment)
                .contains("| " + Printable.markdown(result.gate()) + " | " + result.status() + " |"));
    }

    @Test
    void theStatusJsonListsTheCycleWithAnIntactChain() {
        assertThat(workspace.advance(cycle, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();

        // tag::statusjsonjavadoc[]
        List<CycleStatus> statuses = new ArrayList<>();
        List<EventLogCorruptedException> broken = new ArrayList<>();
        List<Discrepancy> unsigned = new ArrayList<>();
        for (CycleRef cycle : workspace.cycles()) {
            try {
                CycleStatus status = workspace.status(cycle);
                statuses.add(status);
                unsigned.addAll(workspace.checkHistory(status));
            } catch (EventLogCorruptedException e) {
                broken.add(e);
            }
        }
        String json = CiReports.statusJson(statuses, broken, unsigned,
                CiReports.missingTaskBreakdowns(workspace, statuses));
        // end::statusjsonjavadoc[]

        assertThat(broken).isEmpty();
        assertThat(json).contains("\"chain_intact\" : true").contains("\"" + cycle + "\"")
                .contains(CycleState.READY_FOR_HANDOFF.name());
    }

    @Test
    void theSiteHasAnIndexAndThePagesOfTheCycle() {
        Path siteDir = temp.resolve("site");

        // tag::htmlreportjavadoc[]
        ReportResult site = HtmlReport.builder(workspace)       // a PlanningWorkspace from Planning.builder()
                // judges every signature with the workspace's trusted keys (PlanningWorkspace.trustedKeys());
                // .trustedKeys(keys) states the keys expected, and a workspace built with others is refused
                .asOf(LocalDate.now())                           // the day waivers are judged against
                .build()
                .write(siteDir);                                 // a new directory, or an earlier report's
        // open siteDir/index.html
        // end::htmlreportjavadoc[]

        assertThat(site.index()).isRegularFile().isEqualTo(siteDir.resolve("index.html"));
        assertThat(site.cycles()).isEqualTo(1);
    }
}
