package dev.planning.maven;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.report.CiReports;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code planning:lint}: schema and reference checks over the workspace's artifacts, as
 * {@code planning lint}. Writes {@code lint.sarif} and {@code lint.junit.xml}; fails the build on
 * any lint error. Opens the store the setting names ({@code storeConfig}) as {@code planning lint} does, so a setting
 * it cannot use fails the build naming the setting; the event logs it lints are that store's, those the other goals
 * read (the workspace's files when no store is set).
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends StoreMojo {

    /** Only this stream. */
    @Parameter(property = "planning.stream")
    String stream;

    /** Only this cycle. */
    @Parameter(property = "planning.cycle")
    String cycle;

    /** Creates the goal; Maven sets the parameters. */
    public LintMojo() {
    }

    @Override
    String goal() {
        return "lint";
    }

    @Override
    Verdict check() {
        PlanningWorkspace ws = openCompiled(Optional.empty());
        LintReport report = stream != null && cycle != null ? ws.lint(stream, cycle)
                : stream != null ? ws.lint(stream) : cycle != null ? ws.lintCycle(cycle) : ws.lint();
        write("lint.sarif", CiReports.lintSarif(report, ws.root(), baseDirectory.toPath()));
        write("lint.junit.xml", CiReports.lintJunit(report));
        log(lines(report.findings(), Severity.ERROR),
                lines(report.findings(), Severity.WARNING));
        String summary = report.summary();
        return new Verdict(report.passed(), summary + (report.passed() ? "" : ": lint failed"));
    }
}
