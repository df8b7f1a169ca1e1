package dev.planning.engine.internal.lint;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Places lint findings about a whole directory (no planning streams under the streams root, a stream
 * directory without planning files, a directory that cannot be listed) at the entry of
 * {@code rulebook.yaml} that makes the directory needed, with a line and column, so that a code host
 * can annotate it: a SARIF result on a directory has no region and is dropped. The entry is the
 * stream's key under {@code streams:} when the rulebook maps the stream, else the key of the profile the
 * stream runs, else the {@code streams:} (or {@code profiles:}) key for findings about the streams root.
 * The directory stays in the message and is added to the finding's facts as {@value #FACT}. A directory named
 * as a planning file is (a {@code .yaml} or {@code .md} name) stays where it is: the mistake is there. A rulebook
 * without {@code rulebook.yaml} has no such entry: the finding stays where it was. (Only the rulebook
 * says why a directory is needed: the layout is set in code, through the builder, not in a file.)
 */
public final class DirectoryFindings {

    /** The name of a planning file: what the layout reads is YAML or Markdown. */
    private static final Pattern PLANNING_FILE = Pattern.compile("\\.(ya?ml|md)$");

    /** The fact naming the directory the finding is about. */
    public static final String FACT = "directory";

    private DirectoryFindings() {
    }

    /**
     * The report with each finding that has no line and is about a directory, or a path that does not
     * exist, moved to the rulebook entry that needs it.
     */
    public static LintReport relocate(LintReport report, Path workspace, WorkspaceLayout layout, Rulebook rulebook) {
        if (report.findings().stream().noneMatch(f -> aboutDirectory(f, workspace, layout))) {
            return report;
        }
        Path settings = rulebook.directory().resolve(RulebookLoader.SETTINGS_FILE);
        if (!Files.isRegularFile(settings)) {
            return report;
        }
        LocatedDocument document;
        try {
            document = YamlDocuments.read(settings, RulebookLoader.displayName(rulebook, workspace, RulebookLoader.SETTINGS_FILE));
        } catch (PlanningException e) {
            return report;
        }
        List<Finding> findings = new ArrayList<>(report.findings().size());
        for (Finding finding : report.findings()) {
            if (!aboutDirectory(finding, workspace, layout)) {
                findings.add(finding);
                continue;
            }
            String directory = finding.location().orElseThrow().file();
            SourceLocation entry = entry(directory, document, layout, rulebook);
            if (entry.line() <= 0) {
                findings.add(finding);
                continue;
            }
            Map<String, String> facts = new LinkedHashMap<>(finding.facts());
            facts.putIfAbsent(FACT, directory);
            findings.add(new Finding(finding.code(), finding.severity(), finding.message(), Optional.of(entry),
                    finding.taskId(), facts, finding.hint()));
        }
        return new LintReport(report.filesChecked(), findings);
    }

    /** The rulebook entry that makes {@code directory} needed. */
    private static SourceLocation entry(String directory, LocatedDocument document, WorkspaceLayout layout,
            Rulebook rulebook) {
        Optional<String> stream = streamOf(directory, layout);
        if (stream.isPresent()) {
            String name = escape(stream.get());
            if (!document.root().path("streams").path(stream.get()).isMissingNode()) {
                return document.locateKey("/streams/" + name);
            }
            GateProfile profile = rulebook.profileFor(stream.get());
            if (profile != null && !document.root().path("profiles").path(profile.name()).isMissingNode()) {
                return document.locateKey("/profiles/" + escape(profile.name()));
            }
        }
        for (String key : List.of("streams", "profiles", "default_profile")) {
            if (!document.root().path(key).isMissingNode()) {
                return document.locateKey("/" + key);
            }
        }
        return SourceLocation.ofFile("");
    }

    /** The stream whose directory is, or holds, {@code directory}. */
    private static Optional<String> streamOf(String directory, WorkspaceLayout layout) {
        String root = layout.streamsRoot() + "/";
        if (!directory.startsWith(root)) {
            return Optional.empty();
        }
        String first = directory.substring(root.length()).split("/", 2)[0];
        try {
            String stream = layout.streamOfDirectory(first);
            return stream == null || stream.isEmpty() || !layout.streamDir(stream).equals(root + first)
                    ? Optional.empty() : Optional.of(stream);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the finding has no line and names a directory: one that exists, or the streams root or a
     * stream directory of the layout that does not.
     */
    private static boolean aboutDirectory(Finding finding, Path workspace, WorkspaceLayout layout) {
        Optional<SourceLocation> location = finding.location().filter(l -> !l.hasLine() && !l.file().isBlank());
        if (location.isEmpty()) {
            return false;
        }
        String file = location.get().file();
        try {
            Path path = workspace.resolve(file);
            if (Files.isDirectory(path)) {
                // A directory standing where a planning file is expected (x_task_breakdown.yaml/) is a mistake at
                // that path, which the finding names: the rulebook does not make it needed.
                return !PLANNING_FILE.matcher(file).find();
            }
            return !Files.exists(path) && (file.equals(layout.streamsRoot())
                    || streamOf(file, layout).map(layout::streamDir).filter(file::equals).isPresent());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
