package dev.planning.maven;

import static dev.planning.maven.MojoFixtures.configure;
import static dev.planning.maven.MojoFixtures.copyOf;
import static dev.planning.maven.MojoFixtures.infoLines;
import static dev.planning.maven.MojoFixtures.logged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals' exit semantics, as the command line's: 0 passes, 1 fails the build, 2 is a located error. */
class PlanningMojoTest {

    @TempDir
    Path dir;

    private GateMojo gate(Path ws) {
        GateMojo gate = configure(new GateMojo(), ws, dir.resolve("reports"));
        gate.stream = "fe";
        gate.cycle = "2025-09-02";
        gate.to = "ready_for_handoff";
        return gate;
    }

    @Test
    void lintOfTheBrokenExampleFailsTheBuildAndWritesSarifAndJunit() {
        LintMojo lint = configure(new LintMojo(), copyOf("broken", dir), dir.resolve("reports"));

        assertThatThrownBy(lint::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("planning lint: 7 errors, 0 warnings in 2 files; 3 files checked")
                .hasMessageContaining("lint failed");
        assertThat(dir.resolve("reports/lint.sarif")).content(StandardCharsets.UTF_8)
                .contains("\"version\" : \"2.1.0\"", "schema.unknown-field");
        assertThat(dir.resolve("reports/lint.junit.xml")).content(StandardCharsets.UTF_8).contains("<failure");
    }

    @Test
    void gateOnTheFrontendExamplePassesAndWritesItsReports() throws Exception {
        gate(copyOf("fe-2025-09-02", dir)).execute();

        assertThat(dir.resolve("reports/gate-fe-2025-09-02.sarif")).isRegularFile();
        assertThat(dir.resolve("reports/gate-fe-2025-09-02.junit.xml")).content(StandardCharsets.UTF_8)
                .contains("name=\"governance\"").doesNotContain("<failure");
    }

    @Test
    void aReportGoesThroughTheProductsWriterWhichSweepsWhatAKilledBuildLeftBesideIt() throws Exception {
        // exit25: the plugin wrote .<name><number>.tmp, which nothing swept; a killed build's goes with the next.
        Path reports = Files.createDirectories(dir.resolve("reports"));
        for (String left : new String[] {".gate-fe-2025-09-02.sarif2291.tmp", ".gate-fe-2025-09-02.sarif~2291.tmp"}) {
            Path file = Files.writeString(reports.resolve(left), "half a report");
            Files.setLastModifiedTime(file, FileTime.from(
                    Instant.now().minus(Duration.ofHours(2))));
        }

        gate(copyOf("fe-2025-09-02", dir)).execute();

        try (var entries = Files.list(reports)) {
            assertThat(entries).map(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("gate-fe-2025-09-02.sarif", "gate-fe-2025-09-02.junit.xml");
        }
    }

    @Test
    void gateOnTheCriticalExampleFailsTheBuildNamingTheFailedGate() {
        assertThatThrownBy(gate(copyOf("fe-critical", dir))::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("governance FAIL").hasMessageContaining("gate failed");
    }

    @Test
    void aDrlErrorIsBadInputLocatedInTheRulebook() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path rules = ws.resolve("rulebook/rules");
        Path drl;
        try (var files = Files.list(rules)) {
            drl = files.filter(f -> f.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
        }
        Files.writeString(drl, Files.readString(drl) + "\nrule \"broken\" when then oops( end\n");

        assertThatThrownBy(gate(ws)::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning gate: ")
                .hasMessageContaining("rulebook/rules/" + drl.getFileName() + ":");
    }

    @Test
    void anUnknownTargetStateIsBadInputNamingTheStates() {
        GateMojo gate = gate(copyOf("fe-2025-09-02", dir));
        gate.to = "SHIPPED";

        assertThatThrownBy(gate::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<to> must be one of").hasMessageContaining("READY_FOR_HANDOFF")
                .hasMessageContaining("SHIPPED");
    }

    @Test
    void aMalformedTaskBreakdownIsAFailedLintNotAnError() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path tasks = ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        Files.writeString(tasks, "tasks: [\n");

        assertThatThrownBy(configure(new LintMojo(), ws, dir.resolve("reports"))::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("lint failed");
    }

    @Test
    void anErrorQuotingTheWorkspacesTextReachesTheBuildLogEscaped() throws Exception {
        // Fifth review of 2026-12-03: the goals put a bad-input error's message into the build's log
        // as it was, so a name a contributor wrote into rulebook.yaml (quoted by the error) could
        // write an escape sequence, a line break and a line of its own there.
        Path ws = copyOf("fe-2025-09-02", dir);
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings) + "\"x\\e[2K\\n[INFO] BUILD SUCCESS\\u200b\": 1\n");

        assertThatThrownBy(gate(ws)::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("\\u001B[2K")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\n", "\u200b"));
    }

    /**
     * Attack37: a CI runner reads {@code ##[command]} anywhere in a line of the build's log ({@code ##vso[} on Azure
     * Pipelines), so a plan's text quoted by a finding stopped the runner reading the job's later commands, or
     * prepended a committed directory to the later steps' {@code PATH}. The bracket is now written as its escape.
     */
    @Test
    void aFindingQuotingARunnersCommandReachesTheBuildLogInert() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path tasks = ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        Files.writeString(tasks, Files.readString(tasks) + """

                  - id: FE-99
                    kind: task
                    parent: "##[stop-commands]planning"
                    title: Hostile
                    owner: alice
                    tags: {criticality: "2", compliance: none}
                    priority: P2
                    linked_story_map_nodes: ["##vso[task.prependpath]frameworks/planning-fe/bin"]
                """);
        LintMojo lint = configure(new LintMojo(), ws, dir.resolve("reports"));
        List<String> logged = logged(lint).all();

        assertThatThrownBy(lint::execute).isInstanceOf(MojoFailureException.class);
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("##\\u005Bstop-commands]planning"));
        assertThat(logged).noneSatisfy(line -> assertThat(line).containsPattern("##[A-Za-z]*\\["));
    }

    @Test
    void anErrorQuotingARunnersCommandReachesTheBuildLogInert() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings) + "\"##[add-mask]planning gate\": 1\n");

