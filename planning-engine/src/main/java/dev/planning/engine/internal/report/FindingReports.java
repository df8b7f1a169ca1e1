package dev.planning.engine.internal.report;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Lint and gate results as JUnit XML and SARIF, for CI: what the command line's {@code --format
 * junit|sarif} and the Maven plugin write.
 *
 * <p>JUnit: {@code planning lint} is one suite with a test case per file checked (named by its
 * workspace-relative path, class {@code planning.lint}); {@code planning gate} and
 * {@code advance} are one suite with a test case per gate (named by the gate, class
 * {@code planning.gate.<stream>.<cycle>}). A case fails when its findings include an error; every
 * finding is listed in the failure or, for warnings of a passing case, in {@code system-out}.
 *
 * <p>SARIF: one result per finding, with the file path made relative to {@code base} (the current
 * directory for the command line, the project directory for the Maven plugin) when the workspace
 * lies inside it, so that code hosts find the file.
 *
 * <p>Internal to the planning modules; not a supported API.
 */
public final class FindingReports {

    private static final String NO_FILE = "(workspace)";

    private FindingReports() {
    }

    public static String lintJunit(LintReport report) {
        Map<String, List<Finding>> byFile = new TreeMap<>();
        report.filesChecked().forEach(file -> byFile.put(file, new ArrayList<>()));
        report.findings().forEach(f -> byFile.computeIfAbsent(f.location().map(l -> l.file()).orElse(NO_FILE),
                file -> new ArrayList<>()).add(f));
        List<JUnitXml.TestCase> cases = new ArrayList<>();
        byFile.forEach((file, findings) -> cases.add(testCase("planning.lint", file, findings, "lint failed")));
        return JUnitXml.render("planning lint", List.of(new JUnitXml.Suite("planning lint", cases)));
    }

    public static String lintSarif(LintReport report, Path workspace, Path base) {
        return Sarif.builder("planning", version())
                .uri(relativeTo(workspace, base))
                .fallbackFile(WorkspaceLayout.DEFAULT.streamsRoot())
                .category("planning/lint")
                .add(report.findings(), "lint")
                .render();
    }

    /** @param transition how the suite names the transition, e.g. {@code PLANNED->READY_FOR_HANDOFF} */
    public static String gatesJunit(CycleRef cycle, String transition, List<GateResult> results) {
        String className = "planning.gate." + cycle.stream() + "." + cycle.cycleId();
        List<JUnitXml.TestCase> cases = results.stream()
                .map(result -> testCase(className, result.gate(), result.findings(), "gate failed"))
                .toList();
        return JUnitXml.render("planning gate", List.of(new JUnitXml.Suite(cycle + " " + transition, cases)));
    }

    public static String gatesSarif(CycleRef cycle, String target, List<GateResult> results, Path workspace, Path base) {
        Sarif.Builder sarif = Sarif.builder("planning", version())
                .uri(relativeTo(workspace, base))
                .fallbackFile(WorkspaceLayout.DEFAULT.taskBreakdown(cycle))
                .category("planning/gate/" + cycle.stream() + "/" + cycle.cycleId() + "/" + target);
        results.forEach(result -> sarif.add(result.findings(), result.gate()));
        return sarif.render();
    }

    /** The findings' one-line descriptions, errors first. */
    public static List<String> lines(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).map(Finding::describe).toList();
    }

    private static JUnitXml.TestCase testCase(String className, String name, List<Finding> findings, String type) {
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        String all = findings.stream().map(Finding::describe).collect(Collectors.joining("\n"));
        if (errors.isEmpty()) {
            return JUnitXml.TestCase.passed(className, name).withSystemOut(all);
        }
        String message = errors.size() + " error(s): " + errors.get(0).message();
        return JUnitXml.TestCase.failed(className, name, new JUnitXml.Failure(type, message, all));
    }

    /** Workspace-relative paths made relative to {@code base} (the project directory) when the workspace is inside it. */
    public static UnaryOperator<String> relativeTo(Path workspace, Path base) {
        Path root = workspace.toAbsolutePath().normalize();
        Path from = base.toAbsolutePath().normalize();
        if (!root.startsWith(from) || root.equals(from)) {
            return UnaryOperator.identity();
        }
        String prefix = from.relativize(root).toString().replace(root.getFileSystem().getSeparator(), "/") + "/";
        return path -> prefix + path;
    }

    private static String version() {
        return Optional.ofNullable(FindingReports.class.getPackage().getImplementationVersion()).orElse("dev");
    }
}
