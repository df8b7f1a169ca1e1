package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;

/**
 * bind25: {@link GitRepository#onFirstParentLine}, the walk a seal's binding makes (review24 walked every ancestor,
 * attack24), on histories a contributor shapes: commit dates out of order (any committer sets them), merges, a
 * detached {@code HEAD}, replace refs and grafts, a line longer than the bound.
 */
class FirstParentLineTest extends ObjectRepositoryFixture {

    /** A commit of an empty tree with the given parents, committed at {@code year}. */
    private ObjectId commit(int year, ObjectId... parents) throws Exception {
        return repository.commit(repository.insert(new TreeFormatter()), year, "year " + year + "\n", parents);
    }

    /** Whether {@code commit} is on {@code HEAD}'s first-parent line. */
    private static boolean onLine(GitRepository git, ObjectId commit) {
        return git.onFirstParentLine(commit.name()::equals, "it").isPresent();
    }

    private static boolean onLine(GitRepository git, ObjectId commit, long bound) {
        return git.onFirstParentLine(commit.name()::equals, "commit " + commit.name(), bound).isPresent();
    }

    @Test
    void aCommitOfTheLineCommittedLaterThanItsDescendantsIsStillOnIt() throws Exception {
        ObjectId root = commit(2020);
        ObjectId sealed = commit(2030, root);
        ObjectId skewed = commit(2001, sealed);
        ObjectId head = commit(2025, skewed);
        try (GitRepository git24 = atHead(head)) {
            assertThat(onLine(git24, sealed)).isTrue();
            assertThat(onLine(git24, root)).isTrue();
            assertThat(onLine(git24, head)).isTrue();
        }
    }

    /**
     * A merged branch's commits are ancestors of the merge, not commits of its first-parent line: the line a
     * {@code git merge -s ours} would otherwise bring a chosen commit into (bind25).
     */
    @Test
    void aCommitOnlyReachedThroughAMergesSecondParentIsNotOnTheLine() throws Exception {
        ObjectId root = commit(2020);
        ObjectId main = commit(2021, root);
        ObjectId branch = commit(2022, root);
        ObjectId merge = commit(2023, main, branch);
        try (GitRepository git24 = atHead(merge)) {
            assertThat(onLine(git24, branch)).as("the second parent's commit").isFalse();
            assertThat(onLine(git24, main)).as("the first parent").isTrue();
            assertThat(onLine(git24, root)).isTrue();
        }
        try (GitRepository git24 = atHead(main)) {
            assertThat(onLine(git24, branch)).as("a sibling branch's commit").isFalse();
            assertThat(onLine(git24, merge)).as("a descendant of HEAD").isFalse();
        }
    }

    @Test
    void aCommitOfAnUnrelatedHistoryIsNotOnTheLine() throws Exception {
        ObjectId orphan = commit(2040);
        ObjectId head = commit(2020, commit(2019));
        try (GitRepository git24 = atHead(head)) {
            assertThat(onLine(git24, orphan)).isFalse();
        }
    }

    /**
     * The walk is bounded: a history longer than the bound before the commit is met is refused, never walked on
     * nor taken for an answer either way (shown with a bound of 3 over a line of five commits).
     */
    @Test
    void aHistoryLongerThanTheBoundIsRefusedNotWalkedToTheEnd() throws Exception {
        ObjectId orphan = commit(2040);
        ObjectId first = commit(2020);
        ObjectId tip = first;
        for (int year = 2021; year <= 2024; year++) {
            tip = commit(year, tip);
        }
        ObjectId oldest = first;
        try (GitRepository git24 = atHead(tip)) {
            assertThat(onLine(git24, oldest, 5)).as("met within the bound").isTrue();
            assertThatThrownBy(() -> onLine(git24, oldest, 3))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("the first-parent line of HEAD holds more than 3 commits without one that"
                            + " holds commit " + oldest.name());
            assertThatThrownBy(() -> onLine(git24, orphan, 3))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(onLine(git24, orphan, 5)).as("the whole line within the bound").isFalse();
        }
    }

