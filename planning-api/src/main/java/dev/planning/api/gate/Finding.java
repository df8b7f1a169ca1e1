package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One thing a gate found: a stable code, a severity, a message a person understands, and what it
 * concerns (a file position and/or a task).
 *
 * <pre>{@code
 * new Finding("schema.required", Severity.ERROR, "task FE-12: `owner` is required",
 *         Optional.of(new SourceLocation("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", 14, 5)),
 *         Optional.of("FE-12"))
 * }</pre>
 *
 * @param code     a stable identifier such as {@code schema.required} or {@code ref.dangling}
 * @param severity how serious it is
 * @param message  what is wrong and what was expected
 * @param location where, when it concerns a file
 * @param taskId   which task, when it concerns one
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Finding(
        String code,
        Severity severity,
        String message,
        Optional<SourceLocation> location,
        Optional<String> taskId) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(taskId, "taskId");
    }

    /** An error at a location. */
    public static Finding error(String code, String message, SourceLocation location) {
        return new Finding(code, Severity.ERROR, message, Optional.ofNullable(location), Optional.empty());
    }

    /** The same finding, about a task. */
    public Finding withTask(String id) {
        return new Finding(code, severity, message, location, Optional.ofNullable(id));
    }

    /** {@code file:line:column: severity: message [code]}, the form compilers print. */
    public String describe() {
        String where = location.map(l -> l + ": ").orElse("");
        return where + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message + " [" + code + "]";
    }
}