        assertThatThrownBy(gate(ws)::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("##\\u005Badd-mask]planning gate")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("##["));
    }

    /**
     * Review of attack37: Maven's summary of a failed goal, even without {@code -e}, joins the message of each
     * cause that the goal's message does not already hold (DefaultExceptionHandler), and {@code -e} prints each
     * cause's message on a line of its own; the refusal's cause held the plan's text as it was.
     */
    @Test
    void anErrorsCausesQuoteNoRunnersCommandIntoTheBuildLog() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings) + "\"##[add-mask]planning\\n::stop-commands::x\": 1\n");

        assertThatThrownBy(gate(ws)::execute).isInstanceOf(MojoExecutionException.class).satisfies(e -> {
            assertThat(e.getCause()).as("the refusal is its cause").isNotNull();
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(t.getMessage()).as(t.toString()).contains("add-mask").doesNotContain("##[")
                        .doesNotContainPattern("(?m)^\\s*::");
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain("##[").doesNotContainPattern("(?m)^\\s*::");
        });
    }

    @Test
    void aTransitionWhoseProfileNamesNoGatePassesWarningThatNoGateRan() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        String text = Files.readString(settings, StandardCharsets.UTF_8);
        String step = "gates: [schema_lint, cross_stream_consistency, parity_coverage, governance]";
        assertThat(text).contains(step);
        Files.writeString(settings, text.replace(step, "gates: []"), StandardCharsets.UTF_8);
        GateMojo gate = gate(ws);
        MojoFixtures.Logged logged = logged(gate);
        List<String> warnings = logged.warnings();
        List<String> infos = logged.infos();

        gate.execute();

        assertThat(warnings).containsExactly(GateMojo.NO_GATES);
        assertThat(infos).anySatisfy(line -> assertThat(line).startsWith("planning gate: fe/2025-09-02")
                .endsWith(GateMojo.NO_GATES));
    }

    @Test
    void skipRunsNothing() throws Exception {
        GateMojo gate = gate(copyOf("fe-critical", dir));
        gate.skip = true;

        gate.execute();

        assertThat(dir.resolve("reports")).doesNotExist();
    }

    // report19 (2026-12-05): misconfigurations, each one clear error that fails the build.

    @Test
    void aCycleThatDoesNotExistIsBadInputNotAFailedGate() {
        GateMojo gate = gate(copyOf("fe-2025-09-02", dir));
        gate.cycle = "1999-01-01";

        // It was four failed gates (schema_lint, cross_stream_consistency, parity_coverage, governance).
        assertThatThrownBy(gate::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning gate: ").hasMessageContaining("no such cycle fe/1999-01-01")
                .hasMessageNotContaining("FAIL");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aConfiguredTrustFileThatDoesNotExistIsBadInputEvenWhenTheGatesNeedNoKey() {
        GateMojo gate = gate(copyOf("fe-2025-09-02", dir));
        gate.trust = dir.resolve("keys/trust.yaml").toFile();

        // A dry run to READY_FOR_HANDOFF reads no key, so the missing file went unnoticed and the build passed.
        assertThatThrownBy(gate::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("planning gate: ").hasMessageContaining("trust.yaml")
                .hasMessageContaining("trust file not found");
    }

    @Test
    void aReportDirectoryBlockedByAFileSaysSo() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path blocker = Files.writeString(dir.resolve("reports"), "not a directory");
        LintMojo lint = configure(new LintMojo(), ws, blocker);

        // It said "cannot create report directory R: R" (the exception's message is the path alone).
        assertThatThrownBy(lint::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("planning lint: " + blocker + ": cannot create the report directory: a file of that "
                        + "name is in the way; set <outputDirectory> to a directory, or remove the file");
    }

    @Test
    void skipSaysInTheLogThatTheGoalWasSkipped() throws Exception {
        GateMojo gate = gate(copyOf("fe-critical", dir));
        gate.skip = true;
        List<String> logged = infoLines(gate);

        gate.execute();

        assertThat(logged).containsExactly("planning gate: skipped");
    }
}
