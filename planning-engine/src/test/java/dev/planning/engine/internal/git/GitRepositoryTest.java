package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {

    private static final GitRepository.SizeCheck ANY_SIZE = (directory, file, bytes) -> { };

    @TempDir
    Path dir;

    private String commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("T", "t@example.org");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
    }

    @Test
    void findsNoRepositoryOutsideGit() {
        assertThat(GitRepository.find(dir)).isEmpty();
    }

    /** msg44: a workspace the file system says is not there was named twice, and why not at all. */
    @Test
    void aWorkspaceThatIsNotThereIsRefusedSayingWhyInWords() {
        Path gone = dir.resolve("gone");

        assertThatThrownBy(() -> GitRepository.find(gone)).isInstanceOf(PlanningException.class)
                .hasMessage("cannot open the git repository of " + gone + ": no such file or directory");
    }

    @Test
    void readsHeadAndTellsUncommittedFilesOfAWorkspaceBelowTheRoot() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("plans/ws"));
        Files.writeString(workspace.resolve("a.yaml"), "a\n");
        Files.writeString(workspace.resolve("b.yaml"), "b\n");
        Files.writeString(workspace.resolve("c.yaml"), "c\n");
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String head = commit(git, "one");
            Files.writeString(workspace.resolve("b.yaml"), "changed\n");
            Files.writeString(workspace.resolve("d.yaml"), "untracked\n");
            Files.writeString(dir.resolve(".gitignore"), "plans/ws/e.yaml\n");
            Files.writeString(workspace.resolve("e.yaml"), "ignored\n");
            Files.delete(workspace.resolve("c.yaml"));

            try (GitRepository repository = GitRepository.find(workspace).orElseThrow()) {
                assertThat(repository.head()).contains(head);
                assertThat(repository.uncommitted(List.of("a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml")))
                        .containsExactly("b.yaml", "c.yaml", "d.yaml", "e.yaml");
                assertThat(repository.hasCommit(head)).isTrue();
                assertThat(repository.hasCommit("0".repeat(40))).isFalse();
                assertThat(repository.hasCommit("not-a-revision")).isFalse();
            }
            git.add().addFilepattern("plans/ws/b.yaml").call();
            try (GitRepository repository = GitRepository.find(workspace).orElseThrow()) {
                assertThat(repository.uncommitted(List.of("b.yaml"))).as("staged is not committed").containsExactly("b.yaml");
            }
        }
    }

    /**
     * review20: {@code hasCommit} parsed the id with JGit's {@code parseCommit}, which peels an annotated tag
     * to its commit, so a tag's id passed for a commit's (a {@code snapshot_rev}, a prior's rulebook read at
     * it). A name (a tag's, a branch's) was already refused. Only a commit's own id is a commit now.
     */
    @Test
    void anAnnotatedTagsIdOrARefsNameIsNoCommit() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rulebook/rules"));
        Files.writeString(rules.resolve("a.drl"), "a\n");
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String head = commit(git, "one");
            PersonIdent who = new PersonIdent("T", "t@example.org");
            String tag = git.tag().setName("v1").setAnnotated(true).setMessage("v1").setTagger(who).setSigned(false)
                    .call().getObjectId().name();
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                assertThat(tag).isNotEqualTo(head);
                assertThat(repository.hasCommit(head)).isTrue();
                assertThat(repository.files(head, "rulebook", ANY_SIZE)).hasValueSatisfying(files ->
                        assertThat(files).containsOnlyKeys("./rules/a.drl"));
                assertThat(repository.hasCommit(tag)).as("an annotated tag's id").isFalse();
                assertThat(repository.files(tag, "rulebook", ANY_SIZE)).isEmpty();
                assertThat(repository.hasCommit("v1")).as("a tag's name").isFalse();
                assertThat(repository.hasCommit("master")).as("a branch's name").isFalse();
            }
        }
    }

    /**
     * chain20's reading of a rulebook at a revision ({@code GitRepository.files}): the regular files below the
     * directory, by {@code ./path}; a symbolic link in it is refused, never followed nor skipped; a directory
     * the revision does not hold, or a file where the directory should be, is none.
     */
    @Test
    void filesAtARevisionAreTheDirectorysRegularFilesAndASymbolicLinkIsRefused() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rulebook/rules"));
        Files.writeString(rules.resolve("a.drl"), "a\n");
        Files.writeString(dir.resolve("rulebook/rulebook.yaml"), "version: 1\n");
        Files.writeString(dir.resolve("plain"), "p\n");
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String regular = commit(git, "regular files");
            Files.createSymbolicLink(rules.resolve("b.drl"), Path.of("../../plain"));
            String linked = commit(git, "a link");
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                assertThat(repository.files(regular, "rulebook", ANY_SIZE)).hasValueSatisfying(files -> {
                    assertThat(files).containsOnlyKeys("./rulebook.yaml", "./rules/a.drl");
                    assertThat(new String(files.get("./rules/a.drl"), StandardCharsets.UTF_8)).isEqualTo("a\n");
                });
                assertThat(repository.files(regular, "policy", ANY_SIZE)).isEmpty();
                assertThat(repository.files(regular, "plain", ANY_SIZE)).isEmpty();
                assertThatThrownBy(() -> repository.files(regular, "rulebook", (d, f, bytes) -> {
                    throw new InvalidInputException(d + "/" + f + " refused");
                })).isInstanceOf(InvalidInputException.class).hasMessageContaining("rulebook/rulebook.yaml refused");
                assertThatThrownBy(() -> repository.files(linked, "rulebook", ANY_SIZE))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("rules/b.drl")
                        .hasMessageContaining("is not a regular file");
            }
        }
    }

    /**
     * Eighth review: a blob over JGit's large-object threshold (50 MiB) made {@code getBytes()} throw
     * JGit's unchecked {@code LargeObjectException} out of every reader (a prior manifest's artifact, a
     * rulebook at a revision). Reads are now sized and bounded, and a prior artifact is hashed in blocks.
     */
    @Test
    void aBlobOverJGitsLargeObjectThresholdIsHashedInBlocksAndNeverReadWhole() throws Exception {
        byte[] large = new byte[60 << 20];
        large[large.length - 1] = 1;
        Files.createDirectories(dir.resolve("rules"));
        Files.write(dir.resolve("rules/big.drl"), large);
        Files.writeString(dir.resolve("a.yaml"), "a\n");
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String head = commit(git, "a large blob");
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                assertThat(repository.digest(head, "rules/big.drl")).hasValue(new Sha256.FileDigest(Sha256.hex(large),
                        large.length));
                assertThat(repository.read(head, "rules/big.drl", large.length)).isEmpty();
                assertThat(repository.read(head, "a.yaml", 2)).hasValue("a\n".getBytes(StandardCharsets.UTF_8));
                assertThat(repository.read(head, "a.yaml", 3)).as("another size is not read").isEmpty();
                assertThatThrownBy(() -> repository.directoryAt(head, dir.resolve("rules"), (d, f, bytes) -> { }))
                        .isInstanceOf(InvalidInputException.class).hasMessageContaining("over the 32 MiB");
            }
        }
    }

    @Test
    void aRepositoryWithoutCommitsHasNoHeadAndNothingCommitted() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "a\n");
        Git.init().setDirectory(dir.toFile()).call().close();
        try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
            assertThat(repository.head()).isEmpty();
            assertThat(repository.uncommitted(List.of("a.yaml"))).containsExactly("a.yaml");
        }
    }

    /**
     * errors18: a directory outside the work tree (a {@code rules diff --base} rulebook beside the repository) was
     * refused naming the work tree by its absolute path; it is named as the user reaches it.
     */
    @Test
    void aDirectoryOutsideTheWorkTreeIsRefusedWithoutTheWorkTreesAbsolutePath() throws Exception {
        Path repositoryDir = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repositoryDir.resolve("a.yaml"), "a\n");
        Path outside = Files.createDirectories(dir.resolve("rb"));
        try (Git git = Git.init().setDirectory(repositoryDir.toFile()).call()) {
            String head = commit(git, "one file");
            try (GitRepository repository = GitRepository.find(repositoryDir).orElseThrow()) {
                assertThatThrownBy(() -> repository.directoryAt(head, outside, (d, f, bytes) -> { }))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessage("not inside the git work tree that holds the workspace; expected a rulebook"
                                + " directory committed in that repository")
                        .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                                .isEqualTo(outside.toString()));
            }
        }
    }
    /**
     * parse24: the sealed-input walk lists at most {@code max} planning files of a commit (100,000 in
     * {@code SealedInputs}) and refuses more rather than judging a partial list; shown with a small bound.
     * Entries it does not keep, and directories it does not enter, do not count.
     */
    @Test
    void listsEntriesUpToTheBoundAndRefusesOneMore() throws Exception {
        Path tasks = Files.createDirectories(dir.resolve("frameworks/planning-fe/tasks"));
        Path other = Files.createDirectories(dir.resolve("frameworks/elsewhere"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(tasks.resolve(i + ".yaml"), "a\n");
            Files.writeString(other.resolve(i + ".yaml"), "a\n");
        }
        Files.writeString(tasks.resolve("notes.txt"), "a\n");
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String head = commit(git, "one");
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                Predicate<String> enter = p -> p.equals("frameworks/planning-fe")
                        || p.equals("frameworks/planning-fe/tasks");
                Predicate<String> keep = p -> p.endsWith(".yaml");

                assertThat(repository.entries(head, "frameworks", enter, keep, 3)).contains(List.of(
                        "frameworks/planning-fe/tasks/1.yaml", "frameworks/planning-fe/tasks/2.yaml",
                        "frameworks/planning-fe/tasks/3.yaml"));
                assertThatThrownBy(() -> repository.entries(head, "frameworks", enter, keep, 2))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("holds more than 2 planning files");
            }
        }
    }
}
