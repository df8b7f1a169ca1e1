package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bind25: {@link GitRepository#onFirstParentLine}, the walk a seal's binding makes (review24 walked every ancestor,
 * attack24), on histories a contributor shapes: commit dates out of order (any committer sets them), merges, a
 * detached {@code HEAD}, replace refs and grafts, a line longer than the bound.
 */
class FirstParentLineTest {

    @TempDir
    Path dir;

    /** A repository of the test's own in {@code dir}, made before each test. */
    private Git git;
    private Repository repository;

    @BeforeEach
    void init() throws Exception {
        git = Git.init().setDirectory(dir.toFile()).call();
        repository = git.getRepository();
    }

    @AfterEach
    void close() {
        git.close();
    }

    /** A commit of an empty tree with the given parents, committed at {@code year}. */
    private static ObjectId commit(Repository repository, int year, ObjectId... parents) throws Exception {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = inserter.insert(new TreeFormatter());
            PersonIdent who = new PersonIdent("T", "t@example.org",
                    Instant.parse(year + "-01-01T00:00:00Z"), ZoneOffset.UTC);
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(tree);
            builder.setParentIds(parents);
            builder.setAuthor(who);
            builder.setCommitter(who);
            builder.setMessage("year " + year + "\n");
            ObjectId id = inserter.insert(builder);
            inserter.flush();
            return id;
        }
    }

    private static void detachHead(Repository repository, ObjectId commit) throws Exception {
        RefUpdate update = repository.updateRef(Constants.HEAD, true);
        update.setNewObjectId(commit);
        update.forceUpdate();
    }

    /** {@code HEAD} detached at {@code commit}, then the repository opened as a seal opens it. */
    private GitRepository atHead(Repository repository, ObjectId commit) throws Exception {
        detachHead(repository, commit);
        return GitRepository.find(dir).orElseThrow();
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
        ObjectId root = commit(repository, 2020);
        ObjectId sealed = commit(repository, 2030, root);
        ObjectId skewed = commit(repository, 2001, sealed);
        ObjectId head = commit(repository, 2025, skewed);
        try (GitRepository git24 = atHead(repository, head)) {
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
        ObjectId root = commit(repository, 2020);
        ObjectId main = commit(repository, 2021, root);
        ObjectId branch = commit(repository, 2022, root);
        ObjectId merge = commit(repository, 2023, main, branch);
        try (GitRepository git24 = atHead(repository, merge)) {
            assertThat(onLine(git24, branch)).as("the second parent's commit").isFalse();
            assertThat(onLine(git24, main)).as("the first parent").isTrue();
            assertThat(onLine(git24, root)).isTrue();
        }
        try (GitRepository git24 = atHead(repository, main)) {
            assertThat(onLine(git24, branch)).as("a sibling branch's commit").isFalse();
            assertThat(onLine(git24, merge)).as("a descendant of HEAD").isFalse();
        }
    }

    @Test
    void aCommitOfAnUnrelatedHistoryIsNotOnTheLine() throws Exception {
        ObjectId orphan = commit(repository, 2040);
        ObjectId head = commit(repository, 2020, commit(repository, 2019));
        try (GitRepository git24 = atHead(repository, head)) {
            assertThat(onLine(git24, orphan)).isFalse();
        }
    }

    /**
     * The walk is bounded: a history longer than the bound before the commit is met is refused, never walked on
     * nor taken for an answer either way (shown with a bound of 3 over a line of five commits).
     */
    @Test
    void aHistoryLongerThanTheBoundIsRefusedNotWalkedToTheEnd() throws Exception {
        ObjectId orphan = commit(repository, 2040);
        ObjectId first = commit(repository, 2020);
        ObjectId tip = first;
        for (int year = 2021; year <= 2024; year++) {
            tip = commit(repository, year, tip);
        }
        ObjectId oldest = first;
        try (GitRepository git24 = atHead(repository, tip)) {
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
        ObjectId elsewhere = commit(repository, 2021);
        ObjectId root = commit(repository, 2020);
        ObjectId head = commit(repository, 2022, root);
        detachHead(repository, head);
        ObjectId replacement = commit(repository, 2020, elsewhere);
        RefUpdate replace = repository.updateRef("refs/replace/" + root.name());
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
        git.add().addFilepattern(".").call();
        String first = git.commit().setMessage("one").setSign(false).call().getName();
        Files.writeString(dir.resolve("notes.md"), "unrelated\n");
        git.add().addFilepattern(".").call();
        String second = git.commit().setMessage("two").setSign(false).call().getName();
        Files.writeString(dir.resolve("plan.yaml"), "two\n");
        git.add().addFilepattern(".").call();
        String third = git.commit().setMessage("three").setSign(false).call().getName();
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
    private static ObjectId wideCommit(Repository repository, String plan, int entries, ObjectId... parents)
            throws Exception {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId empty = inserter.insert(Constants.OBJ_BLOB, new byte[0]);
            TreeFormatter wide = new TreeFormatter();
            for (int i = 0; i < entries; i++) {
                wide.append(String.format("a%06d", i), FileMode.REGULAR_FILE, empty);
            }
            TreeFormatter root = new TreeFormatter();
            root.append("plan.yaml", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
                    plan.getBytes(StandardCharsets.UTF_8)));
            root.append("wide", FileMode.TREE, inserter.insert(wide));
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(inserter.insert(root));
            builder.setParentIds(parents);
            PersonIdent who = new PersonIdent("T", "t@example.org", Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
            builder.setAuthor(who);
            builder.setCommitter(who);
            builder.setMessage(plan + "\n");
            ObjectId id = inserter.insert(builder);
            inserter.flush();
            return id;
        }
    }

    /**
     * probe25: the commit bound alone left a walk's cost to the size of each commit's trees, which anyone who commits
     * chooses (2,000 commits over a directory of 100,000 entries, 9.7 MiB packed, cost four minutes of CPU; the bound
     * allows a million). The trees the judge reads are charged to a bound of bytes, and past it the walk refuses.
     */
    @Test
    void aLineOfWideTreesIsRefusedPastTheTreeBytesBoundNotReadToTheEnd() throws Exception {
        ObjectId tip = wideCommit(repository, "plan 0", 2_000);
        for (int i = 1; i < 20; i++) {
            tip = wideCommit(repository, "plan " + i, 2_000, tip);
        }
        try (GitRepository git25 = atHead(repository, tip)) {
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
        ObjectId head;
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, "x\n".getBytes(StandardCharsets.UTF_8));
            ObjectId other = commit(repository, 2020);
            TreeFormatter inner = new TreeFormatter();
            inner.append("rulebook.yaml", FileMode.REGULAR_FILE, blob);
            TreeFormatter root = new TreeFormatter();
            root.append("file", FileMode.REGULAR_FILE, blob);
            root.append("link", FileMode.SYMLINK, blob);
            root.append("module", FileMode.GITLINK, other);
            root.append("rulebook", FileMode.TREE, inserter.insert(inner));
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(inserter.insert(root));
            PersonIdent who = new PersonIdent("T", "t@example.org", Instant.parse("2025-01-01T00:00:00Z"),
                    ZoneOffset.UTC);
            builder.setAuthor(who);
            builder.setCommitter(who);
            builder.setMessage("modes\n");
            head = inserter.insert(builder);
            inserter.flush();
            try (GitRepository git25 = atHead(repository, head)) {
                Map<String, String> found = git25.objects(head.name(), List.of("file/x", "link/x", "module/x",
                        "link", "module", "rulebook/rulebook.yaml", "rulebook/none", "file"));
                assertThat(found).containsEntry("file/x", "none").containsEntry("link/x", "none")
                        .containsEntry("module/x", "none").containsEntry("link", "120000 " + blob.name())
                        .containsEntry("module", "160000 " + other.name())
                        .containsEntry("rulebook/rulebook.yaml", "100644 " + blob.name())
                        .containsEntry("rulebook/none", "none").containsEntry("file", "100644 " + blob.name());
            }
        }
    }
}
