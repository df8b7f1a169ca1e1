package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.engine.PlanningJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders command results as text for people or as JSON for scripts. JSON keys are stable and
 * ordered; every finding carries file, line, column, code, severity, message and task.
 */
final class Reports {

    private Reports() {
    }

    /** Prints text or JSON; JUnit XML and SARIF are refused (the command has no findings to list). */
    static void print(PrintWriter out, OutputFormat format, Object json, Supplier<String> text) {
        print(out, format, json, text, null, null);
    }

    /**
     * Prints in the chosen format.
     *
     * @param junit JUnit XML, or {@code null} when the command does not offer it
     * @param sarif SARIF, or {@code null} when the command does not offer it
     */
    static void print(PrintWriter out, OutputFormat format, Object json, Supplier<String> text, Supplier<String> junit,
            Supplier<String> sarif) {
        print(out, format, json, text, junit, sarif, null);
    }

    /**
     * Prints in the chosen format.
     *
     * @param junit    JUnit XML, or {@code null} when the command does not offer it
     * @param sarif    SARIF, or {@code null} when the command does not offer it
     * @param markdown Markdown, or {@code null} when the command does not offer it
     */
    static void print(PrintWriter out, OutputFormat format, Object json, Supplier<String> text, Supplier<String> junit,
            Supplier<String> sarif, Supplier<String> markdown) {
        Supplier<String> ci = switch (format) {
            case junit -> junit;
            case sarif -> sarif;
            case markdown -> markdown;
            default -> null;
        };
        if (format == OutputFormat.junit || format == OutputFormat.sarif || format == OutputFormat.markdown) {
            if (ci == null) {
                throw new InvalidInputException("--format " + format + " is not available for this command;"
                        + " use " + available(junit, sarif, markdown));
            }
            out.print(ci.get());
        } else if (format == OutputFormat.json) {
            out.println(PlanningJson.write(json));
        } else {
            out.print(text.get());
        }
        out.flush();
    }

    /** The formats a command offers, as the refusal of another one names them ("text, json or markdown"). */
    private static String available(Supplier<String> junit, Supplier<String> sarif, Supplier<String> markdown) {
        List<String> formats = new ArrayList<>(List.of("text", "json"));
        if (junit != null) {
            formats.add("junit");
        }
        if (sarif != null) {
            formats.add("sarif");
        }
        if (markdown != null) {
            formats.add("markdown");
        }
        return String.join(", ", formats.subList(0, formats.size() - 1)) + " or " + formats.get(formats.size() - 1);
    }

    /** {@code lint --format json}. */
    record LintJson(boolean passed, List<String> files, List<FindingJson> findings) {
    }

    static LintJson lint(LintReport report) {
        return new LintJson(report.passed(), report.filesChecked(), findings(report.findings()));
    }

    static String lintText(LintReport report) {
        StringBuilder text = new StringBuilder();
        report.findings().forEach(f -> text.append(f.describe()).append('\n'));
        text.append(summary(report.findings())).append(" in ").append(report.filesChecked().size()).append(" file(s)");
        text.append(report.passed() ? ": lint passed\n" : ": lint failed\n");
        return text.toString();
    }

    /** {@code gate --format json}: a dry run. */
    record GatesJson(String cycle, String to, boolean passed, List<GateJson> gates) {
    }

    static GatesJson gates(CycleRef cycle, CycleState to, List<GateResult> results) {
        return new GatesJson(cycle.toString(), to.name(), results.stream().allMatch(GateResult::passed),
                results.stream().map(Reports::gate).toList());
    }

    static String gatesText(CycleRef cycle, CycleState to, List<GateResult> results) {
        StringBuilder text = new StringBuilder("gates for " + cycle + " -> " + to + " (dry run)\n");
        appendGates(text, results);
        if (results.isEmpty()) {
            text.append("  (the profile names no gates for this transition)\n");
        }
        return text.toString();
    }

