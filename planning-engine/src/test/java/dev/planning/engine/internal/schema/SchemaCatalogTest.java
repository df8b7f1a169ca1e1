package dev.planning.engine.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.MarkdownDocuments;
import dev.planning.engine.internal.document.YamlDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaCatalogTest {

    private static final String FILE = "tasks.yaml";
    private static final SchemaCatalog CATALOG = SchemaCatalog.standard();

    private static List<Finding> validateTasks(String yaml) {
        LocatedDocument doc = YamlDocuments.parse(yaml.getBytes(StandardCharsets.UTF_8), FILE);
        return CATALOG.validate(doc, ArtifactSchema.TASK_BREAKDOWN);
    }

    private static String plan(String taskLines) {
        return "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\ntasks:\n" + taskLines;
    }

    @ParameterizedTest
    @EnumSource(ArtifactSchema.class)
    void everyShippedSchemaIsAValidDraft202012SchemaWithAnId(ArtifactSchema artifact) {
        JsonNode schema = CATALOG.schemaDocument(artifact);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema metaSchema = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(metaSchema.validate(schema)).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(artifact.id())
                .startsWith("https://planning.dev/schemas/").endsWith("/1.0.json");
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ArtifactSchema.class)
    void everyShippedSchemaCompilesOnItsFirstUseAndOnlyOnce(ArtifactSchema artifact) {
        SchemaCatalog fresh = SchemaCatalog.load();

        Schema compiled = fresh.compiled(artifact);

        assertThat(compiled).isNotNull();
        assertThat(fresh.compiled(artifact)).isSameAs(compiled);
    }

    @Test
    void theMetaSchemaCheckRejectsABrokenSchema() throws Exception {
        JsonNode broken = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"type\": \"text\", \"required\": \"id\"}");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema metaSchema = registry.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(metaSchema.validate(broken)).isNotEmpty();
    }

    @Test
    void acceptsTheExamplePlanAndStoryMap() {
        assertThat(validateTasks(Plans.FE_TASKS)).isEmpty();
        LocatedDocument storyMap = MarkdownDocuments.parse(Plans.FE_STORY_MAP.getBytes(StandardCharsets.UTF_8),
                "map.md").frontMatter();
        assertThat(CATALOG.validate(storyMap, ArtifactSchema.STORY_MAP)).isEmpty();
        LocatedDocument decisions = YamlDocuments.parse(Plans.FE_DECISIONS.getBytes(StandardCharsets.UTF_8), "d.yaml");
        assertThat(CATALOG.validate(decisions, ArtifactSchema.DECISION_LOG)).isEmpty();
    }

    @Test
    void namesTheTaskAndTheMissingFieldAtTheTask() {
        List<Finding> findings = validateTasks(plan("  - id: FE-12\n    owner: bob\n"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SchemaCatalog.REQUIRED);
            assertThat(f.message()).isEqualTo("task FE-12: `title` is required");
            assertThat(f.location()).contains(new SourceLocation(FILE, 5, 5));
            assertThat(f.taskId()).contains("FE-12");
        });
    }

    @Test
    void listsTheAllowedValuesOfAnEnumAndWhatWasFound() {
        List<Finding> findings = validateTasks(plan("  - id: FE-12\n    title: t\n    priority: P9\n"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SchemaCatalog.ENUM);
            assertThat(f.message()).isEqualTo("task FE-12: `priority` must be one of P0, P1, P2, P3 (found \"P9\")");
            assertThat(f.location()).contains(new SourceLocation(FILE, 7, 15));
        });
    }

    @Test
    void namesAnUnknownFieldAndTheAllowedOnes() {
        List<Finding> findings = validateTasks(plan("  - id: FE-12\n    title: t\n    ownr: bob\n"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SchemaCatalog.UNKNOWN_FIELD);
            assertThat(f.message()).startsWith("task FE-12: unknown field `ownr` (allowed: id, kind, parent, title,")
                    .contains("owner");
            assertThat(f.location()).contains(new SourceLocation(FILE, 7, 5));
        });
    }

    @Test
    void saysWhichTypeWasExpectedAndWhichWasFound() {
        List<Finding> findings = validateTasks(plan("  - id: FE-12\n    title: t\n    effort_points: \"five\"\n"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SchemaCatalog.TYPE);
            assertThat(f.message()).isEqualTo("task FE-12: `effort_points` must be a number (found string \"five\")");
        });
    }

    @Test
    void namesNestedFieldsAndListPositions() {
        List<Finding> findings = validateTasks(plan("""
                  - id: FE-12
                    title: t
                    controls: {audit_trail: full}
                    dependencies: [FE-1, 7]
                """));

        assertThat(findings).extracting(Finding::message).containsExactlyInAnyOrder(
                "task FE-12: `controls.audit_trail` must be one of standard, enhanced (found \"full\")",
                "task FE-12: `dependencies[1]` must be a string (found integer 7)");
    }

    /**
     * Found by the fourteenth review: {@code approvals} is "one entry per approver", and the default
     * rulebook's Critical=0 rule counts its entries, so {@code [pm-dana, techlead-erik, techlead-erik]}
     * met "3 approvals" and passed governance, as did a blank approver or one with a space after it
     * beside the same name without. Each approver is now named once, without surrounding space.
     */
    @Test
    void anApproverListedTwiceOrBlankIsRefusedAtTheList() {
        List<Finding> twice = validateTasks(plan(
                "  - id: FE-12\n    title: t\n    controls: {approvals: [pm-dana, techlead-erik, techlead-erik]}\n"));
        List<Finding> blank = validateTasks(plan(
                "  - id: FE-12\n    title: t\n    controls: {approvals: [pm-dana, techlead-erik, \" \", \"pm-dana \"]}\n"));

        assertThat(twice).singleElement().satisfies(f -> {
            assertThat(f.message()).startsWith("task FE-12: `controls.approvals`");
            assertThat(f.location()).get().extracting(SourceLocation::line).isEqualTo(7);
        });
        assertThat(blank).extracting(Finding::message).hasSize(2)
                .allSatisfy(m -> assertThat(m).startsWith("task FE-12: `controls.approvals["));
        assertThat(validateTasks(plan(
                "  - id: FE-12\n    title: t\n    controls: {approvals: [pm-dana, techlead-erik, qa-ivy]}\n"))).isEmpty();
    }

    /**
     * Found by the sixteenth review: {@code effort: 1e309} reads as infinity, which the schema's
     * {@code type: number, minimum: 0} let through, and every gate reading the plan then failed as
     * "crashed: java.lang.NumberFormatException: Infinite or NaN", naming no file or line. An estimate is
     * now at most 2^53-1, refused at its place among the file's other mistakes.
     */
    @Test
    void anEstimateTooLargeToHoldIsRefusedAtItsPlace() {
        for (String field : List.of("effort", "effort_points")) {
            List<Finding> findings = validateTasks(plan("  - {id: FE-1, title: t, " + field + ": 1e309}\n"
                    + "  - {id: FE-2, title: t, " + field + ": 9007199254740992}\n"
                    + "  - {id: FE-3, title: t, " + field + ": 9007199254740991}\n"));

            assertThat(findings).as(field).extracting(f -> f.location().orElseThrow().line()).containsExactly(5, 6);
            assertThat(findings).as(field).allSatisfy(f -> assertThat(f.message()).contains("`" + field + "`"));
        }
        List<Finding> capacity = CATALOG.validate(YamlDocuments.parse(("version: \"1.0.0\"\nowners: {bob: 1e309, dan: 8}\n"
                + "teams: {core: {points_per_cycle: 1e309, members: [bob]}}\n").getBytes(StandardCharsets.UTF_8), "c.yaml"),
                ArtifactSchema.CAPACITY);
        assertThat(capacity).extracting(f -> f.location().orElseThrow().line()).containsExactly(2, 3);
    }

    /**
     * Found by the sixteenth review: a tag key that reads as {@code criticality} but is another key (a
     * Cyrillic {@code с}, a zero-width space or a soft hyphen inside it) was a key governance does not
     * read, so {@code {criticality: 3, "criticality\u200b": 0}} was judged at criticality 3 and a
     * criticality-0 item missing an approval passed the governance gate. A key is now ASCII letters and
     * digits with {@code _ . -} and inner spaces, in both tag forms.
     */
    @Test
    void aTagKeyThatOnlyLooksLikeAnAsciiKeyIsRefusedInEitherForm() {
        for (String key : List.of("criticality\u200b", "\u0441riticality", "critical\u00adity", "criticality\ufe0f",
                "compliance\u2060", "\uff43riticality", "criticality\u00a0")) {
            List<Finding> map = validateTasks(plan("  - id: FE-12\n    title: t\n    tags: {criticality: 3, \"" + key
                    + "\": 0}\n"));
            List<Finding> list = validateTasks(plan("  - id: FE-12\n    title: t\n    tags: [\"criticality:3\", \"" + key
                    + ":0\"]\n"));

            assertThat(map).as(key).singleElement().satisfies(f -> assertThat(f.message()).startsWith("task FE-12: `tags"));
            assertThat(list).as(key).singleElement().satisfies(f -> assertThat(f.message()).startsWith("task FE-12: `tags[1]`"));
        }
        assertThat(validateTasks(plan("  - id: FE-12\n    title: t\n    tags: {criticality: 3, \" Data_classification \": x,"
                + " unit.coverage-target: 80, Needs design review: yes}\n"))).isEmpty();
        assertThat(validateTasks(plan("  - id: FE-12\n    title: t\n    tags: [\"Scope:Caf\u00e9 \u2728\", \" Risk : Low\","
                + " Release 1, \"criticality:\"]\n"))).isEmpty();
        String log = "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\nimprovement_actions:\n"
                + "  - {id: IA-1, action: a, owner: dan, tags: [\"criticality:2\", \"\u0441riticality:0\"]}\n";
        assertThat(CATALOG.validate(YamlDocuments.parse(log.getBytes(StandardCharsets.UTF_8), "d.yaml"),
                ArtifactSchema.DECISION_LOG)).singleElement().satisfies(f -> assertThat(f.message()).contains("tags[1]"));
    }

    /**
     * Found by the fourteenth review: a waiver's {@code approver} and {@code reason} are required, but
     * {@code " "}, a no-break space or a zero-width space met {@code minLength: 1}, so a waiver "approved"
     * by nobody waived a Critical=0 violation and the handoff's gates passed. Each must now show a
     * letter, digit, punctuation or symbol.
     */
    /**
     * Found by review14: the letters and symbols a waiver's {@code approver} and {@code reason} must show
     * included the ones that draw nothing, the Hangul fillers (letters, U+115F, U+1160, U+3164, U+FFA0)
     * and the braille blank U+2800 (a symbol), so a waiver approved by a Hangul filler still waived a
     * Critical=0 violation. They count no more than a space.
     */
    @Test
    void aWaiverApprovedByAHangulFillerOrABrailleBlankIsRefused() {
        String log = "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\nwaivers:\n";
        for (String blank : List.of("\"\\u3164\"", "\"\\u115f\\u1160\"", "\"\\uffa0\"", "\"\\u2800\"",
                "\"\\u2800 \\u3164\\u0301\"")) {
            List<Finding> findings = CATALOG.validate(YamlDocuments.parse((log
                    + "  - {rule: critical-approvals, item: FE-12, reason: " + blank + ", approver: " + blank
                    + ", expires: 2099-01-01}\n").getBytes(StandardCharsets.UTF_8), "d.yaml"), ArtifactSchema.DECISION_LOG);

            assertThat(findings).as(blank).extracting(Finding::message).hasSize(2)
                    .anySatisfy(m -> assertThat(m).contains("approver")).anySatisfy(m -> assertThat(m).contains("reason"));
        }
        assertThat(CATALOG.validate(YamlDocuments.parse((log + "  - {rule: critical-approvals, item: FE-12, reason: \"\u3164"
                + "\u1100\u1161 \u2801\", approver: \"\uae40\", expires: 2099-01-01}\n").getBytes(StandardCharsets.UTF_8), "d.yaml"),
                ArtifactSchema.DECISION_LOG)).isEmpty();
    }

    @Test
    void aWaiverApprovedByNobodyOrForNoReasonIsRefused() {
        String log = "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\nwaivers:\n";
        for (String blank : List.of("\" \"", "\"\\u00a0\"", "\"\\u200b\"", "\"\\ufeff\\t\"")) {
            List<Finding> findings = CATALOG.validate(YamlDocuments.parse((log
                    + "  - {rule: critical-approvals, item: FE-12, reason: " + blank + ", approver: " + blank
                    + ", expires: 2099-01-01}\n").getBytes(StandardCharsets.UTF_8), "d.yaml"), ArtifactSchema.DECISION_LOG);

            assertThat(findings).as(blank).extracting(Finding::message).hasSize(2)
                    .anySatisfy(m -> assertThat(m).contains("approver")).anySatisfy(m -> assertThat(m).contains("reason"));
        }
        assertThat(CATALOG.validate(YamlDocuments.parse((log + "  - {rule: critical-approvals, item: FE-12, reason: \"PSP"
                + " audit\", approver: cto-gina, expires: 2099-01-01}\n").getBytes(StandardCharsets.UTF_8), "d.yaml"),
                ArtifactSchema.DECISION_LOG)).isEmpty();
    }

    @Test
    void checksDateFormats() {
        List<Finding> findings = validateTasks(plan("  - id: FE-12\n    title: t\n    due: 12/09/2025\n"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SchemaCatalog.FORMAT);
            assertThat(f.message()).isEqualTo("task FE-12: `due` must be a date, YYYY-MM-DD (found \"12/09/2025\")");
        });
    }

    @Test
    void reportsTopLevelProblemsWithoutASubject() {
        List<Finding> findings = validateTasks("version: 1.0\nstream: FE\ntasks: []\n");

        assertThat(findings).extracting(Finding::message).containsExactlyInAnyOrder(
                "`cycle_id` is required",
                "`version` must be a string (found number 1.0)",
                "`stream` has the wrong form (found \"FE\"): The stream this plan belongs to (fe, be, design, ...)."
                        + " Must match the planning-{stream} directory. (expected a match for ^[a-z][a-z0-9-]{0,31}$)");
    }

    @Test
    void namesATaskWithoutIdByItsPosition() {
        List<Finding> findings = validateTasks(plan("  - title: t\n"));

        assertThat(findings).extracting(Finding::message).containsExactly("task #1: `id` is required");
    }

    @Test
    void refusesAListWhereAMappingBelongs() {
        LocatedDocument doc = YamlDocuments.parse("- a\n- b\n".getBytes(StandardCharsets.UTF_8), FILE);

        assertThat(CATALOG.validate(doc, ArtifactSchema.TASK_BREAKDOWN)).extracting(Finding::message)
                .containsExactly("the document must be a mapping (found a list)");
    }
}
