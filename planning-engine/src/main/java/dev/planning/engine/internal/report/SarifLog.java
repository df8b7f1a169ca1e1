package dev.planning.engine.internal.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the SARIF 2.1.0 object model that {@link Sarif} writes, as records in the order and
 * with the names the format uses; {@code JsonMappers.prettyJson()} writes them.
 */
final class SarifLog {

    private SarifLog() {
    }

    /** The log: one run. */
    @JsonPropertyOrder({"$schema", "version", "runs"})
    record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {
    }

    /** One run of the tool; {@code automationDetails} only with a category. */
    @JsonPropertyOrder({"tool", "automationDetails", "columnKind", "results"})
    record Run(Tool tool, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<AutomationDetails> automationDetails,
            String columnKind, List<Result> results) {
    }

    /** The tool that ran. */
    record Tool(Driver driver) {
    }

    /** The tool's name, version and the rules it reported under. */
    @JsonPropertyOrder({"name", "version", "informationUri", "rules"})
    record Driver(String name, String version, String informationUri, List<Rule> rules) {
    }

    /** Distinguishes runs uploaded for the same commit. */
    record AutomationDetails(String id) {
    }

    /** A plain-text message. */
    record Text(String text) {
    }

    /** A reporting descriptor: one finding code. */
    @JsonPropertyOrder({"id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration",
        "properties"})
    record Rule(String id, String name, Text shortDescription, Text fullDescription, Help help,
            Configuration defaultConfiguration, RuleProperties properties) {
    }

    /** A rule's help, as text and as Markdown. */
    @JsonPropertyOrder({"text", "markdown"})
    record Help(String text, String markdown) {
    }

    /** A rule's default level. */
    record Configuration(String level) {
    }

    /** The properties code hosts rank a rule by. */
    @JsonPropertyOrder({"security-severity", "problem.severity", "tags"})
    record RuleProperties(@JsonProperty("security-severity") String securitySeverity,
            @JsonProperty("problem.severity") String problemSeverity, List<String> tags) {
    }

    /** One finding. */
    @JsonPropertyOrder({"ruleId", "ruleIndex", "level", "message", "locations", "partialFingerprints", "properties"})
    record Result(String ruleId, int ruleIndex, String level, Text message, List<Location> locations,
            Fingerprints partialFingerprints, ResultProperties properties) {
    }

    /** Where a finding is. */
    record Location(PhysicalLocation physicalLocation) {
    }

    /** A file and a region in it. */
    @JsonPropertyOrder({"artifactLocation", "region"})
    record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {
    }

    /** A file, relative to a base. */
    @JsonPropertyOrder({"uri", "uriBaseId"})
    record ArtifactLocation(String uri, String uriBaseId) {
    }

    /** A position in a file. */
    @JsonPropertyOrder({"startLine", "startColumn"})
    record Region(int startLine, int startColumn) {
    }

    /** The fingerprint re-runs are matched by. */
    record Fingerprints(@JsonProperty("planningFinding/v2") String planningFinding) {
    }

    /** What produced a finding, its task, compared values and fix hint, each only when present. */
    @JsonPropertyOrder({"source", "task", "facts", "hint"})
    record ResultProperties(String source, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> task,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> facts,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> hint) {
    }
}
