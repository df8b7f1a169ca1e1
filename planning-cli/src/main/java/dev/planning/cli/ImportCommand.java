package dev.planning.cli;

import dev.planning.api.outcome.ImportReport;
import dev.planning.api.outcome.ImportedFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code planning import}: stores execution outcomes (JUnit XML, JaCoCo XML, LCOV, axe-core JSON,
 * deployments YAML) under {@code outcomes/{cycle}/}, detected by content. A bad or partial file is
 * refused (exit 2) and then nothing is stored; importing the same bytes again changes nothing.
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
        ImportReport report = workspace.open().importOutcomes(cycle.ref(), files);
        Reports.print(spec.commandLine().getOut(), format.format, json(report), () -> text(report));
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(ImportReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cycle", report.cycle().toString());
        json.put("changed", report.changed());
        json.put("files", report.files().stream().map(f -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("source", f.source().toString());
            file.put("kind", f.kind().directory());
            file.put("path", f.path());
            file.put("already_imported", f.alreadyImported());
            return file;
        }).toList());
        report.eventId().ifPresent(id -> json.put("event_id", id));
        return json;
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
