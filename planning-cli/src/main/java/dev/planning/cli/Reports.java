package dev.planning.cli;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
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
import dev.planning.engine.PlanningJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prints command results in the chosen format, and renders them as text for people. The JSON of
 * lint, gate, advance and status is the public API's ({@code CiReports.lintJson}, {@code gatesJson},
 * {@code transitionJson}, {@code statusJson}); every other command's JSON document is written by
 * {@code PlanningJson.write}, the same writer (the engine's), so that a lone surrogate, U+2028 or a
 * control character is printed alike by every {@code --format json}.
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
        printJson(out, format, () -> PlanningJson.write(json), text, junit, sarif, markdown);
    }

    /**
     * Prints in the chosen format, the JSON given as text (the public API's, such as
     * {@code CiReports.lintJson}), followed by a line break.
     *
     * @param junit    JUnit XML, or {@code null} when the command does not offer it
     * @param sarif    SARIF, or {@code null} when the command does not offer it
     * @param markdown Markdown, or {@code null} when the command does not offer it
     */
    static void printJson(PrintWriter out, OutputFormat format, Supplier<String> json, Supplier<String> text,
            Supplier<String> junit, Supplier<String> sarif, Supplier<String> markdown) {
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
            out.println(json.get());
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

    static String lintText(LintReport report) {
        StringBuilder text = new StringBuilder();
        report.findings().forEach(f -> text.append(f.describe()).append('\n'));
        text.append(report.summary());
        text.append(report.passed() ? ": lint passed\n" : ": lint failed\n");
        return text.toString();
    }

    static String gatesText(CycleRef cycle, CycleState to, List<GateResult> results) {
        StringBuilder text = new StringBuilder("gates for " + cycle + " -> " + to + " (dry run)\n");
        appendGates(text, results);
        if (results.isEmpty()) {
            text.append("  (the profile names no gates for this transition)\n");
        }
        return text.toString();
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

    /**
     * Each cycle's state and history, then the broken logs; a cycle of {@code withoutPlan} is followed by a line
     * naming the task breakdown it lacks (api26: such a cycle, with events only, was not listed at all).
     */
    static String statusText(List<CycleStatus> statuses, List<EventLogCorruptedException> broken,
            Map<CycleRef, String> withoutPlan) {
        StringBuilder text = new StringBuilder();
        for (CycleStatus status : statuses) {
            text.append(status.cycle()).append(": ").append(status.state()).append('\n');
            String plan = withoutPlan.get(status.cycle());
            if (plan != null) {
                text.append("  NO TASK BREAKDOWN: ").append(plan).append(" does not exist: the cycle's gates have no"
                        + " plan to judge\n");
            }
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

    private static String summary(List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        return errors + " error(s), " + warnings + " warning(s)";
    }
}
