package dev.planning.report.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.VerificationSummaries;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON documents of {@code lint}, {@code gate}, {@code advance} and {@code status} (moved from the
 * command line's {@code Reports}): keys stable and ordered; every finding carries file, line, column,
 * code, severity, message and task.
 *
 * @since 0.1
 */
public final class Reports {

    private Reports() {
    }

    /**
     * {@code lint --format json}.
     *
     * @param passed whether lint passed
     * @param files the files checked
     * @param findings the findings
     */
    public record LintJson(boolean passed, List<String> files, List<FindingJson> findings) {
    }

    /**
     * The document of a lint report.
     *
     * @param report the lint report
     * @return its document
     */
    public static LintJson lint(LintReport report) {
        return new LintJson(report.passed(), report.filesChecked(), findings(report.findings()));
    }

    /**
     * {@code gate --format json}: a dry run.
     *
     * @param cycle the cycle
     * @param to the target state
     * @param passed whether every gate passed
     * @param gates each gate's result
     */
    public record GatesJson(String cycle, String to, boolean passed, List<GateJson> gates) {
    }

    /**
     * The document of a dry run.
     *
     * @param cycle the cycle
     * @param to the target state
     * @param results the gate results
     * @return its document
     */
    public static GatesJson gates(CycleRef cycle, CycleState to, List<GateResult> results) {
        return new GatesJson(cycle.toString(), to.name(), results.stream().allMatch(GateResult::passed),
                results.stream().map(Reports::gate).toList());
    }

    /**
     * {@code advance --format json}.
     *
     * @param cycle the cycle
     * @param from the state before
     * @param to the target state
     * @param transition the transition's name
     * @param accepted whether it was accepted
     * @param state the state after
     * @param eventId the event recorded
     * @param gates each gate's result
     * @param manifest the manifest a handoff wrote; the key is left out when none was
     * @param summaries the verification summaries written after the move; left out when none were
     */
    public record TransitionJson(String cycle, String from, String to, String transition, boolean accepted, String state,
            @JsonProperty("event_id") String eventId, List<AdvancedGateJson> gates,
            @JsonInclude(JsonInclude.Include.NON_NULL) String manifest,
            @JsonInclude(JsonInclude.Include.NON_NULL) SummariesJson summaries) {
    }

    /**
     * The verification summaries `advance --to VALIDATED --summary-key` wrote.
     *
     * @param testResult the in-toto Test Result's result
     * @param testResultPath where it was written
     * @param verificationResult the VSA's result
     * @param verificationSummaryPath where it was written
     */
    public record SummariesJson(@JsonProperty("test_result") String testResult,
            @JsonProperty("test_result_path") String testResultPath,
            @JsonProperty("verification_result") String verificationResult,
            @JsonProperty("verification_summary_path") String verificationSummaryPath) {

        /**
         * The document of written summaries.
         *
         * @param written the summaries written
         * @return its document
         */
        public static SummariesJson of(VerificationSummaries written) {
            return new SummariesJson(written.testResult(), written.testResultPath(), written.verificationResult(),
                    written.verificationSummaryPath());
        }
    }

    /**
     * The document of a transition.
     *
     * @param result the transition's result
     * @param evidence each gate's evidence file, by gate name (empty when none was kept)
     * @param manifest the manifest a handoff wrote, or {@code null}
     * @param summaries the verification summaries written after the move, or {@code null}
     * @return its document
     */
    public static TransitionJson transition(TransitionResult result, Map<String, String> evidence, String manifest,
            SummariesJson summaries) {
        return new TransitionJson(result.cycle().toString(), result.transition().from().name(),
                result.transition().to().name(), result.transition().name(), result.accepted(),
                result.stateAfter().name(), result.eventId(),
                result.gateResults().stream().map(r -> new AdvancedGateJson(r.gate(), r.status().name(),
                        findings(r.findings()), evidence.get(r.gate()))).toList(), manifest, summaries);
    }

    /**
     * {@code status --format json}.
     *
     * @param chainIntact whether no event log's chain is broken
     * @param cycles each cycle's state and history
     * @param brokenLogs the event logs whose chain is broken
     * @param unsignedHistory the history entries no trusted signature covers
     */
    public record StatusesJson(@JsonProperty("chain_intact") boolean chainIntact, List<StatusJson> cycles,
            @JsonProperty("broken_logs") List<BrokenLogJson> brokenLogs,
            @JsonProperty("unsigned_history") List<UnsignedJson> unsignedHistory) {
    }

    /**
     * One cycle's state and history.
     *
     * @param cycle the cycle
     * @param state its state
     * @param history its events
     * @param interruptedSeal whether it is PACKAGED without a recorded seal
     * @param missingTaskBreakdown the task breakdown path the cycle lacks, left out ({@code null}) when it has one
     */
    public record StatusJson(String cycle, String state, List<HistoryJson> history,
            @JsonProperty("interrupted_seal") boolean interruptedSeal,
            @JsonProperty("missing_task_breakdown") @JsonInclude(JsonInclude.Include.NON_NULL)
            String missingTaskBreakdown) {
    }

    /**
     * One recorded event.
     *
     * @param line its line in the log
     * @param id its id
     * @param timestamp when
     * @param type its type
     * @param fromState the state before, or {@code null}
     * @param toState the state after, or {@code null}
     * @param gateResults each gate's status
     * @param details the event's details
     */
    public record HistoryJson(int line, String id, String timestamp, String type,
            @JsonProperty("from_state") String fromState, @JsonProperty("to_state") String toState,
            @JsonProperty("gate_results") Map<String, GateStatus> gateResults, Map<String, String> details) {
    }

    /**
     * An event log whose chain is broken.
     *
     * @param file the log
     * @param line the line, 0 when unknown
     * @param message what is wrong
     */
    public record BrokenLogJson(String file, int line, String message) {
    }

    /**
     * A history entry that no trusted signature covers.
     *
     * @param file the file
     * @param message what is not covered
     */
    public record UnsignedJson(String file, String message) {
    }

    /**
     * The document of {@code status}.
     *
     * @param statuses each cycle's status
     * @param broken the event logs whose chain is broken
     * @param unsigned the history entries no trusted signature covers
     * @param missingTaskBreakdowns the cycles without a task breakdown, each with the path it lacks
     * @return its document
     */
    public static StatusesJson statuses(List<CycleStatus> statuses, List<EventLogCorruptedException> broken,
            List<UnsignedJson> unsigned, Map<CycleRef, String> missingTaskBreakdowns) {
        return new StatusesJson(broken.isEmpty(), statuses.stream()
                .map(status -> status(status, missingTaskBreakdowns.get(status.cycle()))).toList(),
                broken.stream().map(e -> new BrokenLogJson(e.location().map(l -> l.file()).orElse(null),
                        e.location().map(l -> l.line()).orElse(0), e.getMessage())).toList(), unsigned);
    }

    private static StatusJson status(CycleStatus status, String missingTaskBreakdown) {
        return new StatusJson(status.cycle().toString(), status.state().name(), status.history().stream()
                .map(r -> new HistoryJson(r.line(), r.event().id(), r.event().timestamp().toString(),
                        r.event().type().name(), r.event().fromState().map(Enum::name).orElse(null),
                        r.event().toState().map(Enum::name).orElse(null), r.event().gateResults(),
                        r.event().details()))
                .toList(), status.sealInterrupted(), missingTaskBreakdown);
    }

    /**
     * One gate's result in a dry run.
     *
     * @param gate the gate
     * @param status its status
     * @param findings its findings
     */
    public record GateJson(String gate, String status, List<FindingJson> findings) {
    }

    /**
     * One gate's result in an {@code advance}, with its evidence file ({@code null} when none was kept).
     *
     * @param gate the gate
     * @param status its status
     * @param findings its findings
     * @param evidence its evidence file, or {@code null}
     */
    public record AdvancedGateJson(String gate, String status, List<FindingJson> findings, String evidence) {
    }

    /**
     * One finding: file, line, column, code, severity, message and task; facts and hint when it has them.
     *
     * @param code the code
     * @param severity the severity, in lower case
     * @param message the message
     * @param file the file, or {@code null}
     * @param line the line, 0 when none
     * @param column the column, 0 when none
     * @param task the task, or {@code null}
     * @param facts the values compared, left out when none
     * @param hint the fix, left out when none
     */
    public record FindingJson(String code, String severity, String message, String file, int line, int column, String task,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> facts,
            @JsonInclude(JsonInclude.Include.NON_NULL) String hint) {
    }

    private static GateJson gate(GateResult result) {
        return new GateJson(result.gate(), result.status().name(), findings(result.findings()));
    }

    /**
     * The documents of findings.
     *
     * @param findings the findings
     * @return their documents, in order
     */
    public static List<FindingJson> findings(List<Finding> findings) {
        return findings.stream().map(Reports::finding).toList();
    }

    private static FindingJson finding(Finding f) {
        return new FindingJson(f.code(), f.severity().name().toLowerCase(Locale.ROOT), f.message(),
                f.location().map(l -> l.file()).orElse(null), f.location().map(l -> l.line()).orElse(0),
                f.location().map(l -> l.column()).orElse(0), f.taskId().orElse(null), f.facts(), f.hint().orElse(null));
    }
}
