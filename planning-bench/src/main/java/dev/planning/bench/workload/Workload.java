package dev.planning.bench.workload;

import dev.planning.api.lifecycle.CycleRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A generated workspace: where it is, what produced it, and its cycles (every stream's plan of
 * every cycle id).
 *
 * @param root   the workspace directory
 * @param spec   what it was generated from
 * @param cycles every stream's cycle, ordered by cycle id, then stream
 * @since 0.1
 */
public record Workload(Path root, WorkloadSpec spec, List<CycleRef> cycles) {

    public Workload {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(spec, "spec");
        cycles = List.copyOf(cycles);
    }
}
