package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.seal.Attestation;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Roles;
import dev.planning.api.signing.Signer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;


/**
 * {@code planning attest}: the sealed manifest as an in-toto Statement v1 in a DSSE envelope,
 * signed with the given keys. Refused while the manifest does not hold (changed artifacts). Its
 * approvals are the manifest's signatures that verify against {@code --trust}; without a trust
 * file, none, and the command says so. With
 * {@code --summaries}, the verification summaries of a {@code VALIDATED} cycle instead
 * ({@link PlanningWorkspace#summarize}), written once beside its evidence.
 */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = {"Write the sealed manifest as an in-toto Statement v1 (one subject per artifact) in a DSSE"
                + " envelope signed with KEY(s); to stdout, or to --out FILE. Its approvals are the manifest's"
                + " signatures that verify against --trust FILE; without one, none are listed (approvals_verified:"
                + " false).",
                "With --summaries (a VALIDATED cycle, --trust FILE): write its in-toto Test Result statement (from the"
                + " imported JUnit outcomes) and its SLSA Verification Summary Attestation (policy digest: the"
                + " rulebook hash), each DSSE-signed with KEY(s), beside the cycle's evidence, once."})
final class AttestCommand implements Callable<Integer> {

    /** What an attestation made without a trust file says of the manifest's signatures. */
    static final String NO_TRUST = "no --trust: the manifest's signatures were NOT verified, so the statement lists"
            + " no approvals (approvals_verified: false); pass --trust FILE to list those that verify";

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Option(names = "--key", paramLabel = "FILE", required = true,
            description = "PEM private key to sign the envelope with; repeat for several signatures.")
    List<Path> keys;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the envelope here (default: standard output).")
    Path out;

    @Option(names = "--summaries", description = "Write the VALIDATED cycle's verification summaries beside its"
            + " evidence (evidence/{cycle}/test-result.intoto.json, verification-summary.intoto.json); needs --trust.")
    boolean summaries;

    @Option(names = "--test-run-url", paramLabel = "URL", description = "With --summaries: the test run's page"
            + " (e.g. the CI run), recorded as the Test Result's url.")
    URI testRunUrl;

    @Mixin
    TrustOption trust;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Signer> signers = keys.stream().map(key -> signer(key, workspace.workspace)).toList();
        if (summaries || testRunUrl != null) {
            return summarize(signers);
        }
        PlanningWorkspace ws = trust.apply(workspace.builder()).build();
        Attestation attestation = ws.attest(cycle.ref(), signers);
        String approvals = trust.trust == null ? NO_TRUST : "approvals: the manifest's signatures that verify against"
                + " the trust file";
        if (out == null) {
            spec.commandLine().getOut().print(attestation.envelope());
            // Flushed before the note (review38b): in one pipe with standard error (2>&1) the envelope comes first.
            spec.commandLine().getOut().flush();
            if (trust.trust == null) {
                spec.commandLine().getErr().println("note: " + NO_TRUST);
                spec.commandLine().getErr().flush();
            }
        } else {
            OutputFiles.write(out, attestation.envelope().getBytes(StandardCharsets.UTF_8));
            spec.commandLine().getOut().println("wrote " + Printable.path(out) + " (in-toto statement, " + attestation.subjects()
                    + " subjects, " + attestation.signatures() + " DSSE signature(s); " + approvals + ")");
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private int summarize(List<Signer> signers) {
        if (!summaries) {
            throw new ParameterException(spec.commandLine(), "--test-run-url goes with --summaries");
        }
        if (out != null) {
            throw new ParameterException(spec.commandLine(), "--out does not go with --summaries: the summaries are"
                    + " written beside the cycle's evidence");
        }
        PlanningWorkspace ws = workspace.compiled(trust.apply(workspace.builder()).build());
        trust.require(ws.root(), "write verification summaries");
        VerificationSummaries written = testRunUrl == null ? ws.summarize(cycle.ref(), signers)
                : ws.summarize(cycle.ref(), signers, testRunUrl);
        spec.commandLine().getOut().print(describe(written, ws.rulebook().hash()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /**
     * A PEM signer for a key file, its role taken from the file name ({@code QA.key.pem}); refused
     * as {@link PrivateKeyFiles#signer} refuses a key (inside the workspace or its repository, or
     * shared with others).
     */
    static Signer signer(Path key, Path workspace) {
        return PrivateKeyFiles.signer(roleOf(key), key, workspace);
    }

    /** Two lines, one per summary written. */
    static String describe(VerificationSummaries written, String rulebookHash) {
        return "wrote " + written.testResultPath() + " (in-toto Test Result " + written.testResult() + ": "
                + written.passedTests() + " passed, " + written.warnedTests() + " warned, " + written.failedTests()
                + " failed; " + written.signatures() + " DSSE signature(s))\n"
                + "wrote " + written.verificationSummaryPath() + " (SLSA verification summary "
                + written.verificationResult() + ", policy: rulebook sha256 " + rulebookHash + "; " + written.signatures()
                + " DSSE signature(s))\n";
    }

    private static String roleOf(Path key) {
        String name = key.getFileName().toString();
        String stem = name.endsWith(".key.pem") ? name.substring(0, name.length() - ".key.pem".length()) : "attester";
        try {
            return Roles.require(stem);
        } catch (dev.planning.api.InvalidInputException e) {
            return "attester";
        }
    }
}
