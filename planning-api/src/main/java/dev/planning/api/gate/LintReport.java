package dev.planning.api.gate;

import java.util.List;

/**
 * The result of linting a workspace: the files that were checked and what was found in them,
 * sorted by file, line and column.
 *
 * @param files    workspace-relative paths of the files checked
 * @param findings the findings, sorted
 * @since 0.1
 */
public record LintReport(List<String> files, List<Finding> findings) {

    public LintReport {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }

    /** Whether no finding is an error. */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }
}
