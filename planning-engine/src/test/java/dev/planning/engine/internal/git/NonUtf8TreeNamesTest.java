package dev.planning.engine.internal.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * parse25 (attack24's left-alone item): JGit decodes a tree entry's name that is not UTF-8 in another character
 * set ({@code \377} reads as {@code ÿ}), so a rulebook read from git named such a file otherwise than the disk
 * read, which refuses it. Both git reads of a directory ({@code files}, verify's read of a sealed rulebook;
 * {@code directoryAt}, {@code rules diff}'s) now refuse it, naming the byte as {@code \xFF}. Java cannot write
 * such a name to disk, so the commit is built from raw bytes with JGit's object inserter.
 */
class NonUtf8TreeNamesTest {

    @TempDir
    Path dir;

    /** A commit holding {@code rulebook/rulebook.yaml} and {@code rulebook/rules/<name>}, {@code name} as raw bytes. */
    private String commitWithRuleNamed(Git git, byte[] name) throws Exception {
        try (ObjectInserter insert = git.getRepository().newObjectInserter()) {
            ObjectId blob = insert.insert(Constants.OBJ_BLOB, "package x;\n".getBytes(StandardCharsets.UTF_8));
            TreeFormatter rules = new TreeFormatter();
            rules.append(name, 0, name.length, FileMode.REGULAR_FILE, blob);
            ObjectId rulesTree = insert.insert(rules);
            TreeFormatter rulebook = new TreeFormatter();
            rulebook.append("rulebook.yaml", FileMode.REGULAR_FILE, blob);
            rulebook.append("rules", FileMode.TREE, rulesTree);
            ObjectId rulebookTree = insert.insert(rulebook);
            TreeFormatter root = new TreeFormatter();
            root.append("rulebook", FileMode.TREE, rulebookTree);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(insert.insert(root));
            PersonIdent who = new PersonIdent("T", "t@example.org");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("raw names\n");
            ObjectId id = insert.insert(commit);
            insert.flush();
            return id.name();
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void aRulebookFileNameThatIsNotUtf8IsRefusedByBothGitReadsNamingItsByte() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String rev = commitWithRuleNamed(git, bytes(0xff, 'x', '.', 'd', 'r', 'l'));
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                assertThatThrownBy(() -> repository.files(rev, "rulebook", (d, f, b) -> { }))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("rulebook/rules/\\xFFx.drl at revision " + rev)
                        .hasMessageContaining("is not UTF-8 text").hasMessageContaining("rename it")
                        .hasMessageNotContaining("ÿ");
                assertThatThrownBy(() -> repository.directoryAt(rev, dir.resolve("rulebook"), (d, f, b) -> { }))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("rulebook/rules/\\xFFx.drl at revision " + rev)
                        .hasMessageContaining("is not UTF-8 text").hasMessageNotContaining("ÿ");
            }
        }
    }

    @Test
    void twoNamesThatAreNotUtf8AreNamedApart() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String ff = commitWithRuleNamed(git, bytes('a', 0xff, '.', 'd', 'r', 'l'));
            String fe = commitWithRuleNamed(git, bytes('a', 0xfe, '.', 'd', 'r', 'l'));
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                assertThatThrownBy(() -> repository.files(ff, "rulebook", (d, f, b) -> { }))
                        .hasMessageContaining("rules/a\\xFF.drl");
                assertThatThrownBy(() -> repository.files(fe, "rulebook", (d, f, b) -> { }))
                        .hasMessageContaining("rules/a\\xFE.drl");
            }
        }
    }

    @Test
    void aNameInUtf8BeyondAsciiIsStillRead() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String rev = commitWithRuleNamed(git, "régles.drl".getBytes(StandardCharsets.UTF_8));
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                assertThat(repository.files(rev, "rulebook", (d, f, b) -> { }))
                        .hasValueSatisfying(files -> assertThat(files).containsKey("./rules/régles.drl"));
                assertThat(repository.directoryAt(rev, dir.resolve("rulebook"), (d, f, b) -> { }).files())
                        .containsKey("./rules/régles.drl");
            }
        }
    }
}
