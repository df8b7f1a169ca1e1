package dev.planning.rules.gate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.Waiver;
import dev.planning.rules.yaml.YamlInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

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
            DecisionLog log = YamlInput.mapper().readValue(file.toFile(), DecisionLog.class);
            if (log == null || log.waivers() == null) {
                return List.of();
            }
            return log.waivers().stream().map(WaiverEntry::toWaiver).toList();
        } catch (JsonProcessingException e) {
            throw YamlInput.error(e, displayName);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the decision log: " + e.getMessage(),
                    SourceLocation.ofFile(displayName), e);
        }
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

        WaiverEntry {
            for (String[] field : new String[][] {{"rule", rule}, {"item", item}, {"reason", reason}, {"approver", approver}}) {
                if (field[1] == null || field[1].isBlank()) {
                    throw new IllegalArgumentException("'" + field[0] + "' must have a value");
                }
            }
            if (expires == null) {
                throw new IllegalArgumentException("'expires' must have a value: the last day the waiver applies");
            }
        }

        Waiver toWaiver() {
            return new Waiver(rule, item, reason, approver, expires);
        }
    }
}
