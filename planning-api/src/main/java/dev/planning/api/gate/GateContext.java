package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.Rulebook;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything a gate may look at for one cycle and one transition. Supplied by the engine;
 * read-only.
 *
 * <p>Parsed artifacts are present only when their files exist and could be read; a gate that
 * needs a missing artifact should report a finding rather than throw.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface GateContext {

    /** The cycle being checked. */
    CycleRef cycle();

    /** The transition the gates run for (also in a dry run). */
    Transition transition();

    /** The workspace root, absolute. */
    Path workspace();

    /** The rulebook in force. */
    Rulebook rulebook();

    /** The cycle's task breakdown, when it exists and could be read. */
    Optional<TaskBreakdown> tasks();

    /** The cycle's story map, when it exists and could be read. */
    Optional<StoryMap> storyMap();

    /** The task breakdowns of the other streams of the workspace, by stream name. */
    Map<String, TaskBreakdown> otherStreams();

    /** The cycle's artifact files, as workspace-relative paths with {@code /} separators. */
    List<String> artifactPaths();

    /**
     * The results of the gates that already ran in this transition, in the order they ran (for
     * example {@code schema_lint} before {@code governance}), so that a gate can take them into
     * account. Empty for the first gate, and by default for contexts that do not track them.
     *
     * @return an unmodifiable list, never {@code null}
     */
    default List<GateResult> priorResults() {
        return List.of();
    }

    /**
     * The moment the verdict is judged at, when it is not now: set when a sealed verdict is
     * recomputed, so that a gate that depends on the day (for example waivers that expire) judges
     * as it did when the verdict was sealed. Empty for a live run: the gate uses its own clock.
     *
     * @return never {@code null}
     */
    default Optional<java.time.Instant> judgedAt() {
        return Optional.empty();
    }
}
