package dev.planning.engine.internal.seal;

import dev.planning.engine.internal.outcome.TestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The test results a Test Result statement states, from the JUnit reports the cycle's move into
 * {@code VALIDATED} judged ({@link JudgedOutcomes}): the names
 * of the passed test cases, of the warned ones (skipped: they did not fail, but did not pass either)
 * and of the failed ones (a failure or an error), in report path order and then document order; the
 * result is {@code FAILED} when any failed, else {@code WARNED} when any was skipped, else
 * {@code PASSED}.
 *
 * @param reports the JUnit reports, with the SHA-256 of each stored file
 */
record TestResults(List<Report> reports, List<String> passed, List<String> warned, List<String> failed) {

    TestResults {
        reports = List.copyOf(reports);
        passed = List.copyOf(passed);
        warned = List.copyOf(warned);
        failed = List.copyOf(failed);
    }

    /** One stored JUnit report. */
    record Report(String path, String sha256) {
        Report {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** One JUnit report as judged: its stored path, its SHA-256 and its parsed content. */
    record Parsed(String path, String sha256, TestReport report) {
        Parsed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(report, "report");
        }
    }

    /** The results of the given JUnit reports, in the order given (see {@link JudgedOutcomes}). */
    static TestResults of(List<Parsed> judged) {
        List<Report> reports = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Parsed stored : judged) {
            reports.add(new Report(stored.path(), stored.sha256()));
            for (TestReport.TestCase testCase : stored.report().cases()) {
                switch (testCase.result()) {
                    case PASSED -> passed.add(testCase.name());
                    case SKIPPED -> warned.add(testCase.name());
                    case FAILED, ERROR -> failed.add(testCase.name());
                }
            }
        }
        return new TestResults(reports, passed, warned, failed);
    }

    /** {@code FAILED}, {@code WARNED} or {@code PASSED}. */
    String result() {
        return !failed.isEmpty() ? "FAILED" : !warned.isEmpty() ? "WARNED" : "PASSED";
    }
}
