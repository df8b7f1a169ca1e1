package dev.planning.rules.gate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.Waiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the waivers of a cycle's decision log
 * ({@code frameworks/planning-{stream}/decisions/{cycle}-decision_log.yaml}):
 * <pre>{@code
 * waivers:
 *   - {rule: sox-audit-trail, item: FE-7, reason: "legacy export, replaced in Q4",
 *      approver: cfo, expires: 2025-12-31}
 * }</pre>
 * Other top-level keys (decisions, notes) are left to their readers. A missing file means no
 * waivers; a malformed one is an {@link InvalidInputException} naming the file, line and column.
 *
 * @since 0.1
 */
public final class DecisionLogReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    private DecisionLogReader() {
    }

    /**
     * The waivers of a decision log.
     *
     * @param file        the decision log
     * @param displayName how errors name the file (workspace-relative)
     * @return the waivers in written order; empty when the file does not exist
     */
    public static List<Waiver> waivers(Path file, String displayName) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            DecisionLog log = YAML.readValue(file.toFile(), DecisionLog.class);
            if (log == null || log.waivers() == null) {
                return List.of();
            }
            return log.waivers().stream().map(WaiverEntry::toWaiver).toList();
        } catch (JsonProcessingException e) {
            throw located(e, displayName);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the decision log: " + e.getMessage(),
                    SourceLocation.ofFile(displayName), e);
        }
    }

    private static InvalidInputException located(JsonProcessingException e, String file) {
        JsonLocation where = e.getLocation();
        SourceLocation location = where == null ? SourceLocation.ofFile(file)
                : new SourceLocation(file, Math.max(0, where.getLineNr()), Math.max(0, where.getColumnNr()));
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown property '" + unknown.getPropertyName() + "'; a waiver has rule, item, reason, approver, expires";
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(r -> r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "." + r.getFieldName())
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            message = path + ": " + firstLine(e.getOriginalMessage())
                    + (path.endsWith("expires") ? " (expected a date, YYYY-MM-DD)" : "");
        } else {
            message = "malformed decision log: " + firstLine(e.getOriginalMessage());
        }
        return new InvalidInputException(message, location, e);
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.replaceAll(" \\(class [^)]*\\)", "").replaceAll(" for type `[^`]*`", "");
    }

    /** The decision log; only waivers are read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DecisionLog(List<WaiverEntry> waivers) {
    }

    /** One waiver as written. */
    record WaiverEntry(
            @JsonProperty(required = true) String rule,
            @JsonProperty(required = true) String item,
            @JsonProperty(required = true) String reason,
            @JsonProperty(required = true) String approver,
            @JsonProperty(required = true) LocalDate expires) {

        Waiver toWaiver() {
            return new Waiver(rule, item, reason, approver, expires);
        }
    }
}
