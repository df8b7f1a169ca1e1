package dev.planning.engine.internal.seal;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.engine.internal.git.GitRepository;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.engine.internal.workspace.UnreadableInputException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signing policy a sealed manifest is held to: that of the rulebook that judged it. When its
 * {@code rulebook_hash} is the rulebook in hand's, that rulebook's; otherwise the rulebook directory of
 * the workspace's layout as committed at the manifest's {@code snapshot_rev}, read from git objects,
 * whose rulebook hash (the one recipe, {@link RulebookHasher}) must be the sealed one. Only the
 * rulebook's settings are read (no rule is compiled).
 *
 * <p>Why a rulebook read from the repository may decide: the manifest's {@code rulebook_hash} and
 * {@code snapshot_rev} are inside what its signatures cover, a commit id binds the content read at it,
 * and the caller still applies the trust file's policy and the floor of one trusted signature, which no
 * rulebook lowers: an older, weaker rulebook committed by someone without a key gains them nothing.
 *
 * <p>Fails closed: a manifest not sealed at a clean revision, a workspace in no git repository, a
 * revision that is not a commit, no rulebook at that path at that commit, one that does not load, or
 * one whose hash is not the sealed one yields no policy but the reason. Each revision is read at most
 * once per instance: make one per verification. Not thread-safe.
 */
final class SealedRulebooks {

    /**
     * The policy a manifest is held to, or why none can be established.
     *
     * @param policy   the signing policy; empty when it cannot be established
     * @param source   where it came from ({@code the signing policy}, or that of the rulebook at a commit)
     * @param expected what was expected, for a refusal
     * @param actual   what was found, for a refusal
     * @param why      the refusal's explanation, for a refusal
     */
    record Judged(Optional<SigningPolicy> policy, String source, String expected, String actual, String why) {

        Judged {
            Objects.requireNonNull(policy, "policy");
        }

        static Judged of(SigningPolicy policy, String source) {
            return new Judged(Optional.of(policy), source, "", "", "");
        }

        static Judged refused(String expected, String actual, String why) {
            return new Judged(Optional.empty(), "", expected, actual, why);
        }
    }

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final Rulebook inHand;
    private final Map<String, Judged> byRevisionAndHash = new HashMap<>();

    SealedRulebooks(Path workspace, WorkspaceLayout layout, Rulebook inHand) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.inHand = Objects.requireNonNull(inHand, "inHand");
    }

    /** The signing policy {@code manifest} is held to, or why none can be established. */
    Judged policyOf(HandoffManifest manifest) {
        String sealed = manifest.rulebookHash();
        if (sealed.equals(inHand.hash())) {
            return Judged.of(inHand.signing(), "the signing policy");
        }
        String rev = manifest.snapshotRev();
        return byRevisionAndHash.computeIfAbsent(rev + " " + sealed, key -> read(rev, sealed, manifest.dirty()));
    }

    private Judged read(String rev, String sealed, boolean dirty) {
        String dir = layout.rulebookDir();
        String expected = "rulebook_hash " + sealed + " of " + dir + " at snapshot_rev " + rev;
        String another = "was judged by another rulebook (rulebook_hash " + sealed + ", the one in hand is "
                + inHand.hash() + ") and ";
        if (rev.equals(GitState.NONE) || dirty) {
            return Judged.refused(expected, "snapshot_rev " + rev + (dirty ? ", dirty" : ""), another
                    + "was not sealed at a clean git revision, so that rulebook cannot be read and its signing"
                    + " policy cannot be established");
        }
        Optional<GitRepository> found;
        try {
            found = GitRepository.find(workspace);
        } catch (UnreadableInputException | SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            return Judged.refused(expected, "no readable git repository", another + "its rulebook cannot be read"
                    + " at its snapshot_rev: " + e.getMessage());
        }
        if (found.isEmpty()) {
            return Judged.refused(expected, "no git repository", another + "its rulebook cannot be read at its"
                    + " snapshot_rev: the workspace is not in a git repository");
        }
        Map<String, byte[]> files;
        try (GitRepository git = found.get()) {
            if (!git.hasCommit(rev)) {
                return Judged.refused(expected, "no such commit", another + "its snapshot_rev is not a commit of the"
                        + " workspace's repository, so that rulebook cannot be read");
            }
            Optional<Map<String, byte[]>> committed = committedFiles(git, rev, dir);
            if (committed.isEmpty()) {
                return Judged.refused(expected, "no directory " + dir + " at " + rev, another + "its snapshot_rev"
                        + " holds no rulebook directory " + dir + ", so its signing policy cannot be established");
            }
            files = committed.get();
        } catch (UnreadableInputException | SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            return Judged.refused(expected, "a rulebook that cannot be read", another + "its rulebook at its"
                    + " snapshot_rev cannot be read: " + Printable.shown(e.describe(), ""));
        }
        RulebookHasher.Snapshot snapshot;
        try {
            snapshot = RulebookHasher.of(files);
        } catch (InvalidInputException e) {
            return Judged.refused(expected, "a rulebook that cannot be read", another + "its rulebook at its"
                    + " snapshot_rev cannot be read: " + Printable.shown(e.describe(), ""));
        }
        // The hash first: files that are not the sealed rulebook are never parsed, and are refused as such
        // even when they would not load (review20: they were refused as a rulebook that does not load).
        if (!snapshot.hash().equals(sealed)) {
            return Judged.refused(expected, "rulebook_hash " + snapshot.hash(), another + "the rulebook directory " + dir
                    + " at its snapshot_rev is not that one, so its signing policy cannot be established");
        }
        Rulebook committed;
        try {
            committed = RulebookLoader.loadSnapshot(snapshot, Path.of(dir), dir + " at " + rev);
        } catch (InvalidInputException e) {
            return Judged.refused(expected, "a rulebook that does not load", another + "its rulebook at its"
                    + " snapshot_rev does not load: " + Printable.shown(e.describe(), ""));
        }
        return Judged.of(committed.signing(), "the signing policy of the rulebook it was sealed under (" + dir
                + " at " + rev + ")");
    }

    /**
     * The files of the rulebook directory {@code dir} at commit {@code rev}, held to the bounds a rulebook read
     * from disk is held to, in the same words ({@link RulebookHasher.Sizes}), named as git names a file at a
     * revision ({@code rev:rulebook/rules/a.drl}).
     *
     * @return empty when the commit holds no such directory
     * @throws InvalidInputException when a file is over a bound, or its name or kind is refused
     */
    static Optional<Map<String, byte[]>> committedFiles(GitRepository git, String rev, String dir) {
        RulebookHasher.Sizes sizes = new RulebookHasher.Sizes(rev + ":" + dir);
        return git.files(rev, dir, (directory, file, bytes) -> sizes.add(file, bytes));
    }
}
