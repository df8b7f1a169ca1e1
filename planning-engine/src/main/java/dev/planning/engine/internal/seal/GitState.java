package dev.planning.engine.internal.seal;

import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.internal.git.GitRepository;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The git facts a manifest records: the {@code HEAD} revision ({@value #NONE} outside a repository
 * or before the first commit) and whether sealing went ahead over uncommitted changes.
 *
 * @param snapshotRev the revision, or {@value #NONE}
 * @param dirty       whether any sealed input, or the rulebook in hand, differed from {@code HEAD} (byte for byte)
 */
record GitState(String snapshotRev, boolean dirty) {

    /** The {@code snapshot_rev} of a workspace without a commit to point at. */
    static final String NONE = "none";

    /**
     * Reads the state of a workspace for the given plan artifacts, refusing uncommitted changes
     * unless {@code allowDirty}.
     *
     * @throws SealingException ({@code UNCOMMITTED_CHANGES}) naming the files and what to do
     */
    static GitState of(Path workspace, List<String> paths, boolean allowDirty, CycleRef cycle, WorkspaceLayout layout) {
        return of(workspace, paths, allowDirty, cycle, layout, Optional.empty());
    }

    /**
     * As {@link #of(Path, List, boolean, CycleRef, WorkspaceLayout)}, also refusing (or recording as dirty) a rulebook
     * in hand that is the workspace's rulebook directory but not that directory as committed at {@code HEAD}: the
     * binding compares the directory committed at {@code snapshot_rev}, so it must be the rulebook that judged
     * (probe26). A rulebook from outside the workspace's rulebook directory is not judged here.
     *
     * @param inHand the rulebook the gates run under
     */
    static GitState of(Path workspace, List<String> paths, boolean allowDirty, CycleRef cycle, WorkspaceLayout layout,
            Optional<Rulebook> inHand) {
        Optional<GitRepository> found = GitRepository.find(workspace);
        if (found.isEmpty()) {
            return refuseOrDirty(allowDirty, NONE, "the workspace " + workspace + " is not in a git repository, so "
                    + cycle + " cannot be sealed at a revision; commit it to git, or pass --allow-dirty to seal"
                    + " without one (recorded as dirty, snapshot_rev: none)", workspace);
        }
        try (GitRepository git = found.get()) {
            Optional<String> head = git.head();
            if (head.isEmpty()) {
                return refuseOrDirty(allowDirty, NONE, "the git repository of " + workspace + " has no commit yet;"
                        + " commit the artifacts of " + cycle + ", or pass --allow-dirty", workspace);
            }
            // An input in a submodule or a repository nested in the work tree is in no commit of this one: not to be
            // committed (git would record the other repository's commit id, never the file), so told apart (gittree27).
            Map<String, Map.Entry<String, Boolean>> elsewhere = git.inOtherRepositories(paths);
            List<String> uncommitted = new ArrayList<>(git.uncommitted(paths));
            uncommitted.removeAll(elsewhere.keySet());
            // An input committed at HEAD that the gates did not judge (deleted from the work tree, not
            // from git): the manifest would name a commit whose inputs were not all judged (attack23).
            List<String> unjudged = SealedInputs.committedInputs(git, layout, cycle, head.get())
                    .map(committed -> committed.stream().filter(path -> !paths.contains(path)).toList())
                    .orElse(List.of());
            // One a sparse checkout left out of the work tree is committed and unchanged: not to be committed
            // again, only checked out (seal24: it was listed as deleted, with "commit them").
            List<String> notCheckedOut = git.notCheckedOut(unjudged);
            unjudged.stream().filter(path -> !notCheckedOut.contains(path))
                    .forEach(path -> uncommitted.add(path + " (deleted)"));
            // Git's status calls a file unchanged when its bytes convert to the blob (.gitattributes eol, ident, a
            // filter; core.autocrlf), and follows no link: the gates would judge bytes no commit holds (probe26).
            List<String> converted = git.notAsCommitted(paths).stream().filter(path -> !uncommitted.contains(path)
                    && !elsewhere.containsKey(path)).toList();
            Optional<String> rulebook = inHand.flatMap(judging -> rulebookNotAsCommitted(git, workspace, layout, judging,
                    head.get()));
            if (uncommitted.isEmpty() && elsewhere.isEmpty() && notCheckedOut.isEmpty() && converted.isEmpty()
                    && rulebook.isEmpty()) {
                return new GitState(head.get(), false);
            }
            List<String> problems = new ArrayList<>();
            if (!uncommitted.isEmpty()) {
                problems.add("artifacts of " + cycle + " have uncommitted changes: " + String.join(", ", uncommitted)
                        + "; commit them");
            }
            if (!elsewhere.isEmpty()) {
                problems.add(inOtherRepositories(cycle, elsewhere));
            }
            if (!converted.isEmpty()) {
                problems.add("inputs of the gates of " + cycle + " are not in the work tree as committed at HEAD, though"
                        + " git's status shows no change: " + String.join(", ", converted) + " (each is a symbolic link,"
                        + " or its bytes are converted on checkout by .gitattributes text, eol, ident, filter or"
                        + " working-tree-encoding, or by core.autocrlf or core.eol), so the gates would judge bytes no"
                        + " commit holds, and another checkout may hold others; commit each as a regular file, with"
                        + " '-text -ident -filter -working-tree-encoding' for it in .gitattributes (planning init writes"
                        + " '* -text'), check it out again and seal again");
            }
            rulebook.ifPresent(problems::add);
            if (!notCheckedOut.isEmpty()) {
                problems.add("inputs of the gates of " + cycle + " committed at HEAD are not checked out (a sparse"
                        + " checkout leaves them out of the work tree), so the gates could not read them: "
                        + String.join(", ", notCheckedOut) + "; check them out (`git sparse-checkout add` their"
                        + " directories, or `git sparse-checkout disable`) and seal again");
            }
            return refuseOrDirty(allowDirty, head.get(), String.join("; and ", problems) + ", or pass --allow-dirty to"
                    + " seal anyway (the manifest then records dirty: true)", workspace);
        }
    }

    /**
     * Why inputs of the gates that lie in a submodule or a nested repository are refused, and what to do: each is in
     * another repository's commits, so the workspace's {@code snapshot_rev} cannot hold it, and "commit them" (the
     * advice for an uncommitted file) would only record the other repository's commit id.
     */
    private static String inOtherRepositories(CycleRef cycle, Map<String, Map.Entry<String, Boolean>> elsewhere) {
        List<String> named = new ArrayList<>();
        elsewhere.forEach((path, in) -> named.add(path + " (in " + (in.getValue() ? "the submodule " + in.getKey()
                : "the git repository nested at " + in.getKey() + ", which has its own .git") + ")"));
        return "inputs of the gates of " + cycle + " lie in another git repository than the workspace's: "
                + String.join(", ", named) + "; inputs must be files tracked by the workspace's own repository, since"
                + " snapshot_rev names a commit of that repository, which records a submodule's commit id but none of"
                + " its files, so what was sealed could not be checked against it; make each such directory part of"
                + " the workspace's repository (`git rm --cached DIR` for a submodule, move DIR/.git away, then `git add"
                + " DIR` and commit) and seal again";
    }

    /**
     * Why the rulebook in hand, when it is the workspace's rulebook directory, is not that directory as committed at
     * {@code head}, compared by rulebook hash (the one recipe, over the committed blobs); empty when it is, or when
     * the rulebook in hand lies elsewhere.
     */
    private static Optional<String> rulebookNotAsCommitted(GitRepository git, Path workspace, WorkspaceLayout layout,
            Rulebook inHand, String head) {
        String dir = layout.rulebookDir();
        try {
            if (!Files.isSameFile(workspace.resolve(dir), inHand.directory())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty(); // no such directory on one side: the rulebook in hand is not the workspace's
        }
        Optional<Map<String, byte[]>> committed = SealedRulebooks.committedFiles(git, head, dir);
        if (committed.isEmpty()) {
            return Optional.of("the rulebook the gates run under is the workspace's " + dir + ", but HEAD holds no"
                    + " directory " + dir + " (not committed, or committed as a symbolic link or a submodule), so no"
                    + " commit holds the rulebook that judged; commit it as a directory of regular files");
        }
        String atHead = RulebookHasher.of(committed.get()).hash();
        return atHead.equals(inHand.hash()) ? Optional.empty() : Optional.of("the rulebook the gates run under ("
                + dir + ", rulebook hash " + inHand.hash() + ") is not " + dir + " as committed at HEAD (rulebook hash "
                + atHead + "): uncommitted edits, or files converted on checkout (.gitattributes text, eol, ident,"
                + " filter), so no commit holds the rulebook that judged; commit it, check it out again, and seal");
    }

    private static GitState refuseOrDirty(boolean allowDirty, String rev, String message, Path workspace) {
        if (!allowDirty) {
            throw new SealingException(SealingException.Reason.UNCOMMITTED_CHANGES, message,
                    SourceLocation.ofFile(workspace.toString()));
        }
        return new GitState(rev, true);
    }
}
