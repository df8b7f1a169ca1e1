package dev.planning.engine.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.Printable;
import dev.planning.engine.internal.json.JsonMappers;

/**
 * The text of a {@code --format json} document as the command line prints it, for the public methods
 * that return it ({@code CiReports.lintJson} and its siblings, {@code RuleTestReport.json},
 * {@code RulebookImpact.json}): indented by the mapper {@code PlanningJson} uses, each lone surrogate
 * replaced by U+FFFD (I-JSON, RFC 7493, has none, and Jackson refuses its escape in a field name),
 * and each other character not {@linkplain Printable#shownAsItself shown as itself} (a control
 * character, a bidirectional control, U+2028) written as {@code \u005cuXXXX}, as the command line's
 * output writer does: the same value in a JSON string, so the text is valid JSON and encodes as
 * UTF-8 whatever a plan holds. Without a trailing line break.
 */
public final class CommandJson {

    /** Thread-safe once configured, as Jackson documents; never reconfigured. */
    private static final ObjectMapper PRETTY = JsonMappers.prettyJson();

    private CommandJson() {
    }

    /**
     * The document as the command line prints it, without the line break it prints after it: the one
     * writer of every {@code --format json} output ({@code PlanningJson.write} is this method, and the
     * command line prints the JSON of sign, import, digest, improve, report and the store commands
     * through it).
     *
     * @param document a record of the command's JSON schema, or a list, map, string, number, boolean
     *                 or {@code null}
     * @return the JSON text
     * @throws IllegalArgumentException when the value holds something that has no JSON form (such as an
     *                                  object with no properties); the message names its type
     */
    public static String write(Object document) {
        String json;
        try {
            json = PRETTY.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + (document == null ? "null" : document.getClass().getName())
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
        return Printable.shown(wellFormed(json), "\n");
    }

    /** The text with each surrogate that is not half of a pair replaced by U+FFFD; the same string when there is none. */
    static String wellFormed(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (fixed == null) {
                fixed = new StringBuilder(text);
            }
            fixed.setCharAt(i, '\ufffd');
        }
        return fixed == null ? text : fixed.toString();
    }
}
