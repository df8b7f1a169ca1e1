package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * One thing a gate found: a stable code, a severity, a message a person understands, and what it
 * concerns (a file position and/or a task).
 *
 * <p>Made with a factory per severity:
 * <pre>{@code
 * Finding required = Finding.error("schema.required", "task FE-12: `owner` is required",
 *         new SourceLocation("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", 14, 5))
 *         .withTask("FE-12");
 * Finding stale = Finding.warning("coverage.stale", "the coverage report is older than the plan");
 * Finding note = Finding.info("coverage.missing", "no e2e coverage report was imported");
 * }</pre>
 *
 * <p>The code must not be blank and each fact's name must match {@code [a-z][a-z0-9_]{0,31}}, as
 * the {@code --format json} schemas require; the constructor refuses anything else, so a plug-in
 * gate that makes such a finding fails with {@code gate.crashed} (see {@link Gate#evaluate}) and
 * never prints JSON its schema refuses.
 *
 * @param code     a stable identifier such as {@code schema.required} or {@code ref.dangling}
 * @param severity how serious it is
 * @param message  what is wrong and what was expected, each value from a file quoted where it is built
 *                 ({@link Printable#line}, {@link Printable#cut}, {@link Printable#path}): every output shows it with
 *                 its escapes as they are ({@link #describe}); a raw value's own {@code \u005cu000A} would read like an
 *                 escaped line feed (the rule: {@link dev.planning.api.PlanningException#describe}, msg41)
 * @param location where, when it concerns a file
 * @param taskId   which task, when it concerns one
 * @param facts    the values the check compared, in the order it names them (e.g.
 *                 {@code approvals -> 1, required -> 3}); empty when it reports none
 * @param hint     how to fix it, when the check says (a governance rule's {@code @solution})
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Finding(
        String code,
        Severity severity,
        String message,
        Optional<SourceLocation> location,
        Optional<String> taskId,
        Map<String, String> facts,
        Optional<String> hint) {

    /**
     * What a fact's name may be, as the JSON schemas of lint, gate, advance and rules diff require
     * ({@code propertyNames}); a governance rule's facts are held to it when the rulebook compiles.
     */
    private static final Pattern FACT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** The longest part of a refused value a message quotes: a plug-in's name may be any length. */
    private static final int QUOTED = 40;

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param severity how serious it is
     * @param message what is wrong and what was expected
     * @param location where, when it concerns a file
     * @param taskId which task, when it concerns one
     * @param facts the values the check compared, in the order it names them (e.g. {@code approvals -> 1,
     *              required -> 3}); empty when it reports none
     * @param hint how to fix it, when the check says (a governance rule's {@code @solution})
     * @throws IllegalArgumentException when the code is blank or a fact's name is not
     *                                  {@code [a-z][a-z0-9_]{0,31}}
     */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(taskId, "taskId");
        if (code.isBlank()) {
            throw new IllegalArgumentException("a finding's code must not be blank");
        }
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        facts.forEach((k, v) -> {
            Objects.requireNonNull(k, "fact name");
            Objects.requireNonNull(v, "fact value");
            if (!FACT_NAME.matcher(k).matches()) {
                throw new IllegalArgumentException("fact name " + quoted(k) + " of finding " + quoted(code)
                        + " must match " + FACT_NAME.pattern());
            }
        });
        Objects.requireNonNull(hint, "hint");
    }

    /**
     * A finding with no compared values and no fix hint.
     *
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param severity how serious it is
     * @param message what is wrong and what was expected
     * @param location where, when it concerns a file
     * @param taskId which task, when it concerns one
     */
    public Finding(String code, Severity severity, String message, Optional<SourceLocation> location,
            Optional<String> taskId) {
        this(code, severity, message, location, taskId, Map.of(), Optional.empty());
    }

    /**
     * A finding of any severity, without a location or a task; add them with
     * {@link #withLocation(SourceLocation)} and {@link #withTask(String)}.
     *
     * @param severity how serious it is
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param message what is wrong and what was expected
     * @return a finding of any severity, without a location or a task; add them with {@link
     *         #withLocation(SourceLocation)} and {@link #withTask(String)}
     * @throws NullPointerException when an argument is {@code null}
     */
    public static Finding of(Severity severity, String code, String message) {
        return new Finding(code, severity, message, Optional.empty(), Optional.empty());
    }

    /**
     * An error (the gate fails), without a location.
     *
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param message what is wrong and what was expected
     * @return an error (the gate fails), without a location
     */
    public static Finding error(String code, String message) {
        return of(Severity.ERROR, code, message);
    }

    /**
     * An error (the gate fails) at a location; a {@code null} location means none.
     *
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param message what is wrong and what was expected
     * @param location where, when it concerns a file
     * @return an error (the gate fails) at a location; a {@code null} location means none
     */
    public static Finding error(String code, String message, SourceLocation location) {
        return new Finding(code, Severity.ERROR, message, Optional.ofNullable(location), Optional.empty());
    }

    /**
     * A warning (the gate warns), without a location.
     *
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param message what is wrong and what was expected
     * @return a warning (the gate warns), without a location
     */
    public static Finding warning(String code, String message) {
        return of(Severity.WARNING, code, message);
    }

    /**
     * A warning (the gate warns) at a location; a {@code null} location means none.
     *
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param message what is wrong and what was expected
     * @param location where, when it concerns a file
     * @return a warning (the gate warns) at a location; a {@code null} location means none
     */
    public static Finding warning(String code, String message, SourceLocation location) {
        return new Finding(code, Severity.WARNING, message, Optional.ofNullable(location), Optional.empty());
    }

    /**
     * A finding for the record (the gate's status is unaffected), without a location.
     *
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param message what is wrong and what was expected
     * @return a finding for the record (the gate's status is unaffected), without a location
     */
    public static Finding info(String code, String message) {
        return of(Severity.INFO, code, message);
    }

    /**
     * A finding for the record at a location; a {@code null} location means none.
     *
     * @param code a stable identifier such as {@code schema.required} or {@code ref.dangling}
     * @param message what is wrong and what was expected
     * @param location where, when it concerns a file
     * @return a finding for the record at a location; a {@code null} location means none
     */
    public static Finding info(String code, String message, SourceLocation location) {
        return new Finding(code, Severity.INFO, message, Optional.ofNullable(location), Optional.empty());
    }

    /**
     * The same finding, at a location; a {@code null} location means none.
     *
     * @param where the location, or {@code null} for none
     * @return the same finding, at a location; a {@code null} location means none
     */
    public Finding withLocation(SourceLocation where) {
        return new Finding(code, severity, message, Optional.ofNullable(where), taskId, facts, hint);
    }

    /**
     * The same finding, about a task.
     *
     * @param id the task's id
     * @return the same finding, about a task
     */
    public Finding withTask(String id) {
        return new Finding(code, severity, message, location, Optional.ofNullable(id), facts, hint);
    }

    /**
     * The same finding, explained: the values compared and how to fix it.
     *
     * @param compared the values the check compared, by name, in order
     * @param fix how to fix it, if there is advice
     * @return the same finding, explained: the values compared and how to fix it
     */
    public Finding explained(Map<String, String> compared, Optional<String> fix) {
        return new Finding(code, severity, message, location, taskId, compared, fix);
    }

    /**
     * The compared values as one line, {@code approvals: 1, required: 3}; empty when there are none.
     *
     * @return the compared values as one line, {@code approvals: 1, required: 3}; empty when there are none
     */
    public String factsLine() {
        return facts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * {@code file:line:column: severity: message [code]}, the form compilers print, followed by the
     * compared values in parentheses and the fix hint ({@code fix: ...}) when the finding has them;
     * always one line: a line break, an escape sequence or a bidirectional control in the message (a
     * plan's text it quotes) is shown as {@code \u005cuXXXX} ({@link Printable#shown(String, String)}: the values the
     * message quotes were quoted by {@link Printable#line}, so their escapes are kept as they are).
     *
     * @return the finding on one line, for people
     */
    public String describe() {
        String where = location.map(l -> l + ": ").orElse("");
        String values = facts.isEmpty() ? "" : " (" + factsLine() + ")";
        String fix = hint.map(h -> "; fix: " + h).orElse("");
        // The message's values were quoted by Printable.line where it was made: its escapes are kept as they are.
        return Printable.shown(where + severity.name().toLowerCase(Locale.ROOT) + ": " + message + values + fix
                + " [" + code + "]", "");
    }

    /** A value in a message on one line, cut after {@link #QUOTED} characters. */
    private static String quoted(String value) {
        String head = value.length() > QUOTED ? value.substring(0, QUOTED) + "..." : value;
        return "'" + Printable.line(head) + "'";
    }
}
