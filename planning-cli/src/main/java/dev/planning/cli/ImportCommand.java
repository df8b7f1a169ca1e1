package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.outcome.ImportedFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code planning import}: stores execution outcomes (JUnit XML, JaCoCo XML, LCOV, axe-core JSON,
 * deployments YAML) under {@code outcomes/{cycle}/}, detected by content. A bad or partial file is
 * refused (exit 2) and then nothing is stored; importing the same bytes again changes nothing. A cycle that
 * does not exist is refused ("no such cycle", exit 2), as {@code gate} refuses it.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import execution outcomes (JUnit XML, JaCoCo XML, LCOV, axe-core JSON, deployments YAML)"
                + " into outcomes/{cycle}/.")
final class ImportCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Mixin
    FormatOption format;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Report files to import.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlanningWorkspace ws = workspace.open();
        // The command line's "no such cycle" line, as advance and gate give it (api26: the import stored the
        // files, then recorded them in a new log, so a mistyped id became a cycle).
        ImportReport report = ws.importOutcomes(cycle.existing(ws), files);
        Reports.print(spec.commandLine().getOut(), format.format, json(report), () -> text(report));
        return ExitCodes.OK;
    }

    /** {@code import --format json}; {@code event_id} only when the import recorded an event. */
    record ImportJson(String cycle, boolean changed, List<FileJson> files,
            @JsonProperty("event_id") @JsonInclude(JsonInclude.Include.NON_NULL) String eventId) {
    }

    /** One imported file. */
    record FileJson(String source, String kind, String path, @JsonProperty("already_imported") boolean alreadyImported) {
    }

    private static ImportJson json(ImportReport report) {
        return new ImportJson(report.cycle().toString(), report.changed(), report.files().stream()
                .map(f -> new FileJson(f.source().toString(), f.kind().directory(), f.path(), f.alreadyImported()))
                .toList(), report.eventId().orElse(null));
    }

    private static String text(ImportReport report) {
        StringBuilder text = new StringBuilder();
        for (ImportedFile file : report.files()) {
            text.append(file.alreadyImported() ? "already imported " : "imported ").append(file.source())
                    .append(" (").append(file.kind().directory()).append(") -> ").append(file.path()).append('\n');
        }
        text.append(report.changed() ? "recorded OUTCOMES_IMPORTED for " + report.cycle() + "\n"
                : "nothing new: every file was already imported\n");
        return text.toString();
    }
}
