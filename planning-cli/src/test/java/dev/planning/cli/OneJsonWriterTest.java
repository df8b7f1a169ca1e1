package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.planning.engine.PlanningJson;
import dev.planning.engine.fixtures.GitFixture;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --format json} of the commands whose JSON is the command line's own (here {@code sign} and
 * {@code store expiring-waivers}) is written by the same writer as that of lint, gate, advance and the
 * other outputs of the public API ({@code PlanningJson.write}, which is the engine's {@code CommandJson}):
 * a lone surrogate is printed as U+FFFD, never as the escape {@code \u005cuD800} (which a strict reader of
 * I-JSON refuses and which has no UTF-8 form), and U+2028 as its escape; the document parses strictly,
 * encodes as UTF-8 and validates against the command's schema. A planning file holding the escape of a lone
 * surrogate is refused since reliab23 ({@code LoneSurrogateSealTest}), so the sealed waiver holds U+2028 and
 * a surrogate pair (one character) instead.
 */
@Tag("slow")
@Tag("hostile")
class OneJsonWriterTest {

    private static final String LOG = "frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml";
    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The approver as read back: the decision log writes U+2028 and the pair as YAML escapes. */
    private static final String APPROVER = "a\u2028b \ud83d\ude00 c";

    @TempDir
    Path dir;

    private Path ws;
    private Path keys;

    /** fe-critical with a waiver whose approver and reason hold U+2028 and a surrogate pair (YAML escapes); sealed. */
    @BeforeEach
    void sealedWithAHostileWaiver() throws Exception {
        ws = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        Files.writeString(ws.resolve(LOG), "waivers:\n  - {rule: critical-approvals, item: FE-12, reason: \"r\\u2028s"
                + " \\ud83d\\ude00 t\", approver: \"a\\u2028b \\ud83d\\ude00 c\", expires: 2099-12-31}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        GitFixture.commitAll(ws, "plan");
        keys = CycleScript.keys(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
    }

    @Test
    void signPrintsTheWaiversOfTheManifestWithTheSameEscapes() throws Exception {
        CliRun run = CliRun.of("sign", ws.resolve(MANIFEST).toString(), "--role", "PM", "--key",
                keys.resolve("PM.key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString(),
                "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // What sign prints is the manifest's text, U+2028 as its escape, the pair as its character.
        JsonNode waiver = valid("sign", run.out(), "\"approver\" : \"a\\u2028b \ud83d\ude00 c\"").path("waivers")
                .get(0);
        assertThat(waiver.path("approver").asText()).isEqualTo(APPROVER);
        assertThat(waiver.path("reason").asText()).isEqualTo("r\u2028s \ud83d\ude00 t");
    }

    @Test
    void theCommandLinesOwnJsonIsTheEnginesWriterFollowedByALineBreak() {
        Map<String, Object> document = Map.of("text", "a\u2028b \ud800 c \udfff \ud83d\ude00 \u202e \u001b");
        StringWriter printed = new StringWriter();
        PrintWriter out = new PrintWriter(new ShownWriter(printed));

        Reports.print(out, OutputFormat.json, document, () -> "text");

        assertThat(printed).hasToString(PlanningJson.write(document) + "\n")
                .hasToString("{\n  \"text\" : \"a\\u2028b \ufffd c \ufffd \ud83d\ude00 \\u202E \\u001B\"\n}\n");
    }

    @Test
    void storeExpiringWaiversPrintsTheWaiversTextWithTheSameEscapes() throws Exception {
        CliRun run = CliRun.of("store", "expiring-waivers", "-w", ws.toString(), "--until", "2100-01-01",
                "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode waivers = valid("store-expiring-waivers", run.out(), "\"approver\" : \"a\\u2028b \ud83d\ude00 c\"")
                .path("waivers");
        assertThat(waivers).anySatisfy(w -> assertThat(w.path("approver").asText()).isEqualTo(APPROVER));
    }

    /**
     * The printed document: holding {@code printed} (U+2028 as its escape, a lone surrogate as U+FFFD), no
     * surrogate nor its escape, valid UTF-8, strictly parsed (no duplicate key, no trailing token) and
     * valid against the command's schema.
     */
    private static JsonNode valid(String command, String out, String printed) throws Exception {
        assertThat(out).contains(printed).doesNotContain("\u2028").doesNotContainIgnoringCase("\\uD800");
        assertThat(out.codePoints()).noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
        // Encodes as UTF-8 with nothing replaced: a lone surrogate would be refused here.
        StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(out));
        JsonNode document = STRICT.readTree(out);
        JsonNode schemaDocument;
        try (InputStream in = OneJsonWriterTest.class.getResourceAsStream("/schemas/output/" + command + "/1.0.json")) {
            assertThat(in).as("schema of " + command).isNotNull();
            schemaDocument = STRICT.readTree(in);
        }
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(schemaDocument.path("$id").asText()), schemaDocument);
        schema.initializeValidators();
        List<Error> errors = schema.validate(document);
        assertThat(errors).as(command + " output:\n" + out).isEmpty();
        return document;
    }
}
