package dev.planning.engine.internal.seal;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.git.GitRepository;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a prior manifest's artifacts where they were sealed: at its {@code snapshot_rev}, read
 * from git objects (not the working tree, whose files later cycles may have changed). Fails
 * closed: a prior without a revision, outside a repository, or with an artifact missing or
 * different at that revision is a discrepancy. Evidence files, written by the sealing run itself
 * and committed later, are the exception: they are checked only when present at the revision.
 */
final class PriorSnapshot {

    private PriorSnapshot() {
    }

    static List<Discrepancy> check(Path workspace, HandoffManifest prior, String display) {
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
                        "prior manifest " + id + ": snapshot_rev is not a commit of the workspace's repository"));
                return found;
            }
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
        } catch (UnreadableInputException e) {
            throw e;
        } catch (PlanningException e) {
            found.add(Discrepancy.of(DiscrepancyKind.PRIOR_MANIFEST, display, "prior manifest " + id
                    + " cannot be checked at its snapshot_rev: " + e.getMessage()));
        }
        return found;
    }
}
