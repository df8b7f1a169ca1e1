package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.report.HtmlReport;
import dev.planning.report.ReportResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planning report --html OUT}: the workspace as a static HTML site (portfolio, one page per
 * cycle, source views of the files findings point at), opened from the file system with no script
 * and no network request. See {@link HtmlReport}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the workspace as a static, self-contained HTML site (portfolio, cycle pages, source views).")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    TrustOption trust;

    @Mixin
    FormatOption format;

    @Option(names = "--html", paramLabel = "OUT", required = true,
            description = "The site's directory; an earlier report there is replaced, any other non-empty directory "
                    + "is refused. Open OUT/index.html.")
    Path html;

    @Option(names = "--as-of", paramLabel = "DATE", converter = DateOptions.Day.class,
            description = "The day waivers are judged against, YYYY-MM-DD (default: today, UTC).")
    LocalDate asOf;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // With the trust file, as status opens it: the report says what status says of a history past PACKAGED.
        PlanningWorkspace ws = trust.apply(workspace.builder()).build();
        ReportResult result = HtmlReport.builder(ws)
                .trustedKeys(trust.read(ws.root()))
                .asOf(asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC))
                .build()
                .write(html);
        ReportJson json = new ReportJson(result.index().toString(), result.files().size(), result.cycles(),
                result.attention());
        Reports.print(spec.commandLine().getOut(), format.format, json, () -> "wrote " + Printable.path(html.resolve(result.index().getFileName())) + " ("
                + result.files().size() + " pages, " + result.cycles() + " cycles, " + result.attention()
                + " item(s) needing attention)\n");
        return ExitCodes.OK;
    }

    /** {@code report --format json}. */
    record ReportJson(String index, int files, int cycles, int attention) {
    }
}
