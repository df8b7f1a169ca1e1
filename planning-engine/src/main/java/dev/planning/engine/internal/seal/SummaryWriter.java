package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.signing.CanonicalForm;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a {@code VALIDATED} cycle's verification summaries ({@link Summaries}), each in a DSSE
 * envelope ({@link Attestations#envelope}), next to its evidence, once, and records
 * {@code SUMMARIES_WRITTEN} with both files' paths and SHA-256: refused, with nothing written, when
 * the cycle never moved into {@code VALIDATED}, its log records the summaries written already, the
 * sealed manifest does not verify now against the trusted keys, the JUnit reports its move into
 * {@code VALIDATED} judged are not on disk as judged ({@link JudgedOutcomes}) or there are none, the
 * clock is before that move, or the envelopes would not verify against the trusted keys (no signer's
 * key is trusted). Each file is created atomically and never replaced.
 */
public final class SummaryWriter {

    /** The {@code SUMMARIES_WRITTEN} detail naming the Test Result file. */
    static final String TEST_RESULT = "test_result";
    /** The {@code SUMMARIES_WRITTEN} detail naming the verification summary file. */
    static final String VERIFICATION_SUMMARY = "verification_summary";
    /** The suffix of the detail holding a file's SHA-256. */
    static final String SHA256 = "_sha256";

    /** The discrepancies of the summaries themselves, which this writer judges (and completes) on its own. */
    private static final Set<DiscrepancyKind> SUMMARY_KINDS = EnumSet.of(DiscrepancyKind.SUMMARY_INVALID,
            DiscrepancyKind.SUMMARY_MISMATCH, DiscrepancyKind.SUMMARY_MISSING);

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
     * Writes both summaries, then records {@code SUMMARIES_WRITTEN} with each file's path and SHA-256
     * through {@code recorder}. A run that stopped after writing a file and before the event is
     * completed: each file it left is kept when it verifies against {@code trust} and states what
     * this run would (the VSA's {@code timeVerified} within [the move into {@code VALIDATED}, now]);
     * anything else in its place is refused and left as it is.
     *
     * @param status   the cycle's status (its history must hold an accepted move into {@code VALIDATED})
     * @param report   the cycle's manifest verified in full against {@code trust}, just now
     * @param url      the test run's page, recorded as the Test Result's {@code url}
     * @param recorder records {@code SUMMARIES_WRITTEN} with the details given, after the history of {@code status}
     */
    public VerificationSummaries write(CycleStatus status, VerificationReport report, List<? extends Signer> signers,
            Optional<URI> url, TrustedKeys trust, Function<Map<String, String>, RecordedEvent> recorder) {
        CycleRef cycle = status.cycle();
        if (!reachedValidated(status.history())) {
            throw new InvalidTransitionException(status.state(), CycleState.VALIDATED, "cycle " + cycle
                    + " is not validated (state " + status.state() + "): verification summaries are written for a cycle at"
                    + " VALIDATED or past it, not before, and not after its validation failed");
        }
        String testResultPath = Summaries.testResultPath(layout, cycle);
        String summaryPath = Summaries.verificationSummaryPath(layout, cycle);
        Optional<RecordedEvent> recorded = writtenEvent(status.history());
        if (recorded.isPresent()) {
            throw new SealingException(SealingException.Reason.ALREADY_SUMMARIZED, "the verification summaries of "
                    + cycle + " are written already (" + summaryPath + ", SUMMARIES_WRITTEN at line "
                    + recorded.get().line() + " of " + layout.eventLog(cycle) + "); they are never overwritten",
                    SourceLocation.ofFile(summaryPath));
        }
        List<Discrepancy> blocking = report.discrepancies().stream().filter(d -> !SUMMARY_KINDS.contains(d.kind()))
                .toList();
        if (!blocking.isEmpty()) {
            throw new SealingException(SealingException.Reason.SEAL_NOT_VERIFIED, "cannot summarize " + cycle
                    + ": the sealed manifest does not verify: " + blocking.get(0).describe()
                    + (blocking.size() > 1 ? " (and " + (blocking.size() - 1) + " more; run planning verify)" : ""),
                    SourceLocation.ofFile(report.manifest()));
        }
        JudgedOutcomes.Judged judged = JudgedOutcomes.read(workspace, layout, cycle, status.history());
        if (!judged.problems().isEmpty()) {
            JudgedOutcomes.Problem first = judged.problems().get(0);
            InvalidInputException refusal = first.toException();
            throw new InvalidInputException("cannot summarize " + cycle + ": the Test Result states the JUnit reports"
                    + " the move into VALIDATED judged, and " + refusal.getMessage()
                    + (judged.problems().size() > 1 ? " (and " + (judged.problems().size() - 1) + " more)" : "")
                    + "; restore what was judged, or send the cycle back and validate it again", first.location());
        }
        TestResults results = judged.results().orElseThrow();
        if (results.reports().isEmpty()) {
            throw new InvalidInputException("cycle " + cycle + " has no JUnit report judged by its move into VALIDATED"
                    + " to summarize: import the test results before validating (planning import ... TEST-*.xml)",
                    SourceLocation.ofFile(layout.outcomesDir(cycle)));
        }
        if (results.result().equals("FAILED")) {
            throw new SealingException(SealingException.Reason.GATES_FAILED, "cannot summarize " + cycle
                    + ": its imported test results hold failures (" + results.failed().size() + " failed), and a"
                    + " verification summary of it would say PASSED", SourceLocation.ofFile(layout.outcomesDir(cycle)));
        }
        Instant validatedAt = JudgedOutcomes.validatedMove(status.history()).orElseThrow().event().timestamp();
        Instant now = clock.instant();
        if (now.isBefore(validatedAt)) {
            throw new SealingException(SealingException.Reason.CANNOT_SIGN, "cannot summarize " + cycle + ": the clock"
                    + " says " + ManifestWriter.time(now) + ", before the move into VALIDATED at "
                    + ManifestWriter.time(validatedAt) + ", and timeVerified may not precede what it verifies",
                    SourceLocation.ofFile(layout.eventLog(cycle)));
        }
        String manifestPath = layout.manifest(cycle);
        HandoffManifest manifest = new ManifestReader(workspace).read(SafePaths.resolve(workspace, manifestPath),
                manifestPath).manifest();
        ObjectNode testResultStatement = Summaries.testResult(manifest, manifestPath, results, url);
        Optional<byte[]> written = writtenBefore(testResultPath, testResultStatement, trust, Optional.empty());
        byte[] testResult = written.orElseGet(() -> envelope(testResultStatement, signers, trust, testResultPath));
        String policyUri = Summaries.policyUri(workspace, rulebook);
        ObjectNode summaryStatement = Summaries.verificationSummary(manifest, manifestPath, policyUri, testResultPath,
                Sha256.hex(testResult), now);
        Optional<byte[]> writtenSummary = written.isEmpty() ? Optional.empty()
                : writtenBefore(summaryPath, summaryStatement, trust, Optional.of(new Instant[] {validatedAt, now}));
        byte[] summary = writtenSummary.orElseGet(() -> envelope(summaryStatement, signers, trust, summaryPath));
        if (written.isEmpty()) {
            if (Files.exists(SafePaths.resolve(workspace, summaryPath), LinkOption.NOFOLLOW_LINKS)) {
                throw new SealingException(SealingException.Reason.ALREADY_SUMMARIZED, summaryPath + " exists without"
                        + " its Test Result " + testResultPath + " and without a SUMMARIES_WRITTEN event; it is never"
                        + " overwritten: move it aside to summarize again", SourceLocation.ofFile(summaryPath));
            }
            AtomicFiles.writeNew(SafePaths.resolve(workspace, testResultPath), testResult);
        }
        if (writtenSummary.isEmpty()) {
            AtomicFiles.writeNew(SafePaths.resolve(workspace, summaryPath), summary);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("manifest_id", manifest.manifestId());
        details.put(TEST_RESULT, testResultPath);
        details.put(TEST_RESULT + SHA256, Sha256.hex(testResult));
        details.put(VERIFICATION_SUMMARY, summaryPath);
        details.put(VERIFICATION_SUMMARY + SHA256, Sha256.hex(summary));
        recorder.apply(details);
        return new VerificationSummaries(testResultPath, summaryPath, results.result(), "PASSED",
                results.passed().size(), results.warned().size(), results.failed().size(), signers.size());
    }

    /** The cycle's {@code SUMMARIES_WRITTEN} event, the last if (wrongly) several. */
    static Optional<RecordedEvent> writtenEvent(List<RecordedEvent> history) {
        return history.stream().filter(e -> e.event().type() == EventType.SUMMARIES_WRITTEN)
                .reduce((first, second) -> second);
    }

    /**
     * The Test Result an earlier run wrote before it stopped short of the verification summary
     * (the two files are written one after the other): kept, never replaced, when it verifies against
     * {@code trust} and states exactly what this run would; any other file in its place is refused.
     */
    private Optional<byte[]> writtenBefore(String path, ObjectNode statement, TrustedKeys trust,
            Optional<Instant[]> timeVerifiedWithin) {
        Path file = SafePaths.resolve(workspace, path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            // Bounded as verify reads summaries: the file there is anyone's who commits, of any size.
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) > SummaryCheck.MAX_BYTES) {
                throw new IOException("it is over " + (SummaryCheck.MAX_BYTES >> 20) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SealingException(SealingException.Reason.ALREADY_SUMMARIZED, "cannot read " + Shown.path(path)
                    + ", which an earlier summary left: " + Shown.why(e), SourceLocation.ofFile(path));
        }
        Attestations.Opened opened = Attestations.open(bytes, trust);
        boolean same = opened.problems().isEmpty() && opened.statement()
                .map(found -> Arrays.equals(CanonicalForm.canonicalize(found),
                        CanonicalForm.canonicalize(timeVerifiedWithin.isEmpty() ? statement
                                : asWritten(statement, found, timeVerifiedWithin.get()))))
                .orElse(false);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !same) {
            throw new SealingException(SealingException.Reason.ALREADY_SUMMARIZED, path + " exists without a"
                    + " SUMMARIES_WRITTEN event and is not the " + (timeVerifiedWithin.isEmpty() ? "Test Result"
                            : "verification summary") + " this cycle's judged outcomes give"
                    + (opened.problems().isEmpty() ? "" : " (" + String.join("; ", opened.problems()) + ")")
                    + "; it is never overwritten: move it aside to summarize again", SourceLocation.ofFile(path));
        }
        return Optional.of(bytes);
    }

    /**
     * The statement expected of a verification summary an earlier run wrote: its {@code timeVerified}
     * and {@code policy.uri} as found when the time lies within {@code bounds} (the move into
     * {@code VALIDATED}, now) and the uri is a non-empty string; otherwise as this run would write them.
     */
    private static ObjectNode asWritten(ObjectNode statement, JsonNode found, Instant[] bounds) {
        ObjectNode expected = statement.deepCopy();
        ObjectNode predicate = (ObjectNode) expected.get("predicate");
        JsonNode time = found.path("predicate").path("timeVerified");
        try {
            Instant at = Instant.parse(time.asText(""));
            if (!at.isBefore(bounds[0]) && !at.isAfter(bounds[1])) {
                predicate.set("timeVerified", time);
            }
        } catch (DateTimeParseException e) {
            // Not a time: the statement differs, and the file is refused.
        }
        JsonNode uri = found.path("predicate").path("policy").path("uri");
        if (uri.isTextual() && !uri.textValue().isEmpty()) {
            ((ObjectNode) predicate.get("policy")).set("uri", uri);
        }
        return expected;
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
            throw new SealingException(SealingException.Reason.CANNOT_SIGN, "the verification summary " + Shown.path(path)
                    + " would not verify: " + String.join("; ", opened.problems()) + "; sign with a key of "
                    + trust.source(), SourceLocation.ofFile(path));
        }
        return bytes;
    }
}
