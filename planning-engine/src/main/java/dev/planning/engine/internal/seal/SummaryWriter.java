package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.InvalidTransitionException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.outcome.CoverageReader;
import dev.planning.engine.internal.outcome.OutcomeFiles;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.signing.CanonicalForm;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a {@code VALIDATED} cycle's verification summaries ({@link Summaries}), each in a DSSE
 * envelope ({@link Attestations#envelope}), next to its evidence, once: refused, with nothing
 * written, when the cycle never moved into {@code VALIDATED}, a summary file exists already, the
 * sealed manifest does not verify now against the trusted keys, no JUnit outcome was imported, or
 * the envelopes would not verify against the trusted keys (no signer's key is trusted). Each file
 * is created atomically and never replaced.
 */
public final class SummaryWriter {

    private static final ObjectMapper JSON = JsonMappers.prettyJson();

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final Rulebook rulebook;
    private final Clock clock;

    public SummaryWriter(Path workspace, WorkspaceLayout layout, Rulebook rulebook, Clock clock) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes both summaries.
     *
     * @param status the cycle's status (its history must hold an accepted move into {@code VALIDATED})
     * @param report the cycle's manifest verified in full against {@code trust}, just now
     * @param url    the test run's page, recorded as the Test Result's {@code url}
     */
    public VerificationSummaries write(CycleStatus status, VerificationReport report, List<? extends Signer> signers,
            Optional<URI> url, TrustedKeys trust) {
        CycleRef cycle = status.cycle();
        if (!reachedValidated(status.history())) {
            throw new InvalidTransitionException(status.state(), CycleState.VALIDATED, "cycle " + cycle
                    + " is not validated (state " + status.state() + "): verification summaries are written for a cycle at"
                    + " VALIDATED or past it, not before, and not after its validation failed");
        }
        String testResultPath = Summaries.testResultPath(layout, cycle);
        String summaryPath = Summaries.verificationSummaryPath(layout, cycle);
        if (Files.exists(SafePaths.resolve(workspace, summaryPath))) {
            throw new SealingException(SealingException.Reason.ALREADY_SUMMARIZED, "the verification summaries of "
                    + cycle + " are written already (" + summaryPath + "); they are never overwritten",
                    SourceLocation.ofFile(summaryPath));
        }
        if (!report.passed()) {
            throw new SealingException(SealingException.Reason.SEAL_NOT_VERIFIED, "cannot summarize " + cycle
                    + ": the sealed manifest does not verify: " + report.discrepancies().get(0).describe()
                    + (report.discrepancies().size() > 1 ? " (and " + (report.discrepancies().size() - 1)
                            + " more; run planning verify)" : ""), SourceLocation.ofFile(report.manifest()));
        }
        TestResults results = TestResults.of(workspace, new OutcomeFiles(workspace, layout, CoverageReader.NONE)
                .read(cycle));
        if (results.reports().isEmpty()) {
            throw new InvalidInputException("cycle " + cycle + " has no imported JUnit report to summarize: import the"
                    + " test results first (planning import ... TEST-*.xml)",
                    SourceLocation.ofFile(layout.outcomesDir(cycle)));
        }
        if (results.result().equals("FAILED")) {
            throw new SealingException(SealingException.Reason.GATES_FAILED, "cannot summarize " + cycle
                    + ": its imported test results hold failures (" + results.failed().size() + " failed), and a"
                    + " verification summary of it would say PASSED", SourceLocation.ofFile(layout.outcomesDir(cycle)));
        }
        String manifestPath = layout.manifest(cycle);
        HandoffManifest manifest = new ManifestReader(workspace).read(SafePaths.resolve(workspace, manifestPath),
                manifestPath).manifest();
        ObjectNode testResultStatement = Summaries.testResult(manifest, manifestPath, results, url);
        Optional<byte[]> written = writtenBefore(testResultPath, testResultStatement, trust);
        byte[] testResult = written.orElseGet(() -> envelope(testResultStatement, signers, trust, testResultPath));
        byte[] summary = envelope(Summaries.verificationSummary(manifest, manifestPath,
                SafePaths.relativize(workspace, rulebook.directory()), testResultPath, Sha256.hex(testResult),
                clock.instant()), signers, trust, summaryPath);
        if (written.isEmpty()) {
            AtomicFiles.writeNew(SafePaths.resolve(workspace, testResultPath), testResult);
        }
        AtomicFiles.writeNew(SafePaths.resolve(workspace, summaryPath), summary);
        return new VerificationSummaries(testResultPath, summaryPath, results.result(), "PASSED",
                results.passed().size(), results.warned().size(), results.failed().size(), signers.size());
    }

    /**
     * The Test Result an earlier run wrote before it stopped short of the verification summary
     * (the two files are written one after the other): kept, never replaced, when it verifies against
     * {@code trust} and states exactly what this run would; any other file in its place is refused.
     */
    private Optional<byte[]> writtenBefore(String path, ObjectNode statement, TrustedKeys trust) {
        Path file = SafePaths.resolve(workspace, path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SealingException(SealingException.Reason.ALREADY_SUMMARIZED, "cannot read " + path
                    + ", which an earlier summary left: " + e.getMessage(), SourceLocation.ofFile(path));
        }
        Attestations.Opened opened = Attestations.open(bytes, trust);
        boolean same = opened.problems().isEmpty() && opened.statement()
                .map(found -> Arrays.equals(CanonicalForm.canonicalize(found), CanonicalForm.canonicalize(statement)))
                .orElse(false);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !same) {
            throw new SealingException(SealingException.Reason.ALREADY_SUMMARIZED, path + " exists without its"
                    + " verification summary and is not the Test Result this cycle's outcomes give"
                    + (opened.problems().isEmpty() ? "" : " (" + String.join("; ", opened.problems()) + ")")
                    + "; it is never overwritten: move it aside to summarize again", SourceLocation.ofFile(path));
        }
        return Optional.of(bytes);
    }

    /**
     * Whether the cycle stands at {@code VALIDATED} or past it now: its last accepted transition went
     * into {@code VALIDATED}, {@code IMPROVE} or {@code COMPLETED}. A cycle that reached
     * {@code VALIDATED} and was then sent back ({@code validation_failed}) is not validated.
     */
    static boolean reachedValidated(List<RecordedEvent> history) {
        return history.stream().map(RecordedEvent::event).filter(e -> e.type() == EventType.STATE_TRANSITION)
                .reduce((first, second) -> second)
                .flatMap(e -> e.toState())
                .filter(state -> state == CycleState.VALIDATED || state == CycleState.IMPROVE
                        || state == CycleState.COMPLETED)
                .isPresent();
    }

    /** The envelope's bytes, checked to verify against {@code trust} before anything is written. */
    private static byte[] envelope(ObjectNode statement, List<? extends Signer> signers, TrustedKeys trust,
            String path) {
        ObjectNode envelope = Attestations.envelope(CanonicalForm.canonicalize(statement), signers);
        byte[] bytes;
        try {
            bytes = (JSON.writeValueAsString(envelope) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Attestations.Opened opened = Attestations.open(bytes, trust);
        if (!opened.problems().isEmpty()) {
            throw new SealingException(SealingException.Reason.CANNOT_SIGN, "the verification summary " + path
                    + " would not verify: " + String.join("; ", opened.problems()) + "; sign with a key of "
                    + trust.source(), SourceLocation.ofFile(path));
        }
        return bytes;
    }
}
