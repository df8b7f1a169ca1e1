package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.internal.git.GitRepository;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * parse25 (diff24's left-alone item): verify's read of a sealed rulebook at its {@code snapshot_rev} had only a
 * total bound, in its own words ("holds more than 67108864 bytes"), while a rulebook read from disk refuses a file
 * over 32 MiB. It is now held to the disk read's bounds in the disk read's words ({@link RulebookHasher.Sizes}).
 */
class SealedRulebookSizesTest {

    @TempDir
    Path dir;

    private String commitRulebookWithReadmeOf(Git git, long bytes) throws Exception {
        Path rulebook = Files.createDirectories(dir.resolve("rulebook"));
        Files.writeString(rulebook.resolve("rulebook.yaml"), "version: 1\n");
        Files.write(rulebook.resolve("README.md"), new byte[(int) bytes]);
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("T", "t@example.org");
        return git.commit().setMessage("a README of " + bytes).setAuthor(who).setCommitter(who).setSign(false).call()
                .name();
    }

    @Test
    void aSealedRulebookFileAtTheBoundIsRead() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String rev = commitRulebookWithReadmeOf(git, RulebookHasher.MAX_FILE_BYTES);
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                assertThat(SealedRulebooks.committedFiles(repository, rev, "rulebook")).hasValueSatisfying(files ->
                        assertThat(files.get("./README.md")).hasSize((int) RulebookHasher.MAX_FILE_BYTES));
            }
        }
    }

    @Test
    void aSealedRulebookFileOneBytePastTheBoundIsRefusedInTheDiskReadsWords() throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            String rev = commitRulebookWithReadmeOf(git, RulebookHasher.MAX_FILE_BYTES + 1);
            InvalidInputException fromDisk = catchThrowableOfType(InvalidInputException.class,
                    () -> RulebookHasher.read(dir.resolve("rulebook"), rev + ":rulebook"));
            try (GitRepository repository = GitRepository.find(dir).orElseThrow()) {
                InvalidInputException fromGit = catchThrowableOfType(InvalidInputException.class,
                        () -> SealedRulebooks.committedFiles(repository, rev, "rulebook"));
                assertThat(fromGit).isNotNull();
                assertThat(fromGit.describe()).isEqualTo(fromDisk.describe())
                        .startsWith(rev + ":rulebook/README.md: rulebook file holds 33554433 bytes, over the 32 MiB");
            }
        }
    }
}
