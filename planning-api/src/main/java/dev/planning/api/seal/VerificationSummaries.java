package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The two signed verification summaries of a {@code VALIDATED} cycle, as written next to its
 * evidence by {@link dev.planning.api.PlanningWorkspace#summarize}: an in-toto Statement v1 with the
 * Test Result predicate ({@code https://in-toto.io/attestation/test-result/v0.1}) from the imported
 * JUnit outcomes, and a SLSA Verification Summary Attestation v1
 * ({@code https://slsa.dev/verification_summary/v1}) whose policy digest is the rulebook hash; each in
 * a DSSE envelope. Both files are written once and never overwritten; {@code verify} checks them.
 *
 * <pre>{@code
 * VerificationSummaries written = workspace.summarize(cycle, List.of(qaSigner));
 * System.out.println(written.testResult() + " " + written.testResultPath());
 * }</pre>
 *
 * @param testResultPath          the Test Result envelope, workspace-relative, never {@code null}
 * @param verificationSummaryPath the VSA envelope, workspace-relative, never {@code null}
 * @param testResult              {@code PASSED}, {@code WARNED} or {@code FAILED}, never {@code null}
 * @param verificationResult      {@code PASSED} or {@code FAILED}, never {@code null}
 * @param passedTests             how many tests the statement lists as passed
 * @param warnedTests             how many it lists as warned (skipped test cases)
 * @param failedTests             how many it lists as failed (failures and errors)
 * @param signatures              how many DSSE signatures each envelope carries
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record VerificationSummaries(String testResultPath, String verificationSummaryPath, String testResult,
        String verificationResult, int passedTests, int warnedTests, int failedTests, int signatures) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param testResultPath the Test Result envelope, workspace-relative, never {@code null}
     * @param verificationSummaryPath the VSA envelope, workspace-relative, never {@code null}
     * @param testResult {@code PASSED}, {@code WARNED} or {@code FAILED}, never {@code null}
     * @param verificationResult {@code PASSED} or {@code FAILED}, never {@code null}
     * @param passedTests how many tests the statement lists as passed
     * @param warnedTests how many it lists as warned (skipped test cases)
     * @param failedTests how many it lists as failed (failures and errors)
     * @param signatures how many DSSE signatures each envelope carries
     */
    public VerificationSummaries {
        Objects.requireNonNull(testResultPath, "testResultPath");
        Objects.requireNonNull(verificationSummaryPath, "verificationSummaryPath");
        Objects.requireNonNull(testResult, "testResult");
        Objects.requireNonNull(verificationResult, "verificationResult");
        if (passedTests < 0 || warnedTests < 0 || failedTests < 0 || signatures < 1) {
            throw new IllegalArgumentException("test counts must be >= 0 and signatures >= 1");
        }
    }
}
