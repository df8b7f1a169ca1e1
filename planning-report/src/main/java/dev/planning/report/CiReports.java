package dev.planning.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.engine.PlanningJson;
import dev.planning.engine.internal.report.CommandJson;
import dev.planning.engine.internal.report.FindingReports;
import dev.planning.engine.internal.report.JUnitXml;
import dev.planning.report.internal.Reports;
import dev.planning.report.internal.SealReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Lint, gate, transition and verification results in the formats CI systems read: JUnit XML (every
 * CI server), SARIF 2.1.0 (code hosts annotate the exact lines), Markdown (a pull-request comment,
 * a job summary such as {@code $GITHUB_STEP_SUMMARY}) and JSON (a script, a bot; each document has a
 * JSON Schema in the engine jar, {@code schemas/output/<command>/1.0.json}). The same inputs give the
 * same text. This is what {@code planning lint|gate|advance|verify --format junit|sarif|markdown|json}
 * prints; {@code seal} and {@code status} have their JSON here too.
 *
 * <pre>{@code
 * LintReport lint = workspace.lint();
 * Files.writeString(reports.resolve("lint.sarif"), CiReports.lintSarif(lint, workspace.root(), Path.of("")));
 * List<GateResult> gates = workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF);
 * String comment = CiReports.gatesMarkdown(cycle, CycleState.READY_FOR_HANDOFF, gates);
 * String json = CiReports.gatesJson(cycle, CycleState.READY_FOR_HANDOFF, gates);
 * }</pre>
 *
 * <p>Rule tests in JUnit XML and Markdown: {@code RuleTestReport.junitXml} and
 * {@code RuleTestReport.markdown} of the rule test kit, and in JSON {@code RuleTestReport.json}; a
 * rulebook change's impact in Markdown: {@code RulebookImpact.markdown}. Paths in SARIF are made relative to {@code base} (the repository
 * root a code host knows) when the workspace lies inside it.
 *
 * <p>Every value the Markdown shows from a plan, a rulebook or a manifest (a message, a task, a file
 * name, a gate's name) is text a contributor wrote: it is escaped so that it renders as exactly the
 * text it is, on one line, never as emphasis, a link, HTML, a mention ({@code @} is followed by a
 * zero-width space), an issue reference or a table cell of its own; a hash or a commit id standing
 * alone is a code span, the exact value to copy.
 *
 * <p>The JSON is written as {@link PlanningJson} writes (the engine's one configured mapper); each
 * lone surrogate a value holds is replaced by U+FFFD (I-JSON, RFC 7493, has none, and parsers refuse
 * or replace its escape), and every other character that is not {@linkplain Printable#shownAsItself
 * shown as itself} (a control character, a bidirectional control, U+2028) is written as
 * {@code \u005cuXXXX}, the same value in a JSON string: whatever a plan holds, the text is valid JSON
 * that encodes as UTF-8, and exactly what the command line prints (without the line break it prints
 * after it).
 * Every method refuses a {@code null} argument.
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

    /**
     * Lint as Markdown, as {@code planning lint --format markdown} prints it: a heading with the
     * verdict, the counts, and a table of the findings (severity, location, code, task, message).
     *
     * <pre class="language-markdown">{@code
     * ### planning lint: **FAILED**
     *
     * 1 error, 0 warnings in 1 file; 1 file checked
     *
     * | severity | location | code | task | message |
     * | --- | --- | --- | --- | --- |
     * | error | tasks/x\.yaml\:13\:13 | schema\.type | FE-2 | \`effort\` must be a number |
     * }</pre>
     *
     * @param report the lint report
     * @return the Markdown text
     * @since 0.1
     */
    public static String lintMarkdown(LintReport report) {
        return MarkdownReports.lint(Objects.requireNonNull(report, "report"));
    }

    /**
     * A dry run's gate results as Markdown, as {@code planning gate --format markdown} prints it: a
     * heading with the verdict (PASSED when every gate passed), a table of the gates and one of their
     * findings. Made for a pull-request comment.
     *
     * <pre>{@code
     * List<GateResult> results = workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF);
     * String comment = CiReports.gatesMarkdown(cycle, CycleState.READY_FOR_HANDOFF, results);
     * }</pre>
     *
     * @param cycle the stream and cycle
     * @param to the state the gates were run for
     * @param results the gate results, in the order they ran
     * @return the Markdown text
     * @since 0.1
     */
    public static String gatesMarkdown(CycleRef cycle, CycleState to, List<GateResult> results) {
        return MarkdownReports.gates(Objects.requireNonNull(cycle, "cycle"), Objects.requireNonNull(to, "to"),
                List.copyOf(Objects.requireNonNull(results, "results")));
    }

    /**
     * A transition as Markdown, as {@code planning advance --format markdown} prints it: a heading with
     * ACCEPTED or REFUSED, the state after it and its event, and the gates' tables.
     *
     * @param result the transition's result
     * @return the Markdown text
     * @since 0.1
     */
    public static String transitionMarkdown(TransitionResult result) {
        return MarkdownReports.transition(Objects.requireNonNull(result, "result"));
    }

    /**
     * A verification as Markdown, as {@code planning verify --format markdown} prints it: a heading
     * with VERIFIED or FAILED, the counts, and a table of the discrepancies, whose expected and actual
     * hashes and commit ids are code spans, the exact values.
     *
     * @param report the verification report
     * @return the Markdown text
     * @since 0.1
     */
    public static String verificationMarkdown(VerificationReport report) {
        return MarkdownReports.verification(Objects.requireNonNull(report, "report"));
    }

    /**
     * Lint as JSON, as {@code planning lint --format json} prints it (schema
     * {@code schemas/output/lint/1.0.json}): {@code passed}, the files checked and every finding with
     * code, severity, message, file, line, column and task (its compared values and fix when it has them).
     *
     * @param report the lint report
     * @return the JSON text, without a trailing line break
     * @since 0.1
     */
    public static String lintJson(LintReport report) {
        return CommandJson.write(Reports.lint(Objects.requireNonNull(report, "report")));
    }

    /**
     * A dry run's gate results as JSON, as {@code planning gate --format json} prints it (schema
     * {@code schemas/output/gate/1.0.json}): the cycle, the target state, {@code passed} when every gate
     * passed, and each gate with its status and findings.
     *
     * @param cycle the stream and cycle
     * @param to the state the gates were run for
     * @param results the gate results, in the order they ran
     * @return the JSON text, without a trailing line break
     * @since 0.1
     */
    public static String gatesJson(CycleRef cycle, CycleState to, List<GateResult> results) {
        return CommandJson.write(Reports.gates(Objects.requireNonNull(cycle, "cycle"), Objects.requireNonNull(to, "to"),
                List.copyOf(Objects.requireNonNull(results, "results"))));
    }

    /**
     * A transition as JSON, as {@code planning advance --format json} prints it when it neither seals
     * nor writes summaries (schema {@code schemas/output/advance/1.0.json}): the cycle, the states,
     * {@code accepted}, the event, and each gate with its findings and its evidence file
     * ({@link TransitionResult#evidence()}).
     *
     * @param result the transition's result
     * @return the JSON text, without a trailing line break
     * @since 0.1
     */
    public static String transitionJson(TransitionResult result) {
        return transitionJson(result, Optional.empty(), Optional.empty());
    }

    /**
     * A transition as JSON with what the same command did beside it, as {@code planning advance
     * --format json} prints it: the {@code manifest} key when the move to {@code PACKAGED} sealed one
     * ({@link SealResult#manifestPath()}), the {@code summaries} key when verification summaries were
     * written after the move ({@code PlanningWorkspace.summarize}); each key is left out when empty.
     *
     * @param result the transition's result
     * @param manifest the path of the manifest the handoff sealed, if it sealed one
     * @param summaries the verification summaries written after the move, if any were
     * @return the JSON text, without a trailing line break
     * @since 0.1
     */
    public static String transitionJson(TransitionResult result, Optional<String> manifest,
            Optional<VerificationSummaries> summaries) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(summaries, "summaries");
        return CommandJson.write(Reports.transition(result, result.evidence(), manifest.orElse(null),
                summaries.map(Reports.SummariesJson::of).orElse(null)));
    }

    /**
     * A seal as JSON, as {@code planning seal --format json} prints it (schema
     * {@code schemas/output/seal/1.0.json}): the manifest's keys when one was written, the handoff's
     * when its gates ran; the keys of what did not happen are left out.
     *
     * @param result the seal's result
     * @return the JSON text, without a trailing line break
     * @since 0.1
     */
    public static String sealJson(SealResult result) {
        return CommandJson.write(SealReports.seal(Objects.requireNonNull(result, "result")));
    }

    /**
     * A verification as JSON, as {@code planning verify --format json} prints it (schema
     * {@code schemas/output/verify/1.0.json}): {@code passed}, the counts, the signatures that counted,
     * the chain, and every discrepancy with kind, file, expected, actual and message.
     *
     * @param report the verification report
     * @return the JSON text, without a trailing line break
     * @since 0.1
     */
    public static String verificationJson(VerificationReport report) {
        return CommandJson.write(SealReports.verification(Objects.requireNonNull(report, "report")));
    }

    /**
     * Cycles' states and histories as JSON, as {@code planning status --format json} prints it (schema
     * {@code schemas/output/status/1.0.json}): {@code chain_intact}, each cycle with its events (and, for a
     * cycle without a task breakdown, {@code missing_task_breakdown}: the path it lacks), the event logs whose
     * hash chain is broken, and the history no trusted signature covers.
     *
     * <pre>{@code
     * List<CycleStatus> statuses = new ArrayList<>();
     * List<EventLogCorruptedException> broken = new ArrayList<>();
     * List<Discrepancy> unsigned = new ArrayList<>();
     * for (CycleRef cycle : workspace.cycles()) {
     *     try {
     *         CycleStatus status = workspace.status(cycle);
     *         statuses.add(status);
     *         unsigned.addAll(workspace.checkHistory(status));
     *     } catch (EventLogCorruptedException e) {
     *         broken.add(e);
     *     }
     * }
     * String json = CiReports.statusJson(statuses, broken, unsigned,
     *         CiReports.missingTaskBreakdowns(workspace, statuses));
     * }</pre>
     *
     * @param statuses each cycle's status, in the order shown
     * @param broken the event logs whose hash chain is broken
     * @param unsignedHistory the history entries no trusted signature covers
     *                        ({@code PlanningWorkspace.checkHistory}): file and message of each
     * @param missingTaskBreakdowns the cycles shown that have no task breakdown, each with the path it lacks
     *                              ({@link #missingTaskBreakdowns}); a cycle not in it is shown as having one
     * @return the JSON text, without a trailing line break
     * @since 0.1
     */
    public static String statusJson(List<CycleStatus> statuses, List<EventLogCorruptedException> broken,
            List<Discrepancy> unsignedHistory, Map<CycleRef, String> missingTaskBreakdowns) {
        List<CycleStatus> shown = List.copyOf(Objects.requireNonNull(statuses, "statuses"));
        List<EventLogCorruptedException> brokenLogs = List.copyOf(Objects.requireNonNull(broken, "broken"));
        List<Reports.UnsignedJson> unsigned = List.copyOf(Objects.requireNonNull(unsignedHistory, "unsignedHistory"))
                .stream().map(d -> new Reports.UnsignedJson(d.file(), d.message())).toList();
        Map<CycleRef, String> missing = Map.copyOf(Objects.requireNonNull(missingTaskBreakdowns,
                "missingTaskBreakdowns"));
        return CommandJson.write(Reports.statuses(shown, brokenLogs, unsigned, missing));
    }

    /**
     * The cycles of {@code statuses} that have no task breakdown in {@code workspace} under any name
     * {@code WorkspaceLayout.taskBreakdownCandidates} accepts (a cycle with events, a story map or a decision log
     * only), each with the preferred path it lacks: what {@code planning status} shows as
     * {@code NO TASK BREAKDOWN} and as {@code missing_task_breakdown} in {@link #statusJson}. A path whose
     * existence cannot be told (a directory that may not be searched) counts as missing: its cycle is shown lacking
     * it, never as having it.
     *
     * @param workspace the workspace the statuses are of; never {@code null}
     * @param statuses the statuses shown; never {@code null}
     * @return the cycles without a task breakdown, in {@code statuses}' order, each with the path it lacks; a map
     *         that refuses changes
     * @since 0.1
     */
    public static Map<CycleRef, String> missingTaskBreakdowns(PlanningWorkspace workspace,
            List<CycleStatus> statuses) {
        Objects.requireNonNull(workspace, "workspace");
        Map<CycleRef, String> missing = new LinkedHashMap<>();
        for (CycleStatus status : List.copyOf(Objects.requireNonNull(statuses, "statuses"))) {
            CycleRef cycle = status.cycle();
            Path root = workspace.root();
            if (workspace.layout().taskBreakdownCandidates(cycle).stream()
                    .noneMatch(path -> Files.exists(root.resolve(path)))) {
                missing.put(cycle, workspace.layout().taskBreakdown(cycle));
            }
        }
        return Collections.unmodifiableMap(missing);
    }
}
