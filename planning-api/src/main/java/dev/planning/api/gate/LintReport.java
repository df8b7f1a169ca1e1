package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What linting a workspace found: the files checked and every finding, sorted by file, line and
 * column, ready to print in the {@code file:line:column: severity: message [code]} form.
 *
 * @param filesChecked workspace-relative paths of the files checked, sorted
 * @param findings     every finding, sorted by file, line and column
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LintReport(List<String> filesChecked, List<Finding> findings) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param filesChecked workspace-relative paths of the files checked, sorted
     * @param findings every finding, sorted by file, line and column
     */
    public LintReport {
        filesChecked = List.copyOf(filesChecked);
        findings = List.copyOf(findings);
    }

    /**
     * How many findings are errors.
     *
     * @return how many findings are errors
     */
    public long errorCount() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    }

    /**
     * How many findings are warnings.
     *
     * @return how many findings are warnings
     */
    public long warningCount() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    }

    /**
     * Whether no finding is an error.
     *
     * @return whether no finding is an error
     */
    public boolean passed() {
        return errorCount() == 0;
    }
}