    /**
     * {@code advance --format json}.
     *
     * @param manifest the manifest a handoff wrote; the key is left out when none was
     */
    record TransitionJson(String cycle, String from, String to, String transition, boolean accepted, String state,
            @JsonProperty("event_id") String eventId, List<AdvancedGateJson> gates,
            @JsonInclude(JsonInclude.Include.NON_NULL) String manifest,
            @JsonInclude(JsonInclude.Include.NON_NULL) SummariesJson summaries) {
    }

    /** The verification summaries `advance --to VALIDATED --summary-key` wrote. */
    record SummariesJson(@JsonProperty("test_result") String testResult,
            @JsonProperty("test_result_path") String testResultPath,
            @JsonProperty("verification_result") String verificationResult,
            @JsonProperty("verification_summary_path") String verificationSummaryPath) {

        static SummariesJson of(VerificationSummaries written) {
            return new SummariesJson(written.testResult(), written.testResultPath(), written.verificationResult(),
                    written.verificationSummaryPath());
        }
    }

    /**
     * @param evidence each gate's evidence file, by gate name (empty when none was kept)
     * @param manifest the manifest a handoff wrote, or {@code null}
     * @param summaries the verification summaries written after the move, or {@code null}
     */
    static TransitionJson transition(TransitionResult result, Map<String, String> evidence, String manifest,
            SummariesJson summaries) {
        return new TransitionJson(result.cycle().toString(), result.transition().from().name(),
                result.transition().to().name(), result.transition().name(), result.accepted(),
                result.stateAfter().name(), result.eventId(),
                result.gateResults().stream().map(r -> new AdvancedGateJson(r.gate(), r.status().name(),
                        findings(r.findings()), evidence.get(r.gate()))).toList(), manifest, summaries);
    }

    static String transitionText(TransitionResult result, Map<String, String> evidence) {
        StringBuilder text = new StringBuilder();
        text.append(result.cycle()).append(": ").append(result.transition().from()).append(" -> ")
                .append(result.transition().to()).append(result.accepted() ? " accepted" : " REFUSED").append('\n');
        appendGates(text, result.gateResults());
        evidence.forEach((gate, path) -> text.append("  evidence ").append(gate).append(": ").append(path).append('\n'));
        text.append("state: ").append(result.stateAfter()).append(" (event ").append(result.eventId()).append(")\n");
        return text.toString();
    }

    /** {@code status --format json}. */
    record StatusesJson(@JsonProperty("chain_intact") boolean chainIntact, List<StatusJson> cycles,
            @JsonProperty("broken_logs") List<BrokenLogJson> brokenLogs,
            @JsonProperty("unsigned_history") List<UnsignedJson> unsignedHistory) {
    }

    /** One cycle's state and history. */
    record StatusJson(String cycle, String state, List<HistoryJson> history,
            @JsonProperty("interrupted_seal") boolean interruptedSeal) {
    }

    /** One recorded event. */
    record HistoryJson(int line, String id, String timestamp, String type,
            @JsonProperty("from_state") String fromState, @JsonProperty("to_state") String toState,
            @JsonProperty("gate_results") Map<String, GateStatus> gateResults, Map<String, String> details) {
    }

    /** An event log whose chain is broken. */
    record BrokenLogJson(String file, int line, String message) {
    }

    /** A history entry that no trusted signature covers. */
    record UnsignedJson(String file, String message) {
    }

    static StatusesJson statuses(List<CycleStatus> statuses, List<EventLogCorruptedException> broken,
            List<UnsignedJson> unsigned) {
        return new StatusesJson(broken.isEmpty(), statuses.stream().map(Reports::status).toList(),
                broken.stream().map(e -> new BrokenLogJson(e.location().map(l -> l.file()).orElse(null),
                        e.location().map(l -> l.line()).orElse(0), e.getMessage())).toList(), unsigned);
    }