    /**
     * A replace ref ({@code git replace}) or a graft, which git's own commands honour, changes no object: a commit
     * the first-parent line of {@code HEAD} does not hold is not put on it by one (nor is one that it holds taken out).
     * Such refs are local and are not fetched by default, so a signer's clone would not see them either.
     */
    @Test
    void aReplaceRefOrAGraftDoesNotPutACommitOnTheLine() throws Exception {
        ObjectId elsewhere = commit(2021);
        ObjectId root = commit(2020);
        ObjectId head = commit(2022, root);
        repository.detachHead(head);
        ObjectId replacement = commit(2020, elsewhere);
        RefUpdate replace = repository.repository().updateRef("refs/replace/" + root.name());
        replace.setNewObjectId(replacement);
        replace.forceUpdate();
        Files.createDirectories(dir.resolve(".git/info"));
        Files.writeString(dir.resolve(".git/info/grafts"), head.name() + " " + elsewhere.name() + "\n");
        try (GitRepository git24 = GitRepository.find(dir).orElseThrow()) {
            assertThat(onLine(git24, elsewhere)).isFalse();
            assertThat(onLine(git24, root)).isTrue();
        }
    }

    /**
     * {@link GitRepository#objects}: what a path is at a commit, compared by object: the same bytes at two commits
     * are the same blob, a directory is its tree, a path the commit does not hold is {@code none}.
     */
    @Test
    void objectsTellsFilesAndDirectoriesByTheirGitObjects() throws Exception {
        Files.createDirectories(dir.resolve("rulebook"));
        Files.writeString(dir.resolve("rulebook/rulebook.yaml"), "a\n");
        Files.writeString(dir.resolve("plan.yaml"), "one\n");
        repository.git().add().addFilepattern(".").call();
        String first = repository.git().commit().setMessage("one").setSign(false).call().getName();
        Files.writeString(dir.resolve("notes.md"), "unrelated\n");
        repository.git().add().addFilepattern(".").call();
        String second = repository.git().commit().setMessage("two").setSign(false).call().getName();
        Files.writeString(dir.resolve("plan.yaml"), "two\n");
        repository.git().add().addFilepattern(".").call();
        String third = repository.git().commit().setMessage("three").setSign(false).call().getName();
        try (GitRepository git25 = GitRepository.find(dir).orElseThrow()) {
            List<String> paths = List.of("plan.yaml", "rulebook", "capacity.yaml");
            Map<String, String> atFirst = git25.objects(first, paths);
            assertThat(atFirst.get("plan.yaml")).startsWith("100644 ");
            assertThat(atFirst.get("rulebook")).startsWith("40000 ");
            assertThat(atFirst.get("capacity.yaml")).isEqualTo("none");
            assertThat(git25.objects(second, paths)).isEqualTo(atFirst);
            assertThat(git25.objects(third, paths).get("plan.yaml")).isNotEqualTo(atFirst.get("plan.yaml"));
            assertThat(git25.objects(third, paths).get("rulebook")).isEqualTo(atFirst.get("rulebook"));
        }
    }

    /** A commit of a tree holding {@code plan.yaml} with {@code plan} and a directory {@code wide} of {@code entries} files. */
    private ObjectId wideCommit(String plan, int entries, ObjectId... parents) throws Exception {
        ObjectId empty = repository.insert(Constants.OBJ_BLOB, new byte[0]);
        TreeFormatter wide = new TreeFormatter();
        for (int i = 0; i < entries; i++) {
            wide.append(String.format("a%06d", i), FileMode.REGULAR_FILE, empty);
        }
        TreeFormatter root = new TreeFormatter();
        root.append("plan.yaml", FileMode.REGULAR_FILE, repository.insert(Constants.OBJ_BLOB,
                plan.getBytes(StandardCharsets.UTF_8)));
        root.append("wide", FileMode.TREE, repository.insert(wide));
        return repository.commit(repository.insert(root), 2025, plan + "\n", parents);
    }

    /**
     * probe25: the commit bound alone left a walk's cost to the size of each commit's trees, which anyone who commits
     * chooses (2,000 commits over a directory of 100,000 entries, 9.7 MiB packed, cost four minutes of CPU; the bound
     * allows a million). The trees the judge reads are charged to a bound of bytes, and past it the walk refuses.
     */
    @Test
    void aLineOfWideTreesIsRefusedPastTheTreeBytesBoundNotReadToTheEnd() throws Exception {
        ObjectId tip = wideCommit("plan 0", 2_000);
        for (int i = 1; i < 20; i++) {
            tip = wideCommit("plan " + i, 2_000, tip);
        }
        try (GitRepository git25 = atHead(tip)) {
            List<String> paths = List.of("plan.yaml", "wide/a001999", "wide/zzz");
            Map<String, String> nowhere = Map.of("plan.yaml", "none", "wide/a001999", "none", "wide/zzz", "none");
            assertThatThrownBy(() -> git25.onFirstParentLine(commit -> git25.objects(commit, paths).equals(nowhere),
                    "the set", 1_000, 200_000))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("the first-parent line of HEAD holds more than 200000 bytes of git trees"
                            + " on the inputs' paths before a commit that holds the set");
            assertThat(git25.onFirstParentLine(commit -> git25.objects(commit, paths).equals(nowhere), "the set",
                    1_000, 2_000_000)).as("the whole line within the bound").isEmpty();
            assertThat(git25.objects(tip.name(), paths)).as("no budget outside a walk")
                    .containsEntry("wide/zzz", "none").doesNotContainEntry("wide/a001999", "none");
        }
    }

