package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.LintReport;
import dev.planning.report.CiReports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code planning lint}: schema_lint over the workspace's artifacts.
 *
 * <p>picocli's model of this command is built in code by {@link CommandModels}: an option added
 * here must be added there too ({@code CommandModelsTest} fails until it is).
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Validate the workspace's artifacts against their schemas and check ids and references.")
final class LintCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    FormatOption.Every format;

    @Mixin
    CycleOptions.Filter filter;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // An unchanged workspace's result from an earlier run (see LintResultCache), read before
        // anything is parsed or compiled; otherwise lint, and keep what it printed and returned.
        Optional<LintResultCache> cache = LintResultCache.of(workspace.workspace, workspace.rulebook, workspace.store,
                filter.stream, filter.cycle, format.format);
        PrintWriter out = spec.commandLine().getOut();
        Optional<LintResultCache.Stored> stored = cache.flatMap(LintResultCache::stored);
        if (stored.isPresent()) {
            out.print(stored.get().output());
            out.flush();
            LintHint.record(true);
            return stored.get().exitCode();
        }
        // Whatever happens from here (an error included), the launcher's next guess is told whether
        // this lint kept its result.
        boolean kept = false;
        try {
            Linted linted = lint(out);
            kept = cache.isPresent() && cache.get().store(linted.code(), linted.printed());
            return linted.code();
        } finally {
            LintHint.record(kept);
        }
    }

    /** A lint's exit code and what it printed. */
    private record Linted(int code, String printed) {
    }

    /** Lints and prints the report. */
    private Linted lint(PrintWriter out) {
        LintResultCache.beforeLinting();
        PlanningWorkspace ws = workspace.openCompiled();
        String stream = filter.stream;
        String cycle = filter.cycle;
        LintReport report = stream != null && cycle != null ? ws.lint(stream, cycle)
                : stream != null ? ws.lint(stream) : cycle != null ? ws.lintCycle(cycle) : ws.lint();
        StringWriter printed = new StringWriter();
        Reports.printJson(new PrintWriter(printed), format.format, () -> CiReports.lintJson(report), () -> Reports.lintText(report),
                () -> CiReports.lintJunit(report), () -> CiReports.lintSarif(report, ws.root(), Path.of("")),
                () -> CiReports.lintMarkdown(report));
        out.print(printed);
        out.flush();
        return new Linted(report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED, printed.toString());
    }
}
