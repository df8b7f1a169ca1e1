package dev.planning.api.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A read-only view of a workspace's files that knows the layout: where each {@link ArtifactKind}
 * of a cycle lives. It is how a gate reads the workspace ({@link
 * dev.planning.api.gate.GateContext#files()}): a gate that asks for {@code
 * read(cycle, ArtifactKind.CONTRACTS)} needs no layout, no path of its own and no file system, so a
 * configured layout or another store reaches it unchanged.
 *
 * <pre>{@code
 * Optional<byte[]> log = context.files().read(context.cycle(), ArtifactKind.DECISION_LOG);
 * }</pre>
 *
 * <p>Paths are workspace-relative with {@code /} separators. Implementations refuse paths that are
 * absolute, contain {@code ..} or resolve outside the workspace, with an
 * {@link dev.planning.api.InvalidInputException}, and never write.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface WorkspaceFiles {

    /**
     * Where the layout puts an artifact of a cycle, whether or not the file exists. For
     * {@link ArtifactKind#TASK_BREAKDOWN}, the first accepted name that exists, otherwise the
     * preferred one; for {@link ArtifactKind#EVIDENCE} and {@link ArtifactKind#OUTCOMES}, the
     * directory.
     *
     * @param cycle the cycle
     * @param kind the kind of artifact
     * @return a workspace-relative path, never {@code null}
     */
    String path(CycleRef cycle, ArtifactKind kind);

    /**
     * The bytes of a file.
     *
     * @param path workspace-relative
     * @return the content, or empty when the file does not exist
     * @throws dev.planning.api.InvalidInputException when the path escapes the workspace
     * @throws dev.planning.api.PlanningException     when the file exists but cannot be read (the workspace's
     *                                               own files: also when it is over 32 MiB, which is not read)
     */
    Optional<byte[]> read(String path);

    /**
     * The bytes of a cycle's artifact, or empty when it does not exist: {@code read(path(cycle, kind))}.
     *
     * @param cycle the cycle
     * @param kind the kind of artifact
     * @return the bytes of a cycle's artifact, or empty when it does not exist: {@code read(path(cycle,
     *         kind))}
     */
    default Optional<byte[]> read(CycleRef cycle, ArtifactKind kind) {
        return read(path(cycle, kind));
    }

    /**
     * Whether a file exists.
     *
     * @param path the workspace-relative path
     * @return whether a file exists
     */
    default boolean exists(String path) {
        return read(path).isPresent();
    }

    /**
     * The files directly under a directory, workspace-relative, sorted.
     *
     * @param directory the workspace-relative directory
     * @return never {@code null}; empty when the directory does not exist
     */
    List<String> list(String directory);

    /**
     * The cycles of a stream that have planning files in the workspace, by cycle id: a planning file is a regular
     * file, as {@link dev.planning.api.PlanningWorkspace#cycles()} counts it.
     *
     * @param stream a stream name such as {@code fe}
     * @return never {@code null}; empty for a stream the workspace does not have
     * @throws dev.planning.api.InvalidInputException when a planning file's name is on a symbolic link whose target
     *                                               does not exist, a link out of the workspace or a directory
     */
    List<CycleRef> cycles(String stream);
}