    /** objects reads trees itself (probe25): a path through a file, a link or a submodule is none, as TreeWalk had it. */
    @Test
    void objectsTellsNoneForAPathThroughAnythingButADirectory() throws Exception {
        ObjectId blob = repository.insert(Constants.OBJ_BLOB, "x\n".getBytes(StandardCharsets.UTF_8));
        ObjectId other = commit(2020);
        TreeFormatter inner = new TreeFormatter();
        inner.append("rulebook.yaml", FileMode.REGULAR_FILE, blob);
        TreeFormatter root = new TreeFormatter();
        root.append("file", FileMode.REGULAR_FILE, blob);
        root.append("link", FileMode.SYMLINK, blob);
        root.append("module", FileMode.GITLINK, other);
        root.append("rulebook", FileMode.TREE, repository.insert(inner));
        ObjectId head = repository.commit(repository.insert(root), 2025, "modes\n");
        try (GitRepository git25 = atHead(head)) {
            Map<String, String> found = git25.objects(head.name(), List.of("file/x", "link/x", "module/x",
                    "link", "module", "rulebook/rulebook.yaml", "rulebook/none", "file"));
            assertThat(found).containsEntry("file/x", "none").containsEntry("link/x", "none")
                    .containsEntry("module/x", "none").containsEntry("link", "120000 " + blob.name())
                    .containsEntry("module", "160000 " + other.name())
                    .containsEntry("rulebook/rulebook.yaml", "100644 " + blob.name())
                    .containsEntry("rulebook/none", "none").containsEntry("file", "100644 " + blob.name());
        }
    }

    /**
     * attack32, review31: the versions a path has held in {@code HEAD}'s history, each once with a commit that holds
     * it; a commit without the path adds none, and a merged branch's version is one of them (a merge made on the other
     * branch and taken as a fast-forward puts the line's own commits on a second parent). Its memo (one resolution per
     * tree of the path's top directory) must give what {@link GitRepository#objects} gives commit by commit.
     */
    @Test
    void versionsOfAPathAreThoseOfEveryCommitOfTheHistoryEachOnce() throws Exception {
        ObjectId first = pathCommit("v1", "1");
        ObjectId second = pathCommit("v1", "2", first);
        ObjectId third = pathCommit("v2", "2", second);
        ObjectId gone = pathCommit(null, "3", third);
        ObjectId side = pathCommit("v3", "3", gone);
        ObjectId head = pathCommit("v1", "4", gone, side);
        ObjectId unreachable = pathCommit("v4", "5", gone);
        try (GitRepository git = atHead(head)) {
            Map<String, String> versions = git.versionsInHistory("m/a.yaml", "the versions of m/a.yaml");

            assertThat(versions).containsOnlyKeys(Stream.of(head, third, side)
                    .map(c -> git.objects(c.name(), List.of("m/a.yaml")).get("m/a.yaml")).toList());
            versions.forEach((entry, commit) -> assertThat(git.objects(commit, List.of("m/a.yaml")))
                    .containsEntry("m/a.yaml", entry));
            assertThat(versions).doesNotContainKey(git.objects(unreachable.name(), List.of("m/a.yaml")).get("m/a.yaml"));
        }
    }

    /**
     * review33: the walk reads each commit once, as it parsed it (headers only): every parent of a merge is still
     * walked, an octopus merge's third parent included, whichever order the parents are written in.
     */
    @Test
    void versionsOfAPathComeFromEveryParentOfAnOctopusMergeInEitherOrder() throws Exception {
        ObjectId base = pathCommit(null, "0");
        ObjectId one = pathCommit("v1", "1", base);
        ObjectId two = pathCommit("v2", "2", base);
        ObjectId three = pathCommit("v3", "3", base);
        for (ObjectId[] parents : List.of(new ObjectId[] {one, two, three}, new ObjectId[] {three, two, one})) {
            ObjectId head = pathCommit(null, "4", parents);
            try (GitRepository git = atHead(head)) {
                Map<String, String> versions = git.versionsInHistory("m/a.yaml", "the versions of m/a.yaml");

                assertThat(versions).containsOnlyKeys(Stream.of(one, two, three)
                        .map(c -> git.objects(c.name(), List.of("m/a.yaml")).get("m/a.yaml")).toList());
            }
        }
    }

