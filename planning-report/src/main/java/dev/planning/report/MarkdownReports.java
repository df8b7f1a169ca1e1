package dev.planning.report;

import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.internal.report.Markdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Markdown of {@link CiReports} ({@code --format markdown}): each report as a heading with a
 * one-word verdict (PASSED, FAILED, ACCEPTED, REFUSED, VERIFIED), a summary line and tables, made for
 * {@code $GITHUB_STEP_SUMMARY} and pull-request comments. Every value from a plan or a rulebook is
 * escaped ({@link Markdown#escape}); a hash or a commit id (a discrepancy's expected and actual values)
 * of hexadecimal digits alone is a code span ({@link Markdown#hash}), the exact value, which GitHub links
 * nowhere; so is a commit id standing alone in any other cell, a finding's or a discrepancy's message
 * included ({@link Markdown#text}).
 */
final class MarkdownReports {

    private static final List<String> FINDING_HEADER = List.of("severity", "location", "code", "task", "message");

    private MarkdownReports() {
    }

    static String lint(LintReport report) {
        StringBuilder md = new StringBuilder(Markdown.verdict("planning lint", report.passed() ? "PASSED" : "FAILED"));
        md.append(Markdown.escape(report.summary()))
                .append("\n\n");
        if (!report.findings().isEmpty()) {
            md.append(Markdown.table(FINDING_HEADER, report.findings().stream().map(MarkdownReports::finding).toList()));
        }
        return md.toString();
    }

    static String gates(CycleRef cycle, CycleState to, List<GateResult> results) {
        boolean passed = results.stream().allMatch(GateResult::passed);
        StringBuilder md = new StringBuilder(Markdown.verdict("planning gate " + cycle + " -> " + to + " (dry run)",
                passed ? "PASSED" : "FAILED"));
        return appendGates(md, results).toString();
    }

    static String transition(TransitionResult result) {
        StringBuilder md = new StringBuilder(Markdown.verdict("planning advance " + result.cycle() + " "
                + result.transition().from() + " -> " + result.transition().to(),
                result.accepted() ? "ACCEPTED" : "REFUSED"));
        md.append(Markdown.escape("state: " + result.stateAfter() + " (event " + result.eventId() + ")")).append("\n\n");
        return appendGates(md, result.gateResults()).toString();
    }

    static String verification(VerificationReport report) {
        StringBuilder md = new StringBuilder(Markdown.verdict("planning verify " + report.manifest(),
                report.passed() ? "VERIFIED" : "FAILED"));
        md.append(Markdown.escape(report.artifactsChecked() + " artifact(s) checked, " + report.countedSignatures().size()
                + " signature(s) counted" + (report.countedSignatures().isEmpty() ? "" : " (" + String.join(", ",
                        report.countedSignatures().stream().map(ManifestSignature::role).toList()) + ")")
                + ", " + report.discrepancies().size() + " discrepancy(ies)")).append("\n\n");
        if (!report.discrepancies().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Discrepancy d : report.discrepancies()) {
                rows.add(List.of(d.kind().name(), d.file(), d.message(), d.expected().orElse(""), d.actual().orElse("")));
            }
            // Expected and actual state hashes and commit ids ("sha256 3f1c... (12 bytes)"): each value
            // of hexadecimal digits alone a code span, copyable as it is.
            md.append(Markdown.table(List.of("check", "file", "message", "expected", "actual"), rows, Set.of(3, 4)));
        }
        return md.toString();
    }

    private static StringBuilder appendGates(StringBuilder md, List<GateResult> results) {
        if (results.isEmpty()) {
            return md.append(Markdown.escape("(the profile names no gates for this transition)")).append("\n\n");
        }
        md.append(Markdown.table(List.of("gate", "status", "errors", "warnings"), results.stream()
                .map(r -> List.of(r.gate(), r.status().name(), String.valueOf(count(r.findings(), Severity.ERROR)),
                        String.valueOf(count(r.findings(), Severity.WARNING))))
                .toList()));
        List<List<String>> rows = new ArrayList<>();
        for (GateResult result : results) {
            result.findings().forEach(f -> {
                List<String> row = new ArrayList<>(finding(f));
                row.add(0, result.gate());
                rows.add(row);
            });
        }
        if (!rows.isEmpty()) {
            List<String> header = new ArrayList<>(FINDING_HEADER);
            header.add(0, "gate");
            md.append(Markdown.table(header, rows));
        }
        return md;
    }

    private static List<String> finding(Finding f) {
        String location = f.location().map(l -> l.toString()).orElse("");
        String values = f.facts().isEmpty() ? "" : " (" + f.factsLine() + ")";
        String fix = f.hint().map(h -> "; fix: " + h).orElse("");
        return List.of(f.severity().name().toLowerCase(Locale.ROOT), location, f.code(), f.taskId().orElse(""),
                f.message() + values + fix);
    }

    private static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
