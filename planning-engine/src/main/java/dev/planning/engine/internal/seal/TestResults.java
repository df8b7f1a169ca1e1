package dev.planning.engine.internal.seal;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.outcome.TestReport;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The test results a Test Result statement states, from a cycle's imported JUnit reports: the names
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

    /**
     * The results of a cycle's imported outcomes.
     *
     * @throws InvalidInputException when a stored report cannot be hashed
     */
    static TestResults of(Path workspace, OutcomeSet outcomes) {
        List<Report> reports = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (OutcomeSet.Stored<TestReport> stored : outcomes.tests()) {
            try {
                reports.add(new Report(stored.path(), Sha256.file(SafePaths.resolve(workspace, stored.path())).sha256()));
            } catch (RuntimeException e) {
                throw new InvalidInputException("cannot hash the stored test report: " + e.getMessage(),
                        SourceLocation.ofFile(stored.path()), e);
            }
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