    /** review33: a commit or a tree of the history that is gone is a refusal, never a history read without it. */
    @Test
    void aMissingCommitOrTreeOfTheHistoryIsRefusedNotLeftOut() throws Exception {
        ObjectId first = pathCommit("v1", "1");
        ObjectId second = pathCommit("v2", "2", first);
        ObjectId head = pathCommit("v3", "3", second);
        Files.delete(loose(first));
        try (GitRepository git = atHead(head)) {
            assertThatThrownBy(() -> git.versionsInHistory("m/a.yaml", "the versions of m/a.yaml"))
                    .isInstanceOf(PlanningException.class).hasMessageContaining("git object " + first.name()
                            + " is not in the repository's object store");
        }
        ObjectId other = pathCommit("v4", "4");
        ObjectId otherTree = repository.repository().parseCommit(other).getTree();
        ObjectId top = pathCommit("v5", "5", other);
        Files.delete(loose(otherTree));
        try (GitRepository git = atHead(top)) {
            assertThatThrownBy(() -> git.versionsInHistory("m/a.yaml", "the versions of m/a.yaml"))
                    .isInstanceOf(PlanningException.class).hasMessageContaining("git object " + otherTree.name()
                            + " is not in the repository's object store");
        }
    }

    /** review33: a commit whose tree is a blob, or whose bytes are no commit, is refused, not read as holding nothing. */
    @Test
    void aCommitWhoseTreeIsNoTreeOrWhoseBytesAreNoCommitIsRefused() throws Exception {
        ObjectId blob = repository.insert(Constants.OBJ_BLOB, "x\n".getBytes(StandardCharsets.UTF_8));
        ObjectId blobTree = repository.commit(blob, 2025, "blob as tree\n");
        ObjectId garbage = repository.insert(Constants.OBJ_COMMIT, "no commit at all\n".getBytes(StandardCharsets.UTF_8));
        for (ObjectId parent : List.of(blobTree, garbage)) {
            ObjectId head = pathCommit("v1", "1", parent);
            try (GitRepository git = atHead(head)) {
                assertThatThrownBy(() -> git.versionsInHistory("m/a.yaml", "the versions of m/a.yaml"))
                        .as(parent.name()).isInstanceOf(PlanningException.class).hasMessageContaining("is corrupt");
            }
        }
    }

    /**
     * review33's left-alone case: a commit whose bytes are no commit, met on the first-parent line (a seal's binding
     * walks it), crashed as JGit's {@code IllegalArgumentException}, an internal error; it is refused as the damaged
     * object it is.
     */
    @Test
    void aCommitWhoseBytesAreNoCommitOnTheFirstParentLineIsRefused() throws Exception {
        ObjectId garbage = repository.insert(Constants.OBJ_COMMIT, "no commit at all\n".getBytes(StandardCharsets.UTF_8));
        ObjectId head = commit(2025, garbage);
        try (GitRepository git = atHead(head)) {
            assertThatThrownBy(() -> onLine(git, ObjectId.zeroId())).isInstanceOf(PlanningException.class)
                    .hasMessageContaining("is corrupt");
        }
    }

    /** The file of a loose object. */
    private Path loose(ObjectId id) {
        String name = id.name();
        return repository.repository().getDirectory().toPath().resolve("objects").resolve(name.substring(0, 2))
                .resolve(name.substring(2));
    }

    /** A commit of a tree holding {@code m/a.yaml} with {@code text} (none when null) and {@code x} with {@code other}. */
    private ObjectId pathCommit(String text, String other, ObjectId... parents) throws Exception {
        TreeFormatter root = new TreeFormatter();
        if (text != null) {
            TreeFormatter m = new TreeFormatter();
            m.append("a.yaml", FileMode.REGULAR_FILE, repository.insert(Constants.OBJ_BLOB,
                    text.getBytes(StandardCharsets.UTF_8)));
            root.append("m", FileMode.TREE, repository.insert(m));
        }
        root.append("x", FileMode.REGULAR_FILE, repository.insert(Constants.OBJ_BLOB, other.getBytes(StandardCharsets.UTF_8)));
        return repository.commit(repository.insert(root), 2025, other + "\n", parents);
    }
}