    static String statusText(List<CycleStatus> statuses, List<EventLogCorruptedException> broken) {
        StringBuilder text = new StringBuilder();
        for (CycleStatus status : statuses) {
            text.append(status.cycle()).append(": ").append(status.state()).append('\n');
            for (RecordedEvent recorded : status.history()) {
                PlanningEvent e = recorded.event();
                text.append("  ").append(lineNumber(recorded.line())).append("  ").append(e.timestamp())
                        .append("  ").append(e.type());
                e.fromState().ifPresent(s -> text.append("  ").append(s));
                e.toState().ifPresent(s -> text.append(" -> ").append(s));
                if (!e.gateResults().isEmpty()) {
                    // Gate names are whatever the log says: on this line, whatever they hold.
                    text.append("  ").append(Printable.line(e.gateResults().toString()));
                }
                text.append('\n');
            }
            if (status.sealInterrupted()) {
                text.append("  INTERRUPTED SEAL: the cycle is PACKAGED but no MANIFEST_SEALED event records its seal; `")
                        .append(completeSeal(status.cycle())).append("` completes it\n");
            }
        }
        if (statuses.isEmpty() && broken.isEmpty()) {
            text.append("no cycles found\n");
        }
        for (EventLogCorruptedException e : broken) {
            text.append("BROKEN CHAIN: ").append(e.describe()).append('\n');
        }
        return text.toString();
    }

    /**
     * An event's line number right-aligned in three columns, as {@code String.format("%3d", line)}
     * printed it in the default locale's ASCII digits; without the formatter, whose first use costs
     * {@code status} about a tenth of its command's own time (docs/benchmarks/cold-start.md, eleventh pass).
     */
    static String lineNumber(int line) {
        String digits = Integer.toString(line);
        return digits.length() >= 3 ? digits : "   ".substring(digits.length()) + digits;
    }

    private static StatusJson status(CycleStatus status) {
        return new StatusJson(status.cycle().toString(), status.state().name(), status.history().stream()
                .map(r -> new HistoryJson(r.line(), r.event().id(), r.event().timestamp().toString(),
                        r.event().type().name(), r.event().fromState().map(Enum::name).orElse(null),
                        r.event().toState().map(Enum::name).orElse(null), r.event().gateResults(),
                        r.event().details()))
                .toList(), status.sealInterrupted());
    }

    /**
     * The command that completes an interrupted seal; a stream and a cycle id hold only letters,
     * digits, {@code .}, {@code _} and {@code -} ({@link CycleRef}), so each is one shell word as it is.
     */
    static String completeSeal(CycleRef cycle) {
        return "planning seal --stream " + cycle.stream() + " --cycle " + cycle.cycleId();
    }

    private static void appendGates(StringBuilder text, List<GateResult> results) {
        for (GateResult result : results) {
            text.append("  ").append(result.gate()).append(": ").append(result.status())
                    .append(" (").append(summary(result.findings())).append(")\n");
            result.findings().forEach(f -> text.append("    ").append(f.describe()).append('\n'));
        }
    }

    /** One gate's result in a dry run. */
    record GateJson(String gate, String status, List<FindingJson> findings) {
    }

    /** One gate's result in an {@code advance}, with its evidence file ({@code null} when none was kept). */
    record AdvancedGateJson(String gate, String status, List<FindingJson> findings, String evidence) {
    }

    /** One finding: file, line, column, code, severity, message and task; facts and hint when it has them. */
    record FindingJson(String code, String severity, String message, String file, int line, int column, String task,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> facts,
            @JsonInclude(JsonInclude.Include.NON_NULL) String hint) {
    }

    private static GateJson gate(GateResult result) {
        return new GateJson(result.gate(), result.status().name(), findings(result.findings()));
    }

    static List<FindingJson> findings(List<Finding> findings) {
        return findings.stream().map(Reports::finding).toList();
    }

    private static FindingJson finding(Finding f) {
        return new FindingJson(f.code(), f.severity().name().toLowerCase(Locale.ROOT), f.message(),
                f.location().map(l -> l.file()).orElse(null), f.location().map(l -> l.line()).orElse(0),
                f.location().map(l -> l.column()).orElse(0), f.taskId().orElse(null), f.facts(), f.hint().orElse(null));
    }

    private static String summary(List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        return errors + " error(s), " + warnings + " warning(s)";
    }
}
