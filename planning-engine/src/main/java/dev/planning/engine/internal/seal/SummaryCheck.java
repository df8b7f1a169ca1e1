package dev.planning.engine.internal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a cycle's verification summaries. The cycle's {@code SUMMARIES_WRITTEN} event anchors them:
 * with one, each file it records must be there ({@code SUMMARY_MISSING}) with the SHA-256 it records
 * ({@code SUMMARY_MISMATCH}); without one, a summary file that is there is a {@code SUMMARY_MISMATCH}.
 * Each file present is a DSSE envelope that verifies with a trusted key ({@link Attestations#open};
 * {@code SUMMARY_INVALID} otherwise), and its statement is what {@link Summaries} builds from the
 * sealed manifest, the rulebook hash it records, the JUnit reports the move into {@code VALIDATED}
 * judged ({@link JudgedOutcomes}) and the event log, field by field ({@code SUMMARY_MISMATCH} naming
 * the field otherwise). What the statement may differ in: the Test Result's {@code url} (any absolute
 * URI), the VSA's {@code policy.uri} (any non-empty string: the policy is its digest, and a checkout
 * may keep the rulebook elsewhere), its {@code timeVerified} (any timestamp within [the move into
 * {@code VALIDATED}, the {@code SUMMARIES_WRITTEN} event]) and its input attestations, which may name
 * fewer of the manifest's signatures than it has now (a signature added after summarizing), but only
 * signatures it has.
 */
final class SummaryCheck {

    static final long MAX_BYTES = 32L * 1024 * 1024;

    /** The Test Result attestation ({@code test-result.intoto.json}), in words. */
    private static final String TEST_RESULT_FILE = "test result attestation";

    /** The verification summary attestation ({@code verification-summary.intoto.json}), in words. */
    private static final String SUMMARY_FILE = "verification summary";

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final EventStore events;

    SummaryCheck(Path workspace, WorkspaceLayout layout, EventStore events) {
        this.workspace = workspace;
        this.layout = layout;
        this.events = events;
    }

