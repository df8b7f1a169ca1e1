package dev.planning.engine.internal.schema;

/**
 * The planning artifacts that have a schema, with the schema's {@code $id} and classpath resource.
 * The {@code $id}s are stable, so editors can use them:
 * {@code # yaml-language-server: $schema=https://planning.dev/schemas/task-breakdown/1.0.json}.
 */
public enum ArtifactSchema {
    /** {@code *_task_breakdown.yaml} and {@code *_backlog.yaml}. */
    TASK_BREAKDOWN("task-breakdown"),
    /** The front matter of {@code story_map.md}. */
    STORY_MAP("story-map"),
    /** {@code decision_log.yaml}: waivers and decisions. */
    DECISION_LOG("decision-log"),
    /** {@code handoff_manifest.yaml}. */
    HANDOFF_MANIFEST("handoff-manifest"),
    /** The front matter of {@code digest.md}. */
    DIGEST("digest"),
    /** One line of {@code events.jsonl}. */
    EVENT("event"),
    /** {@code rulebook.yaml}. */
    RULEBOOK("rulebook"),
    /** An imported deployments / incidents / defects file ({@code outcomes/{cycle}/deployments/}). */
    DEPLOYMENTS("deployments"),
    /** {@code trust.yaml}: the public keys trusted to sign manifests, by role. */
    TRUST("trust"),
    /** One case (document) of a rulebook test file, {@code rulebook/tests/*.yaml}. */
    RULE_TEST("rule-test"),
    /** {@code contracts/{cycle}-contracts.yaml}: a stream's declared cross-stream contracts. */
    CONTRACTS("contracts"),
    /** {@code capacity.yaml}: points per cycle per owner and team. */
    CAPACITY("capacity"),
    /** {@code evidence/{cycle}/*.json}: the record of one gate run. */
    GATE_EVIDENCE("gate-evidence");

    private static final String ID_PREFIX = "https://planning.dev/schemas/";

    private final String schemaName;

    ArtifactSchema(String schemaName) {
        this.schemaName = schemaName;
    }

    /** The schema's short name, e.g. {@code task-breakdown}. */
    public String schemaName() {
        return schemaName;
    }

    /** The schema's {@code $id}, e.g. {@code https://planning.dev/schemas/task-breakdown/1.0.json}. */
    public String id() {
        return ID_PREFIX + schemaName + "/1.0.json";
    }

    /** The classpath resource holding the schema, e.g. {@code schemas/task-breakdown/1.0.json}. */
    public String resource() {
        return "schemas/" + schemaName + "/1.0.json";
    }
}
