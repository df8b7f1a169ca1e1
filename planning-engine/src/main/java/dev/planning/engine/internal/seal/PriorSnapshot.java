package dev.planning.engine.internal.seal;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.git.GitRepository;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a prior manifest's artifacts where they were sealed: at its {@code snapshot_rev}, read
 * from git objects (not the working tree, whose files later cycles may have changed). Fails
 * closed: a prior without a revision, outside a repository, or with an artifact missing or
 * different at that revision is a discrepancy. Evidence files, written by the sealing run itself
 * and committed later, are the exception: they are checked only when present at the revision.
 *
 * <p>The prior is bound as {@code verify} of its own cycle binds it (seal26): its {@code snapshot_rev} on
 * {@code HEAD}'s first-parent line (told by commit id first, which reads no tree), or else a commit of that line
 * holding its sealed set ({@link SnapshotBinding}). A later handoff rests on its prior's seal as verify of the
 * prior judges it; a handoff signed on a branch that never landed (its commit on a side branch, or dangling once
 * the branch is gone) is no prior of this line.
 */
final class PriorSnapshot {

    private PriorSnapshot() {
    }

    /**
     * @param cycle the prior's own cycle; empty when it names none (then only its {@code snapshot_rev} on the line
     *              binds it)
     */
    static List<Discrepancy> check(Path workspace, WorkspaceLayout layout, HandoffManifest prior,
            Optional<CycleRef> cycle, String display) {
        List<Discrepancy> found = new ArrayList<>();
        String id = prior.manifestId();
        String rev = prior.snapshotRev();
        if (rev.equals(GitState.NONE) || prior.dirty()) {
            found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, display, "a clean snapshot_rev",
                    "snapshot_rev " + rev + (prior.dirty() ? ", dirty" : ""), "prior manifest " + id
                            + " was not sealed at a clean git revision, so its artifacts cannot be checked"));
            return found;
        }
        Optional<GitRepository> repository = GitRepository.find(workspace);
        if (repository.isEmpty()) {
            found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, display, "prior manifest " + id
                    + " cannot be checked at its snapshot_rev: the workspace is not in a git repository"));
            return found;
        }
        try (GitRepository git = repository.get()) {
            if (!git.hasCommit(rev)) {
                found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, display, "commit " + rev, "no such commit",
                        "prior manifest " + id + ": snapshot_rev is not a commit of the workspace's repository"
                                + SnapshotCheck.shallowClone(git)));
                return found;
            }
            bound(git, layout, prior, cycle, display).ifPresent(found::add);
            for (ArtifactChecksum artifact : prior.artifacts()) {
                // Streamed: a prior artifact (evidence included) may be of any size at that commit.
                Optional<Sha256.FileDigest> bytes = git.digest(rev, artifact.path());
                boolean evidence = artifact.path().contains("/evidence/");
                if (bytes.isEmpty()) {
                    if (!evidence) {
                        found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, artifact.path(), "sha256 "
                                + artifact.sha256() + " at " + rev, "no such file at " + rev, "prior manifest " + id
                                        + " seals a file that its snapshot_rev does not contain"));
                    }
                    continue;
                }
                String actual = bytes.get().sha256();
                if (!actual.equals(artifact.sha256()) || bytes.get().bytes() != artifact.bytes()) {
                    found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, artifact.path(), "sha256 "
                            + artifact.sha256() + " at " + rev, "sha256 " + actual, "prior manifest " + id
                                    + ": the artifact at its snapshot_rev is not the one it seals"));
                }
            }
        } catch (UnreadableInputException | SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, display, "prior manifest " + id
                    + " cannot be checked at its snapshot_rev: " + e.getMessage()));
        }
        return found;
    }

    /** A refusal when no commit of {@code HEAD}'s first-parent line holds the prior's sealed set. */
    private static Optional<Discrepancy> bound(GitRepository git, WorkspaceLayout layout, HandoffManifest prior,
            Optional<CycleRef> cycle, String display) {
        String rev = prior.snapshotRev();
        // By id first: a prior sealed on the line (the usual case) binds without a tree read of the commits since.
        if (git.onFirstParentLine(rev::equals, "snapshot_rev " + rev + " of prior manifest " + prior.manifestId())
                .isPresent()) {
            return Optional.empty();
        }
        Optional<Set<String>> inputs = cycle.flatMap(c -> SealedInputs.committedInputs(git, layout, c, rev));
        return SnapshotBinding.check(git, layout, cycle, inputs, rev, display).refused().map(d -> new Discrepancy(
                DiscrepancyKind.PRIOR_MANIFEST, d.file(), d.expected(), d.actual(), "prior manifest "
                        + prior.manifestId() + ": " + d.message() + SnapshotCheck.shallowClone(git)));
    }
}
