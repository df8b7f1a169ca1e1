package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JSON of {@link CiReports}, what {@code planning lint|gate|advance|verify|status --format json}
 * prints: each document validates against the schema that documents it, and a contributor's hostile
 * text (quotes, control characters, U+2028, a bidirectional control, a lone surrogate, a very long
 * value) gives valid JSON that reads back as exactly the value it was, a lone surrogate as U+FFFD.
 * The same text as the command line's, for real results, is {@code CiReportsJsonCliTest} in
 * planning-cli (it runs the gates).
 */
class CiReportsJsonTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    /** A quote, a backslash, control characters, DEL, U+2028/U+2029, a right-to-left override, lone surrogates. */
    private static final String HOSTILE = "\"x\" \\ \u0000\u0007\u001b[31m\t\r\n\u007f\u0085 a\u2028b\u2029 \u202e evil"
            + " \ud800 lone \udfff low \ud83d\ude00 pair";

    /** What a JSON reader gets back: each lone surrogate is U+FFFD (I-JSON has none), the rest as it was. */
    private static final String READ_BACK = HOSTILE.replace('\ud800', '\ufffd').replace('\udfff', '\ufffd');

    private static final String LONG = "é\"".repeat(500_000);

    /** A finding whose every text is {@code text}; its fact's name is one the schemas allow, as the rules' are. */
    private static Finding hostileFinding(String text) {
        return new Finding(text, Severity.ERROR, text, Optional.of(new SourceLocation(text, 3, 4)), Optional.of(text),
                Map.of("compared", text), Optional.of(text));
    }

    @Test
    void lintOfHostileTextIsValidJsonThatReadsBackAsTheValues() throws Exception {
        for (String text : List.of(HOSTILE, LONG)) {
            String json = CiReports.lintJson(new LintReport(List.of(text), List.of(hostileFinding(text))));
            String value = text.equals(HOSTILE) ? READ_BACK : text;

            JsonNode finding = valid("lint", json).path("findings").get(0);
            assertThat(finding.path("message").asText()).isEqualTo(value);
            assertThat(finding.path("code").asText()).isEqualTo(value);
            assertThat(finding.path("file").asText()).isEqualTo(value);
            assertThat(finding.path("task").asText()).isEqualTo(value);
            assertThat(finding.path("hint").asText()).isEqualTo(value);
            assertThat(finding.path("facts").path("compared").asText()).isEqualTo(value);
            assertThat(STRICT.readTree(json).path("files").get(0).asText()).isEqualTo(value);
        }
    }

    @Test
    void aLoneSurrogateIsAReplacementCharacterAndWhatIsNotShownAsItselfIsAnEscape() {
        String json = CiReports.lintJson(new LintReport(List.of(), List.of(hostileFinding(HOSTILE))));

        // No lone surrogate: the text round-trips through UTF-8 unchanged (an unpaired one would be lost).
        assertThat(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(json).contains("\ufffd lone \ufffd low", "a\\u2028b\\u2029", "\\u202E evil", "\\u007F\\u0085",
                "\\\"x\\\" \\\\", "\\u0000\\u0007\\u001B[31m\\t\\r\\n");
        assertThat(json.replace("\ud83d\ude00", "").chars().filter(c -> c < 0x20 && c != '\n' || c == 0x7f
                || c >= 0x80 && c <= 0x9f || c == 0x2028 || c == 0x2029 || c == 0x202e || Character.isSurrogate((char) c)))
                .isEmpty();
        // A pair that makes a printable character stays as it is.
        assertThat(json).contains("\ud83d\ude00 pair");
    }

    @Test
    void gatesAndATransitionOfHostileTextAreValidJson() throws Exception {
        List<GateResult> results = List.of(GateResult.of(HOSTILE, List.of(hostileFinding(HOSTILE)), Map.of()));

        JsonNode gates = valid("gate", CiReports.gatesJson(CYCLE, CycleState.READY_FOR_HANDOFF, results));
        JsonNode transition = valid("advance", CiReports.transitionJson(new TransitionResult(CYCLE,
                Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow(), false, results,
                CycleState.PLANNED, HOSTILE, Map.of(HOSTILE, HOSTILE))));

        assertThat(gates.path("gates").get(0).path("gate").asText()).isEqualTo(READ_BACK);
        assertThat(gates.path("passed").asBoolean()).isFalse();
        assertThat(transition.path("event_id").asText()).isEqualTo(READ_BACK);
        assertThat(transition.path("gates").get(0).path("evidence").asText()).isEqualTo(READ_BACK);
        assertThat(transition.path("gates").get(0).path("findings").get(0).path("message").asText()).isEqualTo(READ_BACK);
        assertThat(transition.has("manifest")).isFalse();
        assertThat(transition.has("summaries")).isFalse();
    }

    @Test
    void aTransitionShowsTheManifestItSealedWhenGivenOne() throws Exception {
        TransitionResult sealed = new TransitionResult(CYCLE,
                Lifecycle.find(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED).orElseThrow(), true, List.of(),
                CycleState.PACKAGED, "evt_1", Map.of());

        JsonNode json = valid("advance", CiReports.transitionJson(sealed,
                Optional.of("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml"), Optional.empty()));

        assertThat(json.path("manifest").asText()).isEqualTo("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml");
        assertThat(json.path("to").asText()).isEqualTo("PACKAGED");
        assertThat(json.has("summaries")).isFalse();
        assertThat(CiReports.transitionJson(sealed)).isEqualTo(CiReports.transitionJson(sealed, Optional.empty(),
                Optional.empty()));
    }

    @Test
    void aVerificationOfHostileTextIsValidJson() throws Exception {
        JsonNode json = valid("verify", CiReports.verificationJson(new VerificationReport(HOSTILE, Optional.of(HOSTILE),
                1, List.of(new ManifestSignature(HOSTILE, HOSTILE, "ed25519", "c2ln", Instant.EPOCH)), List.of(HOSTILE),
                List.of(Discrepancy.of(DiscrepancyKind.ARTIFACT_CHANGED, HOSTILE, HOSTILE, HOSTILE, HOSTILE)))));

        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("manifest").asText()).isEqualTo(READ_BACK);
        assertThat(json.path("discrepancies").get(0).path("expected").asText()).isEqualTo(READ_BACK);
        assertThat(json.path("signatures_counted").get(0).path("role").asText()).isEqualTo(READ_BACK);
    }

    @Test
    void aStatusOfHostileHistoryIsValidJson() throws Exception {
        PlanningEvent event = new PlanningEvent(HOSTILE, Instant.parse("2025-09-02T10:00:00Z"),
                EventType.TRANSITION_REFUSED, Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF),
                CYCLE.toString(), HOSTILE, Map.of(HOSTILE, GateStatus.FAIL), Map.of(HOSTILE, HOSTILE));
        CycleStatus status = new CycleStatus(CYCLE, CycleState.PLANNED,
                List.of(new RecordedEvent(1, event, RecordedEvent.GENESIS, "ab".repeat(32))));

        JsonNode json = valid("status", CiReports.statusJson(List.of(status),
                List.of(new EventLogCorruptedException(HOSTILE, new SourceLocation(HOSTILE, 2, 1))),
                List.of(Discrepancy.of(DiscrepancyKind.SIGNATURE_INVALID, HOSTILE, HOSTILE)), Map.of()));

        assertThat(json.path("chain_intact").asBoolean()).isFalse();
        assertThat(json.path("cycles").get(0).path("history").get(0).path("id").asText()).isEqualTo(READ_BACK);
        assertThat(json.path("cycles").get(0).path("history").get(0).path("details").path(READ_BACK).asText())
                .isEqualTo(READ_BACK);
        assertThat(json.path("broken_logs").get(0).path("file").asText()).isEqualTo(READ_BACK);
        assertThat(json.path("unsigned_history").get(0).path("message").asText()).isEqualTo(READ_BACK);
    }

    /**
     * status27: a cycle without a task breakdown says which path it lacks, as the text's {@code NO TASK BREAKDOWN}
     * line does (the JSON did not say it); a cycle with one has no such key, and the output validates either way.
     */
    @Test
    void aCycleWithoutATaskBreakdownSaysThePathItLacksAndOneWithItHasNoSuchKey() throws Exception {
        CycleRef eventsOnly = new CycleRef("fe", "2025-08-19");
        String lacked = "frameworks/planning-fe/tasks/2025-08-19-fe_task_breakdown.yaml";
        List<CycleStatus> statuses = List.of(new CycleStatus(eventsOnly, CycleState.PLANNED, List.of()),
                new CycleStatus(CYCLE, CycleState.PLANNED, List.of()));

        JsonNode json = valid("status", CiReports.statusJson(statuses, List.of(), List.of(),
                Map.of(eventsOnly, lacked)));

        assertThat(json.path("cycles").get(0).path("missing_task_breakdown").asText()).isEqualTo(lacked);
        assertThat(json.path("cycles").get(1).has("missing_task_breakdown")).isFalse();
    }

    /**
     * status27: the schema's cycle stays closed, and the new key holds a path: another value or another key is
     * refused.
     */
    @Test
    void theSchemaRefusesAMissingTaskBreakdownThatIsNoPathAndAnyOtherNewKey() throws Exception {
        String cycle = "{\"chain_intact\": true, \"broken_logs\": [], \"unsigned_history\": [], \"cycles\": [{"
                + "\"cycle\": \"fe/2025-08-19\", \"state\": \"PLANNED\", \"history\": [], \"interrupted_seal\": false, %s}]}";

        assertThat(schema("status").validate(STRICT.readTree(cycle.formatted("\"missing_task_breakdown\": \"a.yaml\""))))
                .isEmpty();
        assertThat(schema("status").validate(STRICT.readTree(cycle.formatted("\"missing_task_breakdown\": true"))))
                .isNotEmpty();
        assertThat(schema("status").validate(STRICT.readTree(cycle.formatted("\"missing_task_breakdown\": \"\""))))
                .isNotEmpty();
        assertThat(schema("status").validate(STRICT.readTree(cycle.formatted("\"missing_plan\": \"a.yaml\""))))
                .isNotEmpty();
    }

    @Test
    void everyJsonMethodRefusesNull() {
        LintReport lint = new LintReport(List.of(), List.of());
        TransitionResult transition = new TransitionResult(CYCLE,
                Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow(), true, List.of(),
                CycleState.READY_FOR_HANDOFF, "evt_1", Map.of());
        assertThatNullPointerException().isThrownBy(() -> CiReports.lintJson(null)).withMessage("report");
        assertThatNullPointerException().isThrownBy(() -> CiReports.gatesJson(null, CycleState.PLANNED, List.of()))
                .withMessage("cycle");
        assertThatNullPointerException().isThrownBy(() -> CiReports.gatesJson(CYCLE, null, List.of())).withMessage("to");
        assertThatNullPointerException().isThrownBy(() -> CiReports.gatesJson(CYCLE, CycleState.PLANNED, null))
                .withMessage("results");
        assertThatNullPointerException().isThrownBy(() -> CiReports.transitionJson(null)).withMessage("result");
        assertThatNullPointerException().isThrownBy(() -> CiReports.transitionJson(transition, null, Optional.empty()))
                .withMessage("manifest");
        assertThatNullPointerException().isThrownBy(() -> CiReports.transitionJson(transition, Optional.empty(), null))
                .withMessage("summaries");
        assertThatNullPointerException().isThrownBy(() -> CiReports.sealJson(null)).withMessage("result");
        assertThatNullPointerException().isThrownBy(() -> CiReports.verificationJson(null)).withMessage("report");
        assertThatNullPointerException().isThrownBy(() -> CiReports.statusJson(null, List.of(), List.of(), Map.of()))
                .withMessage("statuses");
        assertThatNullPointerException().isThrownBy(() -> CiReports.statusJson(List.of(), null, List.of(), Map.of()))
                .withMessage("broken");
        assertThatNullPointerException().isThrownBy(() -> CiReports.statusJson(List.of(), List.of(), null, Map.of()))
                .withMessage("unsignedHistory");
        assertThatNullPointerException().isThrownBy(() -> CiReports.statusJson(List.of(), List.of(), List.of(), null))
                .withMessage("missingTaskBreakdowns");
        assertThat(CiReports.lintJson(lint)).doesNotEndWith("\n");
    }

    /** Parses the text strictly (one value, no duplicate key) and validates it against the command's schema. */
    static JsonNode valid(String command, String json) throws Exception {
        JsonNode document = STRICT.readTree(json);
        List<Error> errors = schema(command).validate(document);
        assertThat(errors).as(command + " output:\n" + (json.length() > 2000 ? json.substring(0, 2000) : json)).isEmpty();
        return document;
    }

    private static Schema schema(String command) throws Exception {
        JsonNode schema;
        try (InputStream in = CiReportsJsonTest.class.getResourceAsStream("/schemas/output/" + command + "/1.0.json")) {
            assertThat(in).as("schema of " + command).isNotNull();
            schema = STRICT.readTree(in);
        }
        Schema compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(schema.path("$id").asText()), schema);
        compiled.initializeValidators();
        return compiled;
    }
}
