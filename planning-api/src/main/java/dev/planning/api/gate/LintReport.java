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
     * The report in one line, without its verdict: how many errors and warnings, in how many files (the
     * distinct files the findings name), and how many files were checked, each count with its noun in the
     * singular or the plural, as in {@code 3 errors, 1 warning in 2 files; 14 files checked} or {@code 0 errors,
     * 0 warnings; 1 file checked}. The files with findings are counted apart from the files checked: a finding
     * may name a file lint did not read (one that is missing, or the rulebook entry that needs a directory).
     *
     * @return the counts, in words
     */
    public String summary() {
        long files = findings.stream().flatMap(f -> f.location().stream()).map(l -> l.file()).distinct().count();
        return counted(errorCount(), "error") + ", " + counted(warningCount(), "warning")
                + (files > 0 ? " in " + counted(files, "file") : "") + "; " + counted(filesChecked.size(), "file")
                + " checked";
    }

    private static String counted(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
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
