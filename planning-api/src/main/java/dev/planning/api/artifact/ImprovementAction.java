package dev.planning.api.artifact;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An improvement action from a digest, carried into the next cycle's task breakdown.
 *
 * @param id     stable id, e.g. {@code IA-2025-09-02-1}
 * @param action what to do
 * @param owner  who does it
 * @param due    by when
 * @since 0.1
 */
public record ImprovementAction(String id, String action, String owner, Optional<LocalDate> due) {

    public ImprovementAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(due, "due");
    }
}
