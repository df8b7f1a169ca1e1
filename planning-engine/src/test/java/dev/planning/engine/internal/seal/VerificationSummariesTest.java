package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.planning.api.InvalidInputException;
import dev.planning.api.InvalidTransitionException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.fixtures.PreparedCopies;
import dev.planning.engine.fixtures.TestClock;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.Attestations;
import dev.planning.engine.internal.signing.CanonicalForm;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.PemSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verification summaries written at {@code VALIDATED} (in-toto Test Result and SLSA VSA, both
 * DSSE-signed) and what {@code verify} makes of them, forged ones included: the adversary can write
 * any file of the workspace but holds no trusted key.
 */
class VerificationSummariesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    private static final String TEST_RESULT = "frameworks/planning-fe/evidence/2025-09-02/test-result.intoto.json";
    private static final String SUMMARY = "frameworks/planning-fe/evidence/2025-09-02/verification-summary.intoto.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JUNIT = """
            <testsuite name="dev.shop.CartTest" tests="3">
              <testcase classname="dev.shop.CartTest" name="addsItem"/>
              <testcase classname="dev.shop.CartTest" name="removesItem"/>
              <testcase classname="dev.shop.CartTest" name="appliesVoucher"><skipped/></testcase>
            </testsuite>
            """;

    /** The validated fixture workspaces, prepared once per JVM and copied here. */
    @TempDir
    Path dir;

    /** The workspace: {@code dir/ws}. */
    private Path root;

    @TempDir
    Path reports;

    private PlanningWorkspace workspace;

    /**
     * The fixture's rulebook, with {@code parity_coverage} at {@code EXECUTED -> VALIDATED}: its evidence
     * records the outcome files that move judged, which the Test Result states.
     */
    static final String RULEBOOK = CycleWorkspace.RULEBOOK.replace(
            "    - {transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint]}\n",
            "    - {transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint]}\n"
                    + "    - {transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage]}\n");

    /** A fixture workspace whose move into VALIDATED runs parity_coverage. */
    static void create(Path root) {
        CycleWorkspace.create(root, CYCLE.cycleId());
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), RULEBOOK);
    }

    @BeforeEach
    void validatedCycleWithTestsImported() throws IOException {
        assertThat(RULEBOOK).contains("EXECUTED->VALIDATED");
        workspace = validated("summaries-validated", JUNIT, dir);
        root = dir.resolve("ws");
    }

    /**
     * The fixture workspace ({@link #create}) in {@code dir/ws}, committed, its clock starting at
     * 2025-09-02T08:00Z and ticking one hour per reading, advanced to EXECUTED (the PM signing the
     * handoff), {@code junit} imported as {@code TEST-CartTest.xml}, and advanced to VALIDATED. The
     * steps run once per test JVM under {@code name} ({@link PreparedCopies}); each caller gets its
     * own copy, whose clock goes on from where the prepared one stopped.
     */
    static PlanningWorkspace validated(String name, String junit, Path dir) throws IOException {
        Instant start = Instant.parse("2025-09-02T08:00:00Z");
        Path copy = PreparedCopies.copy(name, template -> {
            try {
                Path ws = template.resolve("ws");
                create(ws);
                GitFixture.commitAll(ws, "plan");
                TestClock clock = TestClock.hourly(start);
                PlanningWorkspace workspace = CycleWorkspace.open(ws, clock, List.of());
                workspace.create(CYCLE);
                for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED)) {
                    assertThat(CycleWorkspace.advance(workspace, CYCLE, state).accepted()).as(state.name()).isTrue();
                }
                Path report = template.resolve("reports/TEST-CartTest.xml");
                Files.createDirectories(report.getParent());
                Files.writeString(report, junit, StandardCharsets.UTF_8);
                workspace.importOutcomes(CYCLE, List.of(report));
                assertThat(workspace.advance(CYCLE, CycleState.VALIDATED).accepted()).isTrue();
                Files.writeString(template.resolve("clock-readings"), Long.toString(clock.readings()),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, dir);
        long readings = Long.parseLong(Files.readString(copy.resolve("clock-readings"), StandardCharsets.UTF_8));
        return CycleWorkspace.open(copy.resolve("ws"), TestClock.hourly(start.plusSeconds(3600 * readings)),
                List.of());
    }

    @Test
    void writesBothSignedSummariesOnceAndVerifyChecksThem() throws IOException {
        VerificationSummaries written = workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));

        assertThat(written).isEqualTo(new VerificationSummaries(TEST_RESULT, SUMMARY, "WARNED", "PASSED", 2, 1, 0, 1));
        byte[] before = Files.readAllBytes(root.resolve(SUMMARY));
        VerificationReport report = workspace.verify(CYCLE, CycleWorkspace.TRUST);
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains(TEST_RESULT).contains(CycleWorkspace.PM.keyId()))
                .anySatisfy(n -> assertThat(n).contains(SUMMARY));
        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(SealingException.class)
                .satisfies(e -> assertThat(((SealingException) e).reason()).isEqualTo(SealingException.Reason.ALREADY_SUMMARIZED));
        assertThat(Files.readAllBytes(root.resolve(SUMMARY))).isEqualTo(before);
    }

    /**
     * Seventh review (2026-12-04): a file of 3 GiB committed where the Test Result goes was read whole
     * before it was judged, ending {@code summarize} with an {@code OutOfMemoryError}; it is refused
     * unread now, as any other file there is.
     */
    @Test
    void aHugeFileWhereTheTestResultGoesIsRefusedUnread() throws IOException {
        Path file = root.resolve(TEST_RESULT);
        Files.createDirectories(file.getParent());
        try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
            huge.setLength(3L << 30); // sparse: no disk, but a 3 GiB file to whoever reads it
        }

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(SealingException.class)
                .satisfies(e -> assertThat(((SealingException) e).reason()).isEqualTo(SealingException.Reason.ALREADY_SUMMARIZED));
    }

    @Test
    void aRunThatStoppedBetweenTheTwoFilesIsCompletedAndTheTestResultKept() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        byte[] testResult = Files.readAllBytes(root.resolve(TEST_RESULT));
        // As if the process died before the second write (and so before the event).
        Files.delete(root.resolve(SUMMARY));
        dropLastEvent(EventType.SUMMARIES_WRITTEN);

        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));

        assertThat(Files.readAllBytes(root.resolve(TEST_RESULT))).isEqualTo(testResult);
        assertThat(root.resolve(SUMMARY)).exists();
        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies()).isEmpty();
    }

    @Test
    void aTestResultLeftWithoutItsSummaryThatIsNotThisCyclesIsRefusedAndKept() throws IOException {
        Path left = root.resolve(TEST_RESULT);
        Files.createDirectories(left.getParent());
        Files.writeString(left, "{\"payloadType\": \"application/vnd.in-toto+json\"}\n", StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(left);

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining(TEST_RESULT);
        assertThat(Files.readAllBytes(left)).isEqualTo(before);
        assertThat(root.resolve(SUMMARY)).doesNotExist();
    }

    @Test
    void theTestResultStatesEachImportedTestByNameAndTheReportItCameFrom() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM), URI.create("https://ci.example.org/runs/42"));

        JsonNode statement = statement(TEST_RESULT);
        JsonNode predicate = statement.get("predicate");
        assertThat(statement.get("predicateType").asText()).isEqualTo("https://in-toto.io/attestation/test-result/v0.1");
        assertThat(predicate.get("result").asText()).isEqualTo("WARNED");
        assertThat(predicate.get("url").asText()).isEqualTo("https://ci.example.org/runs/42");
        assertThat(texts(predicate.get("passedTests"))).containsExactly("dev.shop.CartTest.addsItem",
                "dev.shop.CartTest.removesItem");
        assertThat(texts(predicate.get("warnedTests"))).containsExactly("dev.shop.CartTest.appliesVoucher");
        assertThat(predicate.get("failedTests")).isEmpty();
        JsonNode configuration = predicate.get("configuration").get(0);
        String stored = configuration.get("name").asText();
        assertThat(stored).startsWith(LAYOUT.outcomesDir(CYCLE) + "/");
        assertThat(configuration.get("digest").get("sha256").asText())
                .isEqualTo(dev.planning.engine.internal.hash.Sha256.hex(JUNIT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theVsaNamesTheRulebookHashAsPolicyAndTheSealedManifestAndItsSignaturesAsInputs() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));

        JsonNode statement = statement(SUMMARY);
        JsonNode predicate = statement.get("predicate");
        assertThat(statement.get("predicateType").asText()).isEqualTo("https://slsa.dev/verification_summary/v1");
        assertThat(predicate.get("policy").get("digest").get("sha256").asText()).isEqualTo(workspace.rulebook().hash());
        assertThat(predicate.get("policy").get("uri").asText()).isEqualTo("rulebook");
        assertThat(predicate.get("verifier").get("id").asText()).isEqualTo(Summaries.VERIFIER_ID);
        assertThat(predicate.get("verificationResult").asText()).isEqualTo("PASSED");
        assertThat(texts(predicate.get("verifiedLevels"))).containsExactly(Summaries.LEVEL);
        String sealed = workspace.status(CYCLE).history().stream().filter(e -> e.event().type() == EventType.MANIFEST_SEALED)
                .findFirst().orElseThrow().event().details().get("manifest_sha256");
        assertThat(statement.get("subject").get(0).get("name").asText()).isEqualTo(LAYOUT.manifest(CYCLE));
        assertThat(statement.get("subject").get(0).get("digest").get("sha256").asText()).isEqualTo(sealed);
        assertThat(statement.get("subject")).hasSize(1 + workspace.manifest(CYCLE).orElseThrow().artifacts().size());
        JsonNode inputs = predicate.get("inputAttestations");
        assertThat(inputs).hasSize(3);
        byte[] signature = Base64.getDecoder().decode(workspace.manifest(CYCLE).orElseThrow().signatures().get(0).value());
        assertThat(inputs.get(1).get("digest").get("sha256").asText())
                .isEqualTo(dev.planning.engine.internal.hash.Sha256.hex(signature));
        assertThat(inputs.get(2).get("digest").get("sha256").asText())
                .isEqualTo(dev.planning.engine.internal.hash.Sha256.hex(Files.readAllBytes(root.resolve(TEST_RESULT))));
    }

    @Test
    void bothEnvelopesAndStatementsHaveTheShapesOfDsseInTotoTestResultAndSlsaVsa() throws Exception {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM), URI.create("https://ci.example.org/runs/42"));

        for (String path : List.of(TEST_RESULT, SUMMARY)) {
            assertThat(schema("dsse-envelope").validate(JSON.readTree(root.resolve(path).toFile()))).as(path).isEmpty();
        }
        assertThat(schema("test-result-statement").validate(statement(TEST_RESULT))).isEmpty();
        assertThat(schema("verification-summary-statement").validate(statement(SUMMARY))).isEmpty();
        ObjectNode broken = (ObjectNode) statement(SUMMARY).deepCopy();
        ((ObjectNode) broken.get("predicate")).put("verificationResult", "OK");
        assertThat(schema("verification-summary-statement").validate(broken)).isNotEmpty();
    }

    @Test
    void aStatementAlteredWithoutAKeyFailsVerifyAtItsFile() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        ObjectNode envelope = (ObjectNode) JSON.readTree(root.resolve(TEST_RESULT).toFile());
        ObjectNode statement = (ObjectNode) statement(TEST_RESULT);
        ((ObjectNode) statement.get("predicate")).put("result", "PASSED").putArray("warnedTests");
        envelope.put("payload", Base64.getEncoder().encodeToString(CanonicalForm.canonicalize(statement)));
        Files.write(root.resolve(TEST_RESULT), JSON.writeValueAsBytes(envelope));

        List<Discrepancy> found = workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies();

        assertThat(found).hasSize(3);
        // The SUMMARIES_WRITTEN event recorded another file.
        assertThat(found.get(0)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_MISMATCH);
            assertThat(d.file()).isEqualTo(TEST_RESULT);
            assertThat(d.message()).contains("not the file recorded by SUMMARIES_WRITTEN");
        });
        assertThat(found.get(1)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_INVALID);
            assertThat(d.file()).isEqualTo(TEST_RESULT);
            assertThat(d.message()).contains("does not verify");
        });
        // The VSA names the test result by digest: it sees the change too.
        assertThat(found.get(2)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_MISMATCH);
            assertThat(d.file()).isEqualTo(SUMMARY);
            assertThat(d.message()).contains("test result attestation").contains("changed after");
        });
    }

    @Test
    void aStatementForgedWithTheAdversarysOwnKeyFailsVerify() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        ObjectNode statement = (ObjectNode) statement(SUMMARY);
        ((ObjectNode) statement.get("predicate")).put("timeVerified", "2030-01-01T00:00:00Z");
        PemSigner adversary = new PemSigner("PM", Crypto.generate(SignatureAlgorithm.ED25519));
        Files.write(root.resolve(SUMMARY), JSON.writeValueAsBytes(
                Attestations.envelope(CanonicalForm.canonicalize(statement), List.of(adversary))));

        List<Discrepancy> found = workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies();

        assertThat(found).extracting(Discrepancy::kind).containsExactly(DiscrepancyKind.SUMMARY_MISMATCH,
                DiscrepancyKind.SUMMARY_INVALID);
        assertThat(found.get(1)).satisfies(d -> {
            assertThat(d.file()).isEqualTo(SUMMARY);
            assertThat(d.message()).contains("no signature by a trusted key").contains(adversary.keyId());
        });
    }

    @Test
    void aTrustedSignatureNextToAForgedPayloadOrAReencodedSignatureDoesNotCount() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        ObjectNode envelope = (ObjectNode) JSON.readTree(root.resolve(SUMMARY).toFile());
        ObjectNode signature = (ObjectNode) envelope.get("signatures").get(0);
        String sig = signature.get("sig").asText();
        // Ed25519 signatures are 64 bytes: the last base64 character carries 2 unused bits.
        char last = sig.charAt(sig.length() - 3);
        signature.put("sig", sig.substring(0, sig.length() - 3) + (char) (last ^ 1) + "==");
        Files.write(root.resolve(SUMMARY), JSON.writeValueAsBytes(envelope));

        // The file is not the one SUMMARIES_WRITTEN recorded, and its signature does not verify.
        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .extracting(Discrepancy::kind).containsExactly(DiscrepancyKind.SUMMARY_MISMATCH,
                        DiscrepancyKind.SUMMARY_INVALID);
    }

    @Test
    void outcomesImportedAfterSummarizingMakeTheTestResultAMismatchNamingTheReport() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        workspace.importOutcomes(CYCLE, List.of(report("TEST-PayTest.xml", """
                <testsuite name="dev.shop.PayTest" tests="1">
                  <testcase classname="dev.shop.PayTest" name="paysByCard"><failure message="402"/></testcase>
                </testsuite>
                """)));

        List<Discrepancy> found = workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies();

        // The Test Result states what the move into VALIDATED judged; a report imported since was not.
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_MISMATCH);
            assertThat(d.file()).isEqualTo(TEST_RESULT);
            assertThat(d.expected()).hasValue("not judged");
            assertThat(d.message()).contains("TEST-PayTest.xml was not judged by the move into VALIDATED");
        });
    }

    @Test
    void aSummarySignedByATrustedKeyWithAnotherPolicyDigestIsAMismatch() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        ObjectNode statement = (ObjectNode) statement(SUMMARY);
        ((ObjectNode) statement.get("predicate").get("policy").get("digest")).put("sha256", "0".repeat(64));
        Files.write(root.resolve(SUMMARY), JSON.writeValueAsBytes(
                Attestations.envelope(CanonicalForm.canonicalize(statement), List.of(CycleWorkspace.PM))));

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .filteredOn(d -> d.expected().orElse("").startsWith("predicate.")).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_MISMATCH);
            assertThat(d.file()).isEqualTo(SUMMARY);
            assertThat(d.expected()).hasValueSatisfying(e -> assertThat(e).contains(workspace.rulebook().hash()));
            assertThat(d.actual()).hasValueSatisfying(a -> assertThat(a).startsWith("predicate.policy"));
        });
    }

    @Test
    void aChangedTestResultIsReportedByItsOwnNameWithTheRecordedDigest() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        byte[] written = Files.readAllBytes(root.resolve(TEST_RESULT));
        // One more byte of white space: still the same JSON, but not the file the log recorded.
        Files.write(root.resolve(TEST_RESULT), (new String(written, StandardCharsets.UTF_8) + " ")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .filteredOn(d -> d.file().equals(TEST_RESULT)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_MISMATCH);
            assertThat(d.message()).startsWith("the test result attestation " + TEST_RESULT
                    + " is not the file recorded by SUMMARIES_WRITTEN").doesNotContain("verification summary");
            assertThat(d.expected()).contains("sha256 " + Sha256.hex(written));
        });
    }

    @Test
    void aDeletedTestResultLeavesTheVsaPointingAtNothing() throws IOException {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));
        Files.delete(root.resolve(TEST_RESULT));

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .extracting(Discrepancy::kind, Discrepancy::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.SUMMARY_MISSING, TEST_RESULT),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyKind.SUMMARY_MISMATCH, SUMMARY));
    }

    @Test
    void refusesAnUntrustedSignerAndWritesNothing() {
        PemSigner stranger = new PemSigner("PM", Crypto.generate(SignatureAlgorithm.ED25519));

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(stranger))).isInstanceOf(SealingException.class)
                .hasMessageContaining("would not verify");
        assertThat(root.resolve(TEST_RESULT)).doesNotExist();
        assertThat(root.resolve(SUMMARY)).doesNotExist();
    }

    @Test
    void aCycleSentBackFromValidatedIsNotSummarizedAndItsEarlierSummaryNoLongerVerifies() {
        workspace.summarize(CYCLE, List.of(CycleWorkspace.PM));

        assertThat(workspace.advance(CYCLE, CycleState.EXECUTED).accepted()).as("validation_failed").isTrue();

        assertThat(workspace.verify(CYCLE, CycleWorkspace.TRUST).discrepancies())
                .anySatisfy(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.SUMMARY_MISMATCH));
    }

    @Test
    void refusesACycleSentBackFromValidated() {
        assertThat(workspace.advance(CYCLE, CycleState.EXECUTED).accepted()).as("validation_failed").isTrue();

        assertThatThrownBy(() -> workspace.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("is not validated (state EXECUTED)");
        assertThat(root.resolve(SUMMARY)).doesNotExist();
    }

    @Test
    void refusesTestResultsWithFailuresRatherThanSayPassed(@TempDir Path other) throws IOException {
        create(other);
        // A rulebook that lets a failing test through VALIDATED: the summary still does not say PASSED.
        CycleWorkspace.write(other.resolve("rulebook/rulebook.yaml"), RULEBOOK.replace("required_tags: []\n",
                "required_tags: []\nthresholds:\n  tests_failed_max: 5\n"));
        PlanningWorkspace failing = CycleWorkspace.open(other, Instant.parse("2025-09-02T08:00:00Z"));
        failing.create(CYCLE);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED)) {
            CycleWorkspace.advance(failing, CYCLE, state);
        }
        failing.importOutcomes(CYCLE, List.of(report("TEST-PayTest.xml", """
                <testsuite name="dev.shop.PayTest" tests="1">
                  <testcase classname="dev.shop.PayTest" name="charges"><failure message="no"/></testcase>
                </testsuite>
                """)));
        assertThat(failing.advance(CYCLE, CycleState.VALIDATED).accepted()).isTrue();

        assertThatThrownBy(() -> failing.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(SealingException.class).hasMessageContaining("1 failed");
        assertThat(other.resolve(TEST_RESULT)).doesNotExist();
        assertThat(other.resolve(SUMMARY)).doesNotExist();
    }

    @Test
    void refusesACycleThatNeverMovedIntoValidated(@TempDir Path other) {
        create(other);
        PlanningWorkspace early = CycleWorkspace.open(other, Instant.parse("2025-09-02T08:00:00Z"));
        early.create(CYCLE);
        CycleWorkspace.advance(early, CYCLE, CycleState.READY_FOR_HANDOFF);
        CycleWorkspace.advance(early, CYCLE, CycleState.PACKAGED);

        assertThatThrownBy(() -> early.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("is not validated (state PACKAGED)");
        assertThat(other.resolve(SUMMARY)).doesNotExist();
    }

    @Test
    void refusesACycleWithoutImportedTestResults(@TempDir Path other) {
        create(other);
        PlanningWorkspace untested = CycleWorkspace.open(other, Instant.parse("2025-09-02T08:00:00Z"));
        untested.create(CYCLE);
        for (CycleState state : List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, CycleState.EXECUTED,
                CycleState.VALIDATED)) {
            CycleWorkspace.advance(untested, CYCLE, state);
        }

        assertThatThrownBy(() -> untested.summarize(CYCLE, List.of(CycleWorkspace.PM)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no JUnit report judged by its move into VALIDATED");
        assertThat(other.resolve(TEST_RESULT)).doesNotExist();
    }

    /** Removes the log's last line, which must be an event of {@code type}: a run that stopped before it. */
    private void dropLastEvent(EventType type) throws IOException {
        Path log = root.resolve(LAYOUT.eventLog(CYCLE));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).contains("\"" + type.name() + "\"");
        Files.write(log, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
    }

    private Path report(String name, String xml) throws IOException {
        Path file = reports.resolve(name);
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }

    private JsonNode statement(String path) throws IOException {
        JsonNode envelope = JSON.readTree(root.resolve(path).toFile());
        return JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Schema schema(String name) throws IOException {
        try (InputStream in = VerificationSummariesTest.class.getResourceAsStream("/attestations/" + name
                + ".schema.json")) {
            JsonNode document = JSON.readTree(in);
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of(document.path("$id").asText()), document);
            schema.initializeValidators();
            return schema;
        }
    }
}