    /**
     * The discrepancies of the cycle's summaries; notes say which were checked.
     *
     * @param given the cycle's history when the caller read it already (it is read otherwise)
     */
    List<Discrepancy> check(HandoffManifest manifest, CycleRef cycle, TrustedKeys trust, List<String> notes,
            Optional<List<RecordedEvent>> given) {
        List<Discrepancy> found = new ArrayList<>();
        String testResultPath = Summaries.testResultPath(layout, cycle);
        String summaryPath = Summaries.verificationSummaryPath(layout, cycle);
        List<RecordedEvent> history;
        try {
            history = given.isPresent() ? given.get() : events.read(cycle);
        } catch (UnreadableInputException | SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            // The log's own damage is reported by the seal event check; no summary can be anchored in it.
            history = List.of();
        }
        Optional<byte[]> testResult = read(testResultPath, found);
        Optional<byte[]> summary = read(summaryPath, found);
        Optional<RecordedEvent> written = recorded(history, cycle, testResultPath, summaryPath, testResult, summary,
                found);
        String manifestPath = layout.manifest(cycle);
        List<RecordedEvent> log = history;
        testResult.flatMap(bytes -> open(testResultPath, bytes, trust, found, notes)).ifPresent(statement ->
                compare(testResultPath, statement, expectedTestResult(manifest, manifestPath, cycle, statement,
                        testResultPath, log, found), found));
        summary.flatMap(bytes -> open(summaryPath, bytes, trust, found, notes)).ifPresent(statement -> {
            if (testResult.isEmpty()) {
                found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, summaryPath, testResultPath, "no file",
                        "the verification summary names a test result attestation that does not exist"));
                return;
            }
            compareSummary(summaryPath, statement, manifest, manifestPath, cycle, testResultPath,
                    Sha256.hex(testResult.get()), log, written, found);
        });
        return found;
    }

    /**
     * The summaries against the cycle's {@code SUMMARIES_WRITTEN} event: with one, each file it names
     * must be there ({@code SUMMARY_MISSING}) with the SHA-256 it records ({@code SUMMARY_MISMATCH});
     * without one, a summary file that is there is not anchored in the log ({@code SUMMARY_MISMATCH}).
     */
    private Optional<RecordedEvent> recorded(List<RecordedEvent> history, CycleRef cycle, String testResultPath,
            String summaryPath, Optional<byte[]> testResult, Optional<byte[]> summary, List<Discrepancy> found) {
        List<RecordedEvent> events = history.stream()
                .filter(e -> e.event().type() == EventType.SUMMARIES_WRITTEN).toList();
        String log = layout.eventLog(cycle);
        if (events.isEmpty()) {
            for (String path : List.of(testResultPath, summaryPath)) {
                if (present(path)) {
                    found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, "a SUMMARIES_WRITTEN event in "
                            + log + " recording this file", "no such event", "the " + (path.equals(testResultPath)
                                    ? TEST_RESULT_FILE : SUMMARY_FILE) + " is not recorded in the event log: written outside planning, or by a run that stopped before"
                            + " recording it (planning attest --summaries completes such a run)"));
                }
            }
            return Optional.empty();
        }
        if (events.size() > 1) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, log, "one SUMMARIES_WRITTEN event", events.size()
                    + " (lines " + events.stream().map(e -> String.valueOf(e.line())).collect(Collectors.joining(", "))
                    + ")", "the verification summaries are written once"));
        }
        RecordedEvent event = events.get(events.size() - 1);
        anchored(event, SummaryWriter.TEST_RESULT, TEST_RESULT_FILE, testResultPath, testResult, log, found);
        anchored(event, SummaryWriter.VERIFICATION_SUMMARY, SUMMARY_FILE, summaryPath, summary, log, found);
        return Optional.of(event);
    }

    /**
     * One of the two files the {@code SUMMARIES_WRITTEN} event anchors.
     *
     * @param what the file in words ({@link #TEST_RESULT_FILE}, {@link #SUMMARY_FILE}), so that a message
     *             names the file that changed
     */
    private void anchored(RecordedEvent event, String detail, String what, String path, Optional<byte[]> bytes,
            String log, List<Discrepancy> found) {
        Map<String, String> details = event.event().details();
        String where = "SUMMARIES_WRITTEN at line " + event.line() + " of " + log;
        if (!path.equals(details.get(detail))) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, detail + " " + path, detail + " "
                    + details.getOrDefault(detail, "(absent)"), "the " + where + " names another file"));
        }
        String sha256 = details.getOrDefault(detail + SummaryWriter.SHA256, "(absent)");
        if (!present(path)) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISSING, path, "sha256 " + sha256, "no file",
                    "the " + what + " recorded by " + where + " is missing"));
        } else if (bytes.isPresent() && !Sha256.hex(bytes.get()).equals(sha256)) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, "sha256 " + sha256, "sha256 "
                    + Sha256.hex(bytes.get()), "the " + what + " " + path + " is not the file recorded by " + where
                            + ": it changed after it was written (expected the SHA-256 recorded there)"));
        }
    }

    /** What cannot be done without a summary file that cannot be examined. */
    private static final String WITHOUT = "verify cannot tell whether the verification summaries are there";

    /**
     * Whether something is at {@code path} (a link counts); refused, naming it, when it cannot be
     * examined (a directory above it that may not be searched), never taken for absent.
     */
    private boolean present(String path) {
        return DirectoryEntries.attributes(workspace, SafePaths.resolve(workspace, path), WITHOUT,
                LinkOption.NOFOLLOW_LINKS).isPresent();
    }

    private Optional<byte[]> read(String path, List<Discrepancy> found) {
        Path file = SafePaths.resolve(workspace, path);
        if (DirectoryEntries.attributes(workspace, file, WITHOUT).isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_INVALID, path, "a regular file of at most "
                        + MAX_BYTES + " bytes", "not one", "the verification summary cannot be read"));
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // gone since it was examined
        } catch (IOException e) {
            // There, but not readable: the user's to fix, not a summary that does not hold.
            throw DirectoryEntries.cannotRead(workspace, file, "verify cannot check the verification summaries without it", e);
        }
    }

    private static Optional<JsonNode> open(String path, byte[] bytes, TrustedKeys trust, List<Discrepancy> found,
            List<String> notes) {
        Attestations.Opened opened = Attestations.open(bytes, trust);
        opened.problems().forEach(problem -> found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_INVALID, path,
                "the DSSE envelope cannot be trusted: " + problem)));
        if (opened.problems().isEmpty()) {
            notes.add("verification summary " + path + " verifies, signed by trusted key(s) "
                    + String.join(", ", opened.signedBy()) + (opened.ignored().isEmpty() ? ""
                            : "; signatures by untrusted keys ignored: " + String.join(", ", opened.ignored())));
        }
        return opened.problems().isEmpty() ? opened.statement() : Optional.empty();
    }

    private ObjectNode expectedTestResult(HandoffManifest manifest, String manifestPath, CycleRef cycle,
            JsonNode statement, String path, List<RecordedEvent> history, List<Discrepancy> found) {
        JudgedOutcomes.Judged judged;
        try {
            judged = JudgedOutcomes.read(workspace, layout, cycle, history);
        } catch (UnreadableInputException | SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, "the judged outcomes it states cannot be"
                    + " read: " + e.describe()));
            return null;
        }
        for (JudgedOutcomes.Problem problem : judged.problems()) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, problem.expected().orElse("the JUnit"
                    + " reports the move into VALIDATED judged"), problem.actual().orElse("not available"),
                    "the Test Result states what the move into VALIDATED judged, and " + problem.location() + ": "
                            + problem.message()));
        }
        if (judged.results().isEmpty()) {
            return null;
        }
        TestResults results = judged.results().get();
        JsonNode url = statement.path("predicate").path("url");
        Optional<URI> given = Optional.empty();
        if (url.isTextual() && absoluteUri(url.textValue())) {
            given = Optional.of(URI.create(url.textValue()));
        } else if (!url.isMissingNode()) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, "predicate.url: an absolute URI",
                    shorten(url.toString()), "the test run's url is not an absolute URI"));
        }
        ObjectNode expected = Summaries.testResult(manifest, manifestPath, results, given);
        if (!given.isPresent() && !url.isMissingNode()) {
            ((ObjectNode) expected.get("predicate")).set("url", url);
        }
        return expected;
    }

    private void compareSummary(String path, JsonNode statement, HandoffManifest manifest, String manifestPath,
            CycleRef cycle, String testResultPath, String testResultSha256, List<RecordedEvent> history,
            Optional<RecordedEvent> written, List<Discrepancy> found) {
        JsonNode time = statement.path("predicate").path("timeVerified");
        Instant timeVerified;
        try {
            timeVerified = Instant.parse(time.asText(""));
        } catch (DateTimeParseException e) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, "predicate.timeVerified: an RFC 3339 UTC"
                    + " timestamp", shorten(time.toString()), "the time of verification is not a timestamp"));
            return;
        }
        // The policy is identified by its digest (the rulebook hash); its uri only says where the writer
        // found the rulebook, which another checkout may keep elsewhere: any non-empty string is taken.
        JsonNode uri = statement.path("predicate").path("policy").path("uri");
        String policyUri = uri.isTextual() && !uri.textValue().isEmpty() ? uri.textValue() : "a non-empty string";
        ObjectNode expected = Summaries.verificationSummary(manifest, manifestPath, policyUri, testResultPath,
                testResultSha256, timeVerified);
        ObjectNode predicate = (ObjectNode) expected.get("predicate");
        // The timestamp is compared as the instant it states, not as text, and within its bounds.
        predicate.set("timeVerified", time);
        Optional<Instant> validatedAt = JudgedOutcomes.validatedMove(history).map(e -> e.event().timestamp());
        Optional<Instant> writtenAt = written.map(e -> e.event().timestamp());
        if (validatedAt.filter(timeVerified::isBefore).isPresent()
                || writtenAt.filter(timeVerified::isAfter).isPresent()) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, "predicate.timeVerified within ["
                    + validatedAt.map(ManifestWriter::time).orElse("-") + ", "
                    + writtenAt.map(ManifestWriter::time).orElse("-") + "]", "predicate.timeVerified "
                    + ManifestWriter.time(timeVerified), "the summary says it verified the cycle before its move into"
                    + " VALIDATED or after the SUMMARIES_WRITTEN event recorded it"));
        }
        boolean validated = SummaryWriter.reachedValidated(history);
        if (!validated) {
            found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, "verificationResult: no PASSED summary",
                    "verificationResult " + statement.path("predicate").path("verificationResult"), "the event log of "
                            + cycle + " does not stand at VALIDATED or past it (never reached, or sent back since),"
                            + " so no verification can have passed it"));
        }
        JsonNode inputs = statement.path("predicate").path("inputAttestations");
        if (inputs.isArray() && inputs.size() >= 3) {
            inputs(path, (ArrayNode) predicate.get("inputAttestations"), inputs, found);
            // Checked entry by entry above; the field-by-field comparison below skips it.
            predicate.set("inputAttestations", inputs);
        }
        compare(path, statement, expected, found);
    }

    /**
     * The stated input attestations: the manifest as sealed first, the Test Result envelope as it is
     * now last, and between them signatures of the manifest, each at most once (fewer than it has now
     * when a signature was added after summarizing).
     */
    private static void inputs(String path, ArrayNode expected, JsonNode actual, List<Discrepancy> found) {
        int last = actual.size() - 1;
        if (!actual.get(0).equals(expected.get(0))) {
            found.add(mismatch(path, "predicate.inputAttestations[0]", expected.get(0), actual.get(0),
                    "the handoff manifest the summary names is not the sealed one"));
        }
        if (!actual.get(last).equals(expected.get(expected.size() - 1))) {
            found.add(mismatch(path, "predicate.inputAttestations[" + last + "]", expected.get(expected.size() - 1),
                    actual.get(last), "the test result attestation the summary names is not the one beside it:"
                            + " it changed after the summary was signed"));
        }
        Set<JsonNode> signatures = new HashSet<>();
        for (int i = 1; i < expected.size() - 1; i++) {
            signatures.add(expected.get(i));
        }
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 1; i < last; i++) {
            if (!signatures.contains(actual.get(i)) || !seen.add(actual.get(i))) {
                found.add(Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, "predicate.inputAttestations[" + i
                        + "]: a signature of the manifest, named once", shorten(actual.get(i).toString()),
                        "the summary names a signature the sealed manifest does not carry"));
            }
        }
    }

    private static Discrepancy mismatch(String path, String field, JsonNode expected, JsonNode actual, String message) {
        return Discrepancy.of(DiscrepancyKind.SUMMARY_MISMATCH, path, field + " " + describe(expected),
                field + " " + describe(actual), message);
    }

    /** One {@code SUMMARY_MISMATCH} per statement field (and predicate field) that differs. */
    private static void compare(String path, JsonNode actual, ObjectNode expected, List<Discrepancy> found) {
        if (expected == null) {
            return;
        }
        Set<String> fields = new LinkedHashSet<>();
        expected.fieldNames().forEachRemaining(fields::add);
        actual.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            if (field.equals("predicate") && actual.path(field).isObject()) {
                Set<String> inner = new LinkedHashSet<>();
                expected.get(field).fieldNames().forEachRemaining(inner::add);
                actual.get(field).fieldNames().forEachRemaining(inner::add);
                for (String name : inner) {
                    differ(path, "predicate." + name, expected.get(field).path(name), actual.get(field).path(name),
                            found);
                }
            } else {
                differ(path, field, expected.path(field), actual.path(field), found);
            }
        }
    }

    private static void differ(String path, String field, JsonNode expected, JsonNode actual, List<Discrepancy> found) {
        if (!expected.equals(actual)) {
            found.add(mismatch(path, field, expected, actual, "the signed summary's " + field + " is not what the"
                    + " sealed manifest, the rulebook hash, the imported outcomes and the event log give"));
        }
    }

    private static String describe(JsonNode node) {
        return node.isMissingNode() ? "(absent)" : shorten(node.toString());
    }

    private static boolean absoluteUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String shorten(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
