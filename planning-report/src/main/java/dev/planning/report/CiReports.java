package dev.planning.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import org.apiguardian.api.API;

import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.internal.report.FindingReports;
import dev.planning.engine.internal.report.JUnitXml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Lint and gate results in the formats CI systems read: JUnit XML (every CI server) and
 * SARIF 2.1.0 (code hosts annotate the exact lines). The same inputs give the same text. This is
 * what {@code planning lint|gate|advance --format junit|sarif} prints.
 *
 * <pre>{@code
 * LintReport lint = workspace.lint();
 * Files.writeString(Path.of("target/planning/lint.sarif"), CiReports.lintSarif(lint, workspace.root(), Path.of("")));
 * }</pre>
 *
 * <p>Rule tests in JUnit XML: {@code RuleTestReport.junitXml} of the rule test kit. Paths in SARIF are made relative to {@code base} (the repository root a code host knows) when
 * the workspace lies inside it. Every method refuses a {@code null} argument.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CiReports {

    private CiReports() {
    }

    /**
     * Lint as JUnit XML: one test case per file checked, failed when the file has errors.
     *
     * @param report the lint report
     * @return the JUnit XML text
     */
    public static String lintJunit(LintReport report) {
        return FindingReports.lintJunit(Objects.requireNonNull(report, "report"));
    }

    /**
     * Lint as SARIF 2.1.0, paths relative to {@code base} when the workspace lies inside it.
     *
     * @param report the lint report
     * @param workspace the workspace directory
     * @param base the directory paths are relative to
     * @return the SARIF JSON text
     */
    public static String lintSarif(LintReport report, Path workspace, Path base) {
        return FindingReports.lintSarif(Objects.requireNonNull(report, "report"),
                Objects.requireNonNull(workspace, "workspace"), Objects.requireNonNull(base, "base"));
    }

    /**
     * A transition's gate results as JUnit XML: one test case per gate.
     *
     * @param transition how the suite names the transition, e.g. {@code PLANNED->READY_FOR_HANDOFF}
     * @param cycle the stream and cycle
     * @param results the gate results, in the order they ran
     * @return the JUnit XML text
     */
    public static String gatesJunit(CycleRef cycle, String transition, List<GateResult> results) {
        return FindingReports.gatesJunit(Objects.requireNonNull(cycle, "cycle"),
                Objects.requireNonNull(transition, "transition"), Objects.requireNonNull(results, "results"));
    }

    /**
     * A transition's gate results as SARIF 2.1.0.
     *
     * @param target the target state's name, e.g. {@code READY_FOR_HANDOFF}, part of the run's category
     * @param cycle the stream and cycle
     * @param results the gate results, in the order they ran
     * @param workspace the workspace directory
     * @param base the directory paths are relative to
     * @return the SARIF JSON text
     */
    public static String gatesSarif(CycleRef cycle, String target, List<GateResult> results, Path workspace, Path base) {
        return FindingReports.gatesSarif(Objects.requireNonNull(cycle, "cycle"), Objects.requireNonNull(target, "target"),
                Objects.requireNonNull(results, "results"), Objects.requireNonNull(workspace, "workspace"),
                Objects.requireNonNull(base, "base"));
    }

    /**
     * A verification as JUnit XML: one suite named after the manifest, a case per kind of check
     * ({@link DiscrepancyKind}), failed when the report has discrepancies of that kind (what the
     * Maven plugin's {@code verify} goal writes).
     *
     * @param report the verification report
     * @return the JUnit XML text
     */
    public static String verificationJunit(VerificationReport report) {
        Objects.requireNonNull(report, "report");
        List<JUnitXml.TestCase> cases = new ArrayList<>();
        for (DiscrepancyKind kind : DiscrepancyKind.values()) {
            List<Discrepancy> found = report.discrepancies(kind);
            cases.add(found.isEmpty() ? JUnitXml.TestCase.passed("planning.verify", kind.name())
                    : JUnitXml.TestCase.failed("planning.verify", kind.name(), new JUnitXml.Failure("VerificationFailure",
                            found.size() + " discrepancy(ies): " + found.get(0).message(),
                            found.stream().map(Discrepancy::describe).collect(Collectors.joining("\n")))));
        }
        return JUnitXml.render("planning verify", List.of(new JUnitXml.Suite(report.manifest(), cases)));
    }
}
