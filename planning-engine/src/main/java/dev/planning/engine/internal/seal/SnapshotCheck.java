package dev.planning.engine.internal.seal;

import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.git.GitRepository;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The check that a manifest's {@code snapshot_rev} is a commit of the workspace's git repository,
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
 * <p>The answer is the one {@link #check} gives on the calling thread: the lookup is the same code.
 * When the background lookup failed in any way, or the wait for it is interrupted, {@link #result()}
 * runs the check again on the calling thread, so that an error surfaces there, as it did before
 * (and the thread's interrupt status is kept). A revision of {@code none} starts no thread.
 */
final class SnapshotCheck {

    private final Path workspace;
    private final HandoffManifest manifest;
    private final String display;
    private final FutureTask<Optional<Discrepancy>> ahead;

    private SnapshotCheck(Path workspace, HandoffManifest manifest, String display,
            FutureTask<Optional<Discrepancy>> ahead) {
        this.workspace = workspace;
        this.manifest = manifest;
        this.display = display;
        this.ahead = ahead;
    }

    /**
     * Starts the check of {@code manifest}'s {@code snapshot_rev} on a daemon thread, unless there is
     * no revision to look up.
     */
    static SnapshotCheck ahead(Path workspace, HandoffManifest manifest, String display) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(display, "display");
        if (manifest.snapshotRev().equals(GitState.NONE)) {
            return new SnapshotCheck(workspace, manifest, display, null);
        }
        FutureTask<Optional<Discrepancy>> task = new FutureTask<>(() -> check(workspace, manifest, display));
        Thread thread = new Thread(task, "planning-snapshot-check");
        thread.setDaemon(true);
        thread.start();
        return new SnapshotCheck(workspace, manifest, display, task);
    }

    /** The check's answer: waits for the lookup started ahead, or runs it here (see the class comment). */
    Optional<Discrepancy> result() {
        if (ahead == null) {
            return check(workspace, manifest, display);
        }
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // The failure is met again below, on this thread, where it always was.
        }
        return check(workspace, manifest, display);
    }

    /**
     * Whether the manifest's {@code snapshot_rev} is a commit of the repository the workspace lies in,
     * on the calling thread: a discrepancy when it is not, when the workspace is in no repository, or
     * when the revision is {@code none} and the manifest does not record {@code dirty: true}.
     *
     * @throws dev.planning.api.PlanningException when the repository cannot be opened or read
     */
    static Optional<Discrepancy> check(Path workspace, HandoffManifest manifest, String display) {
        String rev = manifest.snapshotRev();
        if (rev.equals(GitState.NONE)) {
            return manifest.dirty() ? Optional.empty() : Optional.of(Discrepancy.of(
                    DiscrepancyKind.SNAPSHOT_REV_MISSING, display, "a git revision", "none",
                    "snapshot_rev is none but the manifest does not record dirty: true"));
        }
        Optional<GitRepository> repository = GitRepository.find(workspace);
        if (repository.isEmpty()) {
            return Optional.of(Discrepancy.of(DiscrepancyKind.SNAPSHOT_REV_MISSING, display, "commit " + rev,
                    "no git repository", "the workspace is not in a git repository, so snapshot_rev cannot be checked"));
        }
        try (GitRepository git = repository.get()) {
            return git.hasCommit(rev) ? Optional.empty() : Optional.of(Discrepancy.of(
                    DiscrepancyKind.SNAPSHOT_REV_MISSING, display, "commit " + rev, "no such commit",
                    "snapshot_rev " + rev + " is not a commit of the workspace's repository"));
        }
    }
}
