package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An improvement action from a cycle's decision log, listed in its digest and carried into the next
 * cycle's task breakdown as a task whose {@code origin} cites the digest and this id.
 *
 * @param id     stable id, e.g. {@code IA-2025-09-02-1}; it becomes the carried task's id
 * @param action what to do
 * @param owner  who does it
 * @param due    by when
 * @param tags   governance tags the carried task gets ({@code "criticality:2"}); may be empty
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record ImprovementAction(String id, String action, String owner, Optional<LocalDate> due, List<String> tags) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param id stable id, e.g. {@code IA-2025-09-02-1}; it becomes the carried task's id
     * @param action what to do
     * @param owner who does it
     * @param due by when
     * @param tags governance tags the carried task gets ({@code "criticality:2"}); may be empty
     */
    public ImprovementAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(due, "due");
        tags = List.copyOf(tags);
    }

    /**
     * An action without tags.
     *
     * @param id stable id, e.g. {@code IA-2025-09-02-1}; it becomes the carried task's id
     * @param action what to do
     * @param owner who does it
     * @param due by when
     */
    public ImprovementAction(String id, String action, String owner, Optional<LocalDate> due) {
        this(id, action, owner, due, List.of());
    }
}
