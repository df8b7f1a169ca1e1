package dev.planning.api.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import org.apiguardian.api.API;

/**
 * The kinds of file a workspace layout places for a cycle, as {@link WorkspaceFiles#path} finds
 * them. Gates name a kind instead of spelling a path, so that a workspace laid out differently (or
 * kept in another store) reaches them unchanged.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ArtifactKind {

    /** The cycle's task breakdown (the backend's {@code backlog} file is accepted too). */
    TASK_BREAKDOWN,
    /** The cycle's story map, Markdown with YAML front matter. */
    STORY_MAP,
    /** The cycle's decision log: waivers and decisions. */
    DECISION_LOG,
    /** The cross-stream contracts the cycle's stream relies on. */
    CONTRACTS,
    /** The capacity model, one for the whole workspace (the cycle only locates the workspace). */
    CAPACITY_MODEL,
    /** The cycle's sealed handoff manifest. */
    MANIFEST,
    /** The cycle's published digest. */
    DIGEST,
    /** The cycle's retrospective (decisions taken after the handoff; never sealed). */
    RETROSPECTIVE,
    /** The cycle's event log, when the event store keeps it in the workspace. */
    EVENT_LOG,
    /** The directory of the cycle's gate evidence. */
    EVIDENCE,
    /** The directory of the cycle's imported outcomes (test, coverage, deployment reports). */
    OUTCOMES
}
