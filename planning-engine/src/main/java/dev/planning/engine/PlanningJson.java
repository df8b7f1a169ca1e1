package dev.planning.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.engine.internal.report.CommandJson;
import org.apiguardian.api.API;

/**
 * Writes values as the indented JSON of the command line's {@code --format json} outputs, with the
 * engine's one configured mapper (its evidence files' too) and the command line's escaping: an
 * embedder (or the CLI, for every {@code --format json} it prints) gets the same bytes without
 * configuring a JSON library of its own.
 *
 * <p>A value is a record, a list, a map, a string, a number, a boolean or {@code null}, nested as
 * deep as needed. A record is written as an object with its components in declaration order; an
 * {@code Optional} component is written as its value ({@code null} when empty). Records may carry
 * Jackson's annotations ({@code @JsonProperty} for a name, {@code @JsonInclude} to leave out
 * {@code null} or empty values, {@code @JsonNaming} for snake_case names): they are honoured, and
 * nothing of Jackson appears in this class's signatures.
 *
 * <pre>{@code
 * record Summary(String cycle, boolean passed, List<String> gates) {}
 * String json = PlanningJson.write(new Summary("fe/2025-09-02", true, List.of("schema_lint")));
 * // {
 * //   "cycle" : "fe/2025-09-02",
 * //   "passed" : true,
 * //   "gates" : [ "schema_lint" ]
 * // }
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PlanningJson {

    private PlanningJson() {
    }

    /**
     * The value as indented JSON, without a trailing line break, exactly as the command line prints
     * it: each lone surrogate (which has no UTF-8 form, and I-JSON, RFC 7493, allows none) is
     * replaced by U+FFFD, and each other character not {@linkplain dev.planning.api.Printable#shownAsItself
     * shown as itself} (a control character, a bidirectional control, U+2028) is written as
     * {@code \u005cuXXXX}, the same value in a JSON string; so the text is valid JSON, encodes as UTF-8
     * and cannot reorder or hide what is printed around it, whatever the value holds.
     *
     * @param value what to write; {@code null} is written as {@code null}
     * @return the JSON text, never {@code null}
     * @throws IllegalArgumentException when the value holds something that has no JSON form (such
     *                                  as an object with no properties); the message names its type
     */
    public static String write(Object value) {
        return CommandJson.write(value);
    }
}
