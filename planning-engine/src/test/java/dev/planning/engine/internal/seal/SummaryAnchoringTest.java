package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.signing.CanonicalForm;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What anchors a verification summary to the cycle, attacked: the JUnit reports the move into
 * {@code VALIDATED} judged (not the files on disk when summarizing), the {@code SUMMARIES_WRITTEN}
 * event (deleting or adding a summary file is seen), the bounds of {@code timeVerified}, and the policy
 * identified by its digest (not by where the rulebook lies).
 */
class SummaryAnchoringTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    private static final String TEST_RESULT = "frameworks/planning-fe/evidence/2025-09-02/test-result.intoto.json";
    private static final String SUMMARY = "frameworks/planning-fe/evidence/2025-09-02/verification-summary.intoto.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSING = """
            <testsuite name="dev.shop.CartTest" tests="2">
              <testcase classname="dev.shop.CartTest" name="addsItem"/>
              <testcase classname="dev.shop.CartTest" name="removesItem"/>
            </testsuite>
            """;

    /** The validated fixture workspace, prepared once per JVM and copied here. */
    @TempDir
    Path dir;

    /** The workspace: {@code dir/ws}. */
    private Path root;

    @TempDir
    Path reports;

    private PlanningWorkspace workspace;

    @BeforeEach
    void validatedCycleWithTestsImported() throws IOException {
        workspace = VerificationSummariesTest.validated("anchoring-validated", PASSING, dir);
        root = dir.resolve("ws");
    }

    @Test
    void aJUnitReportSwappedAfterTheMoveIntoValidatedIsRefusedAtItsFileAndNothingIsWritten() throws IOException {
        Path stored = storedReport();
        String path = LAYOUT.outcomesDir(CYCLE) + "/junit/" + stored.getFileName();
        // Different tests, all passing: what the summary would say is not what was judged.
        Files.writeString(stored, PASSING.replace("removesItem", "refundsOrder"), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(path + " changed after the move into VALIDATED judged it")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .hasValueSatisfying(l -> assertThat(l.file()).isEqualTo(path)));
        assertThat(root.resolve(TEST_RESULT)).doesNotExist();
        assertThat(root.resolve(SUMMARY)).doesNotExist();
    }

    @Test
    void anEvidenceFileWithADuplicateKeyIsRefusedRatherThanReadLastWins() throws IOException {
        String evidence = events(EventType.STATE_TRANSITION).stream().map(e -> e.event().details()
                .get("evidence.parity_coverage")).filter(Objects::nonNull).reduce((a, b) -> b).orElseThrow();
        Path file = root.resolve(evidence);
        // A reader that keeps the first "inputs" sees no JUnit report judged; Jackson's default keeps the last.
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\n  \"inputs\" : { },"));

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not JSON")
                .hasMessageContaining("Duplicate field 'inputs'");
        assertThat(root.resolve(TEST_RESULT)).doesNotExist();
    }

    @Test
    void aJUnitReportLinkedInAfterTheMoveIntoValidatedIsRefusedNotIgnored() throws IOException {
        Path failing = root.resolve("docs/TEST-PayTest.xml");
        Files.createDirectories(failing.getParent());
        Files.writeString(failing, PASSING.replace("CartTest", "PayTest").replace("name=\"addsItem\"/>",
                "name=\"addsItem\"><failure/></testcase>"), StandardCharsets.UTF_8);
        Files.createSymbolicLink(storedReport().resolveSibling("000000000000-TEST-PayTest.xml"), failing);

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("TEST-PayTest.xml was not judged");
        assertThat(root.resolve(TEST_RESULT)).doesNotExist();
    }

    @Test
    void aJudgedJUnitReportThatIsGoneIsRefused() throws IOException {
        Files.delete(storedReport());

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is gone");
        assertThat(root.resolve(TEST_RESULT)).doesNotExist();
    }

    @Test
    void aMoveIntoValidatedThatRanNoParityCoverageJudgedNothingAndIsNotSummarized(@TempDir Path other)
            throws IOException {
        CycleWorkspace.create(other, CYCLE.cycleId()); // its profile runs no gate at EXECUTED -> VALIDATED
        PlanningWorkspace ungated = CycleWorkspace.open(other, Instant.parse("2025-09-02T08:00:00Z"));
        ungated.create(CYCLE);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED)) {
            CycleWorkspace.advance(ungated, CYCLE, state);
        }
        ungated.importOutcomes(CYCLE, List.of(dir.resolve("reports/TEST-CartTest.xml"))); // the report the fixture imported
        assertThat(ungated.advance(CYCLE, CycleState.VALIDATED).accepted()).isTrue();

        assertThatThrownBy(() -> ungated.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ran no parity_coverage gate");
        assertThat(other.resolve(TEST_RESULT)).doesNotExist();
    }

    @Test
    void aJUnitReportImportedAfterTheMoveIntoValidatedIsRefused() throws IOException {
        Path extra = reports.resolve("TEST-PayTest.xml");
        Files.writeString(extra, PASSING.replace("CartTest", "PayTest"), StandardCharsets.UTF_8);
        workspace.importOutcomes(CYCLE, List.of(extra));

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("TEST-PayTest.xml was not judged");
        assertThat(root.resolve(TEST_RESULT)).doesNotExist();
    }

    @Test
    void aJUnitReportSwappedAfterSummarizingFailsVerifyNamingIt() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        Path stored = storedReport();
        Files.writeString(stored, PASSING.replace("removesItem", "refundsOrder"), StandardCharsets.UTF_8);

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .anySatisfy(d -> {
                    assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_MISMATCH);
                    assertThat(d.file()).isEqualTo(TEST_RESULT);
                    assertThat(d.message()).contains(stored.getFileName().toString(), "changed after the move into"
                            + " VALIDATED");
                });
    }

    @Test
    void summarizingRecordsBothFilesAndTheirDigestsInTheLog() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));

        RecordedEvent written = events(EventType.SUMMARIES_WRITTEN).get(0);
        assertThat(written.event().details())
                .containsEntry("test_result", TEST_RESULT)
                .containsEntry("test_result_sha256", Sha256.hex(Files.readAllBytes(root.resolve(TEST_RESULT))))
                .containsEntry("verification_summary", SUMMARY)
                .containsEntry("verification_summary_sha256", Sha256.hex(Files.readAllBytes(root.resolve(SUMMARY))));
        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies()).isEmpty();
    }

    @Test
    void deletingBothSummariesFailsVerifyAsMissing() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        Files.delete(root.resolve(TEST_RESULT));
        Files.delete(root.resolve(SUMMARY));

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .extracting(Discrepancy::kind, Discrepancy::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.SUMMARY_MISSING, TEST_RESULT),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.SUMMARY_MISSING, SUMMARY));
    }

    @Test
    void summariesWithoutTheirEventFailVerify() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        dropLastEvent(EventType.SUMMARIES_WRITTEN);

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .extracting(Discrepancy::kind, Discrepancy::file, d -> d.actual().orElseThrow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.SUMMARY_MISMATCH, TEST_RESULT, "no such event"),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.SUMMARY_MISMATCH, SUMMARY, "no such event"));
    }

    @Test
    void aRunThatStoppedBetweenTheFilesAndTheEventIsCompletedWithoutRewritingThem() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        byte[] testResult = Files.readAllBytes(root.resolve(TEST_RESULT));
        byte[] summary = Files.readAllBytes(root.resolve(SUMMARY));
        dropLastEvent(EventType.SUMMARIES_WRITTEN); // as if the process died after both files, before the event

        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));

        assertThat(Files.readAllBytes(root.resolve(TEST_RESULT))).isEqualTo(testResult);
        assertThat(Files.readAllBytes(root.resolve(SUMMARY))).isEqualTo(summary);
        assertThat(events(EventType.SUMMARIES_WRITTEN)).singleElement()
                .satisfies(e -> assertThat(e.event().details()).containsEntry("verification_summary_sha256",
                        Sha256.hex(summary)));
        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies()).isEmpty();
    }

    @Test
    void aRunThatStoppedBeforeTheEventIsNotCompletedOverAFileThatIsNotThisCyclesSummary() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        dropLastEvent(EventType.SUMMARIES_WRITTEN);
        ObjectNode statement = (ObjectNode) statement(SUMMARY);
        ((ObjectNode) statement.get("predicate")).put("verificationResult", "FAILED");
        Files.write(root.resolve(SUMMARY), JSON.writeValueAsBytes(
                Attestations.envelope(CanonicalForm.canonicalize(statement), List.of(CycleWorkspace.PM))));
        byte[] foreign = Files.readAllBytes(root.resolve(SUMMARY));

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining(SUMMARY + " exists without a SUMMARIES_WRITTEN event");
        assertThat(Files.readAllBytes(root.resolve(SUMMARY))).isEqualTo(foreign);
        assertThat(events(EventType.SUMMARIES_WRITTEN)).isEmpty();
    }

    @Test
    void aSummaryVerifiedBeforeTheMoveIntoValidatedFailsVerify() throws IOException {
        resignedWithTimeVerified("2000-01-01T00:00:00Z");

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .anySatisfy(d -> {
                    assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_MISMATCH);
                    assertThat(d.file()).isEqualTo(SUMMARY);
                    assertThat(d.actual()).hasValue("predicate.timeVerified 2000-01-01T00:00:00Z");
                    assertThat(d.expected()).hasValueSatisfying(e -> assertThat(e).startsWith(
                            "predicate.timeVerified within ["));
                });
    }

    @Test
    void aSummaryVerifiedAfterItsEventFailsVerify() throws IOException {
        resignedWithTimeVerified("2100-01-01T00:00:00Z");

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .anySatisfy(d -> assertThat(d.actual()).hasValue("predicate.timeVerified 2100-01-01T00:00:00Z"));
    }

    @Test
    void theWritersTimeVerifiedLiesBetweenTheMoveIntoValidatedAndItsEvent() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));

        Instant verified = Instant.parse(statement(SUMMARY).get("predicate").get("timeVerified").asText());
        Instant validated = events(EventType.STATE_TRANSITION).stream()
                .filter(e -> e.event().toState().filter(CycleState.VALIDATED::equals).isPresent())
                .reduce((a, b) -> b).orElseThrow().event().timestamp();
        Instant written = events(EventType.SUMMARIES_WRITTEN).get(0).event().timestamp();
        assertThat(verified).isAfterOrEqualTo(validated).isBeforeOrEqualTo(written);
    }

    @Test
    void refusesToSummarizeWithAClockBeforeTheMoveIntoValidated() {
        Instant validated = events(EventType.STATE_TRANSITION).stream()
                .filter(e -> e.event().toState().filter(CycleState.VALIDATED::equals).isPresent())
                .reduce((a, b) -> b).orElseThrow().event().timestamp();
        // A minute before the move: within the clock skew verification allows for the log's timestamps
        // (further back, the log lies in the verifier's future and verification refuses first).
        PlanningWorkspace late = Planning.builder().workspace(root)
                .clock(Clock.fixed(validated.minusSeconds(60), ZoneOffset.UTC))
                .trustedKeys(CycleWorkspace.TRUST).triggeredBy("test").build();

        assertThatThrownBy(() -> late.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(SealingException.class).hasMessageContaining("before the move into VALIDATED");
        assertThat(root.resolve(TEST_RESULT)).doesNotExist();
    }

    @Test
    void verifyingWithTheSameRulebookAtAnotherPathPasses(@TempDir Path elsewhere) throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        Path copy = WorkspaceCopies.copy(root.resolve("rulebook"), elsewhere.resolve("policies"));
        PlanningWorkspace moved = Planning.builder().workspace(root).rulebook(copy)
                .trustedKeys(CycleWorkspace.TRUST).build();
        assertThat(moved.rulebook().hash()).isEqualTo(workspace.rulebook().hash());

        assertThat(moved.verify(CYCLE, CycleWorkspace.TRUST).discrepancies()).isEmpty();
        assertThat(statement(SUMMARY).get("predicate").get("policy").get("uri").asText()).isEqualTo("rulebook");
    }

    @Test
    void aRulebookOutsideTheWorkspaceIsNamedByItsDigestNotByAPathOfThisMachine(@TempDir Path elsewhere)
            throws IOException {
        Path outside = elsewhere.resolve("policies");
        Files.createDirectories(outside);
        Files.copy(root.resolve("rulebook/rulebook.yaml"), outside.resolve("rulebook.yaml"));
        Rulebooks rulebook = new Rulebooks(outside);

        assertThat(Summaries.policyUri(root, rulebook.loaded())).isEqualTo("urn:planning:rulebook:sha256:"
                + rulebook.loaded().hash());
        assertThat(Summaries.policyUri(root, workspace.rulebook())).isEqualTo("rulebook");
    }

    /** The summaries written, then the VSA re-signed by the trusted key with another {@code timeVerified}. */
    private void resignedWithTimeVerified(String time) throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        ObjectNode statement = (ObjectNode) statement(SUMMARY);
        ((ObjectNode) statement.get("predicate")).put("timeVerified", time);
        Files.write(root.resolve(SUMMARY), JSON.writeValueAsBytes(
                Attestations.envelope(CanonicalForm.canonicalize(statement), List.of(CycleWorkspace.PM))));
    }

    private Path storedReport() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(LAYOUT.outcomesDir(CYCLE) + "/junit"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("TEST-CartTest.xml")).findFirst().orElseThrow();
        }
    }

    private List<RecordedEvent> events(EventType type) {
        return workspace.status(CYCLE).history().stream().filter(e -> e.event().type() == type).toList();
    }

    /** Removes the log's last line, which must be an event of {@code type}: a run that stopped before it. */
    private void dropLastEvent(EventType type) throws IOException {
        Path log = root.resolve(LAYOUT.eventLog(CYCLE));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).contains("\"" + type.name() + "\"");
        Files.write(log, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
    }

    private JsonNode statement(String path) throws IOException {
        JsonNode envelope = JSON.readTree(root.resolve(path).toFile());
        return JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
    }

    /** A rulebook loaded from a directory, as the builder loads it. */
    private record Rulebooks(Path directory) {
        dev.planning.api.rulebook.Rulebook loaded() {
            return Planning.builder().workspace(directory.getParent()).rulebook(directory).build().rulebook();
        }
    }
}
