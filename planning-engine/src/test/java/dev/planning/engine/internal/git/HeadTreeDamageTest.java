package dev.planning.engine.internal.git;

import static dev.planning.engine.internal.git.PlanRepository.PLAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gittree27: a tree of {@code HEAD} in the repository holding the workspace that is damaged (its loose object
 * overwritten with bytes that are no object, deleted, or cut short) is refused by every read of {@code HEAD}'s tree
 * that {@code seal}, {@code sign}, {@code gate} and {@code advance} make, as a user error naming the object and
 * {@code git fsck} (exit 2): git's status ({@link GitRepository#uncommitted}) ended {@code seal} as an internal
 * error (exit 3, JGit's {@code JGitInternalException}), and {@link GitRepository#tracks} and
 * {@link GitRepository#recordsSubmoduleAt} refused the repository as a {@code .git} to be made readable, or (a tree
 * cut short) ended the command as an internal error. An object missing from a shallow or a partial clone gets that
 * clone's hint; an index no git wrote is refused as damaged, with how to rebuild it.
 */
class HeadTreeDamageTest {

    @TempDir
    Path dir;

    /** {@link PlanRepository#committed} in {@code dir/repo}. */
    private Path committed() throws IOException {
        return PlanRepository.committed(dir.resolve("repo"));
    }

    /** The loose object of {@code rev} (JGit writes every object loose). */
    private static Path object(Path repo, String rev) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            String id = git.getRepository().resolve(rev).name();
            return repo.resolve(".git/objects/" + id.substring(0, 2) + "/" + id.substring(2));
        }
    }

    private static String id(Path repo, String rev) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.getRepository().resolve(rev).name();
        }
    }

    /** Every read of HEAD's tree the workspace's commands make, refused as {@code refusal} says. */
    private static void everyReadRefused(Path repo, Consumer<ThrowingCallable> refusal) {
        Path ws = repo.resolve("planning");
        Path trust = repo.resolve("ci/trust.yaml");
        try (GitRepository git = GitRepository.find(ws).orElseThrow()) {
            refusal.accept(() -> git.uncommitted(List.of(PLAN)));
            refusal.accept(() -> git.notAsCommitted(List.of(PLAN)));
            refusal.accept(() -> git.tracks(trust.toRealPath(), ws));
            refusal.accept(() -> git.recordsSubmoduleAt(repo.resolve("ci").toRealPath(), ws));
        }
        refusal.accept(() -> OutsideRepository.trackedIn(trust, ws));
    }

    private static void refusedNaming(ThrowingCallable read, String object, String... more) {
        List<String> wanted = new ArrayList<>(List.of(object, "git fsck"));
        wanted.addAll(List.of(more));
        assertThatThrownBy(read).isInstanceOf(PlanningException.class)
                .hasMessageContainingAll(wanted.toArray(String[]::new))
                .hasMessageNotContaining("make it readable");
    }

    @Test
    void theRootTreeOfHeadOverwrittenWithGarbageIsRefusedNamingItAndGitFsck() throws Exception {
        Path repo = committed();
        String tree = id(repo, "HEAD^{tree}");
        Path object = object(repo, tree);
        object.toFile().setWritable(true);
        Files.writeString(object, "garbage", StandardCharsets.UTF_8);

        everyReadRefused(repo, read -> refusedNaming(read, "git object " + tree + " is corrupt"));
    }

    @Test
    void theRootTreeOfHeadMissingIsRefusedNamingItAndGitFsck() throws Exception {
        Path repo = committed();
        String tree = id(repo, "HEAD^{tree}");
        Files.delete(object(repo, tree));

        everyReadRefused(repo, read -> refusedNaming(read, "git object " + tree + " is not in the repository's object"
                + " store", "the repository is damaged"));
    }

    @Test
    void theRootTreeOfHeadCutShortIsRefusedNamingHeadsCommitNotAnInternalError() throws Exception {
        Path repo = committed();
        String commit;
        try (Git git = Git.open(repo.toFile())) {
            commit = commitOver(git.getRepository(), "100644 .gitignore\0abc".getBytes(StandardCharsets.ISO_8859_1))
                    .name();
        }

        everyReadRefused(repo, read -> refusedNaming(read, "a git tree of HEAD (commit " + commit + ") is corrupt"));
    }

    @Test
    void headsCommitOverwrittenWithGarbageIsRefusedNamingItAndGitFsck() throws Exception {
        Path repo = committed();
        String commit = id(repo, "HEAD");
        Path object = object(repo, commit);
        object.toFile().setWritable(true);
        Files.writeString(object, "garbage", StandardCharsets.UTF_8);

        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            refusedNaming(git::head, "git object " + commit + " is corrupt");
        }
        refusedNaming(() -> OutsideRepository.trackedIn(repo.resolve("ci/trust.yaml"), repo.resolve("planning")),
                "git object " + commit + " is corrupt");
    }

    @Test
    void anObjectMissingFromAPartialCloneGetsThePartialClonesHint() throws Exception {
        Path repo = committed();
        String tree = id(repo, "HEAD^{tree}");
        Files.delete(object(repo, tree));
        try (Git git = Git.open(repo.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean("remote", "origin", "promisor", true);
            config.save();
        }

        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            assertThatThrownBy(() -> git.uncommitted(List.of(PLAN))).isInstanceOf(PlanningException.class)
                    .hasMessageContaining("git object " + tree)
                    .hasMessageContaining("partial clone")
                    .hasMessageContaining("git cat-file -e " + tree);
        }
    }

    @Test
    void anObjectMissingFromAShallowCloneGetsTheShallowClonesHint() throws Exception {
        Path repo = committed();
        String tree = id(repo, "HEAD^{tree}");
        Files.writeString(repo.resolve(".git/shallow"), id(repo, "HEAD") + "\n", StandardCharsets.UTF_8);
        Files.delete(object(repo, tree));

        try (GitRepository git = GitRepository.find(repo.resolve("planning")).orElseThrow()) {
            assertThatThrownBy(() -> git.uncommitted(List.of(PLAN))).isInstanceOf(PlanningException.class)
                    .hasMessageContaining("git object " + tree)
                    .hasMessageContaining("shallow clone")
                    .hasMessageContaining("git fetch --unshallow")
                    .hasMessageContaining("git fsck");
        }
    }

    @Test
    void aDamagedIndexIsRefusedAsSuchWithHowToRebuildIt() throws Exception {
        for (String bytes : List.of("garbage that is no index", "DIRC")) {
            Path repo = committed();
            Files.writeString(repo.resolve(".git/index"), bytes, StandardCharsets.ISO_8859_1);
            Path ws = repo.resolve("planning");

            try (GitRepository git = GitRepository.find(ws).orElseThrow()) {
                for (ThrowingCallable read : List.<ThrowingCallable>of(() -> git.uncommitted(List.of(PLAN)),
                        () -> git.notCheckedOut(List.of(PLAN)), () -> git.inOtherRepositories(List.of(PLAN)),
                        () -> git.tracks(repo.resolve("ci/trust.yaml").toRealPath(), ws))) {
                    assertThatThrownBy(read).as(bytes).isInstanceOf(PlanningException.class)
                            .hasMessageContainingAll("the git index ", "index is damaged", "`git reset`")
                            .hasMessageNotContaining("make it readable");
                }
            }
            FileUtils.delete(dir.resolve("repo").toFile(), FileUtils.RECURSIVE);
        }
    }

    @Test
    void anUndamagedRepositoryAnswersEveryRead() throws Exception {
        Path repo = committed();
        Path ws = repo.resolve("planning");

        try (GitRepository git = GitRepository.find(ws).orElseThrow()) {
            assertThat(git.uncommitted(List.of(PLAN))).isEmpty();
            assertThat(git.notAsCommitted(List.of(PLAN))).isEmpty();
            assertThat(git.tracks(repo.resolve("ci/trust.yaml").toRealPath(), ws)).isFalse();
            assertThat(git.recordsSubmoduleAt(repo.resolve("ci").toRealPath(), ws)).isFalse();
        }
    }

    /** A commit on HEAD whose root tree is {@code raw}, as no git writes one. */
    private static ObjectId commitOver(Repository repository, byte[] raw) throws Exception {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId tree = inserter.insert(Constants.OBJ_TREE, raw);
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(tree);
            PersonIdent who = new PersonIdent("T", "t@example.org", Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
            builder.setAuthor(who);
            builder.setCommitter(who);
            builder.setParentId(repository.resolve(Constants.HEAD));
            builder.setMessage("corrupt\n");
            ObjectId id = inserter.insert(builder);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.HEAD, true);
            update.setNewObjectId(id);
            update.forceUpdate();
            return id;
        }
    }
}
