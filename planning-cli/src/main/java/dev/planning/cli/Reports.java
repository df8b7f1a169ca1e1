package dev.planning.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.InvalidInputException;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders command results as text for people or as JSON for scripts. JSON keys are stable and
 * ordered; every finding carries file, line, column, code, severity, message and task.
 */
final class Reports {

    private static final ObjectMapper JSON = CliJson.PRETTY;

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
                        + " use text or json");
            }
            out.print(ci.get());
        } else if (format == OutputFormat.json) {
            try {
                out.println(JSON.writeValueAsString(json));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.print(text.get());
        }
        out.flush();
    }

    static Map<String, Object> lint(LintReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", report.passed());
        json.put("files", report.filesChecked());
        json.put("findings", report.findings().stream().map(Reports::finding).toList());
        return json;
    }

    static String lintText(LintReport report) {
        StringBuilder text = new StringBuilder();
        report.findings().forEach(f -> text.append(f.describe()).append('\n'));
        text.append(summary(report.findings())).append(" in ").append(report.filesChecked().size()).append(" file(s)");
        text.append(report.passed() ? ": lint passed\n" : ": lint failed\n");
        return text.toString();
    }

    static Map<String, Object> gates(CycleRef cycle, CycleState to, List<GateResult> results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cycle", cycle.toString());
        json.put("to", to.name());
        json.put("passed", results.stream().allMatch(GateResult::passed));
        json.put("gates", results.stream().map(Reports::gate).toList());
        return json;
    }

    static String gatesText(CycleRef cycle, CycleState to, List<GateResult> results) {
        StringBuilder text = new StringBuilder("gates for " + cycle + " -> " + to + " (dry run)\n");
        appendGates(text, results);
        if (results.isEmpty()) {
            text.append("  (the profile names no gates for this transition)\n");
        }
        return text.toString();
    }

    /** @param evidence each gate's evidence file, by gate name (empty when none was kept) */
    static Map<String, Object> transition(TransitionResult result, Map<String, String> evidence) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cycle", result.cycle().toString());
        json.put("from", result.transition().from().name());
        json.put("to", result.transition().to().name());
        json.put("transition", result.transition().name());
        json.put("accepted", result.accepted());
        json.put("state", result.stateAfter().name());
        json.put("event_id", result.eventId());
        json.put("gates", result.gateResults().stream().map(r -> {
            Map<String, Object> gate = gate(r);
            gate.put("evidence", evidence.get(r.gate()));
            return gate;
        }).toList());
        return json;
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

    static Map<String, Object> statuses(List<CycleStatus> statuses, List<EventLogCorruptedException> broken) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chain_intact", broken.isEmpty());
        json.put("cycles", statuses.stream().map(Reports::status).toList());
        json.put("broken_logs", broken.stream().map(e -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("file", e.location().map(l -> l.file()).orElse(null));
            b.put("line", e.location().map(l -> l.line()).orElse(0));
            b.put("message", e.getMessage());
            return b;
        }).toList());
        return json;
    }

    static String statusText(List<CycleStatus> statuses, List<EventLogCorruptedException> broken) {
        StringBuilder text = new StringBuilder();
        for (CycleStatus status : statuses) {
            text.append(status.cycle()).append(": ").append(status.state()).append('\n');
            for (RecordedEvent recorded : status.history()) {
                PlanningEvent e = recorded.event();
                text.append("  ").append(String.format("%3d", recorded.line())).append("  ").append(e.timestamp())
                        .append("  ").append(e.type());
                e.fromState().ifPresent(s -> text.append("  ").append(s));
                e.toState().ifPresent(s -> text.append(" -> ").append(s));
                if (!e.gateResults().isEmpty()) {
                    text.append("  ").append(e.gateResults());
                }
                text.append('\n');
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

    private static Map<String, Object> status(CycleStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cycle", status.cycle().toString());
        json.put("state", status.state().name());
        json.put("history", status.history().stream().map(r -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("line", r.line());
            e.put("id", r.event().id());
            e.put("timestamp", r.event().timestamp().toString());
            e.put("type", r.event().type().name());
            e.put("from_state", r.event().fromState().map(Enum::name).orElse(null));
            e.put("to_state", r.event().toState().map(Enum::name).orElse(null));
            e.put("gate_results", r.event().gateResults());
            e.put("details", r.event().details());
            return e;
        }).toList());
        return json;
    }

    private static void appendGates(StringBuilder text, List<GateResult> results) {
        for (GateResult result : results) {
            text.append("  ").append(result.gate()).append(": ").append(result.status())
                    .append(" (").append(summary(result.findings())).append(")\n");
            result.findings().forEach(f -> text.append("    ").append(f.describe()).append('\n'));
        }
    }

    private static Map<String, Object> gate(GateResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("gate", result.gate());
        json.put("status", result.status().name());
        json.put("findings", result.findings().stream().map(Reports::finding).toList());
        return json;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", f.code());
        json.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
        json.put("message", f.message());
        json.put("file", f.location().map(l -> l.file()).orElse(null));
        json.put("line", f.location().map(l -> l.line()).orElse(0));
        json.put("column", f.location().map(l -> l.column()).orElse(0));
        json.put("task", f.taskId().orElse(null));
        if (!f.facts().isEmpty()) {
            json.put("facts", f.facts());
        }
        f.hint().ifPresent(h -> json.put("hint", h));
        return json;
    }

    private static String summary(List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        return errors + " error(s), " + warnings + " warning(s)";
    }
}
