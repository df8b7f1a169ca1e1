package dev.planning.engine.internal.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.engine.internal.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes findings as a SARIF 2.1.0 log, the static-analysis format code hosts turn into
 * annotations on the exact lines (GitHub code scanning, GitLab, Azure DevOps).
 *
 * <pre>{@code
 * String sarif = Sarif.builder("planning", "0.1.0")
 *         .uri(path -> "planning-examples/workspaces/fe/" + path)   // make paths repository-relative
 *         .category("gate/fe/2025-09-02")
 *         .add(findings, "schema_lint")
 *         .render();
 * }</pre>
 *
 * <p>One run; {@code tool.driver.rules} lists every finding code reported, with its description
 * ({@link RuleCatalog}); each result names its {@code ruleId} and {@code ruleIndex}, a level
 * ({@code error}, {@code warning}, {@code note}), the message, and one location: the file
 * ({@code artifactLocation.uri}, relative, against {@code %SRCROOT%}) and, when known,
 * {@code region.startLine} and {@code startColumn}. A finding without a file is placed on the
 * fallback file, because code hosts drop results without a location. Each result carries a
 * stable fingerprint of code, file, task and message, so re-runs match up.
 */
public final class Sarif {

    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";
    /** The schema the log declares. */
    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static final ObjectMapper JSON = JsonMappers.prettyJson();

    private Sarif() {
    }

    /** A builder for a log of one tool run. */
    public static Builder builder(String toolName, String toolVersion) {
        return new Builder(toolName, toolVersion);
    }

    /** Collects findings into one SARIF run; not thread-safe. */
    public static final class Builder {
        private final String toolName;
        private final String toolVersion;
        private UnaryOperator<String> uri = UnaryOperator.identity();
        private String fallbackFile = ".";
        private String category;
        private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        private final ArrayNode results = JSON.createArrayNode();

        private Builder(String toolName, String toolVersion) {
            this.toolName = Objects.requireNonNull(toolName, "toolName");
            this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
        }

        /** Maps a finding's workspace-relative file to the URI written (e.g. repository-relative). */
        public Builder uri(UnaryOperator<String> mapping) {
            this.uri = Objects.requireNonNull(mapping, "mapping");
            return this;
        }

        /** The file findings without one are placed on (workspace-relative). */
        public Builder fallbackFile(String file) {
            this.fallbackFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Distinguishes this run from other runs uploaded for the same commit (automationDetails.id). */
        public Builder category(String value) {
            this.category = Objects.requireNonNull(value, "category");
            return this;
        }

        /**
         * Adds findings.
         *
         * @param source what produced them (a gate's name, {@code lint}), kept as a result property
         */
        public Builder add(List<Finding> findings, String source) {
            for (Finding finding : findings) {
                results.add(result(finding, source));
            }
            return this;
        }

        /** The log as a JSON tree. */
        public ObjectNode build() {
            ObjectNode log = JSON.createObjectNode();
            log.put("$schema", SCHEMA);
            log.put("version", VERSION);
            ObjectNode run = log.putArray("runs").addObject();
            ObjectNode driver = run.putObject("tool").putObject("driver");
            driver.put("name", toolName);
            driver.put("version", toolVersion);
            driver.put("informationUri", "https://planning.dev/");
            ArrayNode rules = driver.putArray("rules");
            ruleIndex.keySet().forEach(code -> rules.add(rule(code)));
            if (category != null) {
                run.putObject("automationDetails").put("id", category.endsWith("/") ? category : category + "/");
            }
            run.put("columnKind", "unicodeCodePoints");
            run.set("results", results.deepCopy());
            return log;
        }

        /** The log as pretty-printed JSON with a final newline. */
        public String render() {
            try {
                return JSON.writeValueAsString(build()) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serializes", e);
            }
        }

        private ObjectNode result(Finding finding, String source) {
            int index = ruleIndex.computeIfAbsent(finding.code(), code -> ruleIndex.size());
            ObjectNode result = JSON.createObjectNode();
            result.put("ruleId", finding.code());
            result.put("ruleIndex", index);
            result.put("level", level(finding.severity()));
            result.putObject("message").put("text", finding.message());
            SourceLocation where = finding.location().filter(l -> !l.file().isBlank())
                    .orElse(SourceLocation.ofFile(fallbackFile));
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            artifact.put("uri", uri.apply(where.file()));
            artifact.put("uriBaseId", "%SRCROOT%");
            if (where.line() > 0) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", where.line());
                if (where.column() > 0) {
                    region.put("startColumn", where.column());
                }
            }
            result.putObject("partialFingerprints").put("planningFinding/v1",
                    fingerprint(finding.code(), where.file(), finding.taskId().orElse(""), finding.message()));
            ObjectNode properties = result.putObject("properties");
            properties.put("source", source);
            finding.taskId().ifPresent(task -> properties.put("task", task));
            return result;
        }

        private static ObjectNode rule(String code) {
            ObjectNode rule = JSON.createObjectNode();
            rule.put("id", code);
            rule.put("name", code);
            rule.putObject("shortDescription").put("text", RuleCatalog.describe(code));
            return rule;
        }
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
