package dev.planning.engine.internal.seal;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.git.GitRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The check that a manifest's {@code snapshot_rev} is a commit of the workspace's git repository whose sealed
 * content a commit of {@code HEAD}'s first-parent line holds ({@link SnapshotBinding}),
 * started ahead on a thread of its own while the verifier checks everything else, and joined where
 * the verifier reports it.
 *
 * <p>Why ahead: opening a repository with JGit is most of a short verification's own work in a git
 * work tree (JGit's message bundle, its system configuration found by running {@code git} twice, the
 * user's configuration, the file store's attributes, the pack indexes: 75–110 ms of CPU, against
 * 125–170 ms for the rest of {@code verify --checksums-only}; docs/benchmarks/cold-start.md, "Cold start,
 * thirteenth pass"), and none of it depends on anything the other checks compute: only on the
 * workspace and the revision the manifest records, both fixed once the manifest is read.
 *
 * <p>When asked, the same thread also tells the inputs the handoff's gates read at that commit
 * ({@link SealedInputs#committedInputs(GitRepository, WorkspaceLayout, CycleRef, String)}), with the
 * repository it opened: on the calling thread that was a second opening of the repository and a walk
 * of the commit's streams directory (then also a temporary directory of empty files, which seal24
 * replaced by the commit's names alone), all before the other checks (a few percent of a cold
 * {@code verify --checksums-only} at most: docs/BENCHMARKS.md, perf23).
 *
 * <p>The answer is the one {@link #check} gives on the calling thread: the lookup is the same code.
 * When the background lookup failed in any way, or the wait for it is interrupted, {@link #result()}
 * and {@link #committedInputs()} run the check again on the calling thread, so that an error surfaces
 * there, as it did before (and the thread's interrupt status is kept). A revision of {@code none}
 * starts no thread.
 */
final class SnapshotCheck {

    /**
     * Whether the revision is missing, the inputs the gates read there (when asked and it is a commit), and what
     * {@code HEAD} holds other than the sealed set when an older commit of its first-parent line holds it.
     */
    private record Answer(Optional<Discrepancy> missing, Optional<Set<String>> committed, Optional<String> note,
            List<Discrepancy> unlikeCommitted) {

        Answer(Optional<Discrepancy> missing, Optional<Set<String>> committed) {
            this(missing, committed, Optional.empty(), List.of());
        }
    }

    private final Path workspace;
    private final HandoffManifest manifest;
    private final String display;
    private final WorkspaceLayout layout;
    private final Optional<CycleRef> inputsOf;
    private final FutureTask<Answer> ahead;
    private Answer here;

    private SnapshotCheck(Path workspace, HandoffManifest manifest, String display, WorkspaceLayout layout,
            Optional<CycleRef> inputsOf, FutureTask<Answer> ahead) {
        this.workspace = workspace;
        this.manifest = manifest;
        this.display = display;
        this.layout = layout;
        this.inputsOf = inputsOf;
        this.ahead = ahead;
    }

    /**
     * Starts the check of {@code manifest}'s {@code snapshot_rev} on a daemon thread, unless there is
     * no revision to look up.
     */
    static SnapshotCheck ahead(Path workspace, HandoffManifest manifest, String display) {
        return ahead(workspace, manifest, display, WorkspaceLayout.DEFAULT, Optional.empty());
    }

    /**
     * As {@link #ahead(Path, HandoffManifest, String)}, the same thread then telling the inputs the gates
     * of {@code inputsOf} read at the revision ({@link #committedInputs()}), unless the manifest records
     * {@code dirty: true}.
     */
    static SnapshotCheck ahead(Path workspace, HandoffManifest manifest, String display, WorkspaceLayout layout,
            Optional<CycleRef> inputsOf) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(inputsOf, "inputsOf");
        if (manifest.snapshotRev().equals(GitState.NONE)) {
            return new SnapshotCheck(workspace, manifest, display, layout, inputsOf, null);
        }
        FutureTask<Answer> task = new FutureTask<>(() -> answer(workspace, manifest, display, layout, inputsOf));
        Thread thread = new Thread(task, "planning-snapshot-check");
        thread.setDaemon(true);
        thread.start();
        return new SnapshotCheck(workspace, manifest, display, layout, inputsOf, task);
    }

    /** The check's answer: waits for the lookup started ahead, or runs it here (see the class comment). */
    Optional<Discrepancy> result() {
        return answer().missing();
    }

    /**
     * What {@code HEAD} holds other than the sealed set, when the commit of its first-parent line that holds the
     * sealed set is an older one ({@link SnapshotBinding}): a note for the report, never a discrepancy.
     */
    Optional<String> note() {
        return answer().note();
    }

    /**
     * The inputs the gates of the cycle given to {@link #ahead(Path, HandoffManifest, String, WorkspaceLayout,
     * Optional)} read at {@code snapshot_rev} ({@link SealedInputs#committedInputs(GitRepository, WorkspaceLayout,
     * CycleRef, String)}); empty when none was given, the manifest records {@code dirty: true}, or the revision is
     * {@code none} or no commit of the workspace's repository ({@link #result()} reports that).
     *
     * @throws dev.planning.api.PlanningException when the repository cannot be opened or read
     * @throws dev.planning.api.InvalidInputException when the commit holds too many planning files
     */
    Optional<Set<String>> committedInputs() {
        return answer().committed();
    }

    /**
     * The sealed inputs of a clean seal whose sealed SHA-256 and size are not the blob's committed at
     * {@code snapshot_rev} ({@link SealedInputs#unlikeCommitted}), compared on the same thread; empty when
     * {@link #committedInputs()} is.
     *
     * @throws dev.planning.api.PlanningException when a blob cannot be read
     * @throws dev.planning.api.InvalidInputException when a blob of the sealed size is over the read bound
     */
    List<Discrepancy> unlikeCommitted() {
        return answer().unlikeCommitted();
    }

    private Answer answer() {
        if (here != null) {
            return here;
        }
        if (ahead != null) {
            try {
                return ahead.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // The failure is met again below, on this thread, where it always was.
            }
        }
        here = answer(workspace, manifest, display, layout, inputsOf);
        return here;
    }

    /**
     * Whether the manifest's {@code snapshot_rev} is a commit of the repository the workspace lies in whose
     * sealed content a commit of {@code HEAD}'s first-parent line holds ({@link SnapshotBinding}), on the calling
     * thread: a discrepancy when it is not, when the
     * workspace is in no repository, or
     * when the revision is {@code none} and the manifest does not record {@code dirty: true}.
     *
     * @throws dev.planning.api.PlanningException when the repository cannot be opened or read
     */
    static Optional<Discrepancy> check(Path workspace, HandoffManifest manifest, String display) {
        return answer(workspace, manifest, display, WorkspaceLayout.DEFAULT, Optional.empty()).missing();
    }

    /**
     * What to add to a refusal of {@code snapshot_rev} in a shallow clone (a CI checkout's {@code --depth 1}): the
     * sealed commit, or the commits of the line that hold its content, may lie past the clone's depth (probe27).
     */
    static String shallowClone(GitRepository git) {
        return git.shallow() ? " (this repository is a shallow clone, which holds no commit older than its depth:"
                + " fetch the whole history, `git fetch --unshallow`, and verify again)" : "";
    }

    private static Answer answer(Path workspace, HandoffManifest manifest, String display, WorkspaceLayout layout,
            Optional<CycleRef> inputsOf) {
        String rev = manifest.snapshotRev();
        if (rev.equals(GitState.NONE)) {
            return new Answer(manifest.dirty() ? Optional.empty() : Optional.of(Discrepancy.of(
                    DiscrepancyKind.SNAPSHOT_REV_MISSING, display, "a git revision", "none",
                    "snapshot_rev is none but the manifest does not record dirty: true")), Optional.empty());
        }
        Optional<GitRepository> repository = GitRepository.find(workspace);
        if (repository.isEmpty()) {
            return new Answer(Optional.of(Discrepancy.of(DiscrepancyKind.SNAPSHOT_REV_MISSING, display, "commit " + rev,
                    "no git repository", "the workspace is not in a git repository, so snapshot_rev cannot be checked")),
                    Optional.empty());
        }
        try (GitRepository git = repository.get()) {
            if (!git.hasCommit(rev)) {
                return new Answer(Optional.of(Discrepancy.of(DiscrepancyKind.SNAPSHOT_REV_MISSING, display, "commit " + rev,
                        "no such commit", "snapshot_rev " + rev + " is not a commit of the workspace's repository"
                                + shallowClone(git))), Optional.empty());
            }
            // A commit of another branch, or of none, may hold any set of inputs: the contributor chooses it
            // (a branch where the capacity model was never committed, sealed there with the tool: attack24), and
            // a merge that takes none of its changes (git merge -s ours) makes it an ancestor of HEAD. So the
            // seal binds to content on HEAD's first-parent line, not to ancestry (bind25).
            Optional<Set<String>> atRev = inputsOf.flatMap(cycle -> SealedInputs.committedInputs(git, layout, cycle, rev));
            SnapshotBinding.Outcome bound = SnapshotBinding.check(git, layout, inputsOf, atRev, rev, display);
            if (bound.refused().isPresent()) {
                return new Answer(bound.refused().map(d -> new Discrepancy(d.kind(), d.file(), d.expected(), d.actual(),
                        d.message() + shallowClone(git))), Optional.empty());
            }
            if (manifest.dirty() || atRev.isEmpty()) {
                return new Answer(Optional.empty(), Optional.empty(), bound.note(), List.of());
            }
            // A clean seal claims the content of snapshot_rev: each sealed input is the blob committed there, read
            // from git, never the work tree (seal26).
            return new Answer(Optional.empty(), atRev, bound.note(), SealedInputs.unlikeCommitted(git, manifest,
                    atRev.get()));
        }
    }
}
