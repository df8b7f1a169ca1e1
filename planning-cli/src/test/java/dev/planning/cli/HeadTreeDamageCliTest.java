package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gittree27, from the command line: {@code seal} (and {@code advance --to PACKAGED}, which seals) in a repository
 * whose {@code HEAD} tree is damaged ends with exit code 2 and one line naming the object and {@code git fsck}: JGit's
 * status threw an unchecked exception there, which ended the command as an internal error (exit 3).
 */
class HeadTreeDamageCliTest {

    @TempDir
    Path dir;

    /** The committed example at READY_FOR_HANDOFF with HEAD's root tree overwritten ({@code garbage}) or deleted; its id. */
    private static String damaged(Path ws, boolean garbage) throws Exception {
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        String tree;
        try (Git git = Git.open(ws.toFile())) {
            tree = git.getRepository().resolve("HEAD^{tree}").name();
        }
        Path object = ws.resolve(".git/objects/" + tree.substring(0, 2) + "/" + tree.substring(2));
        assertThat(object).as("the example's commit is written as loose objects").isRegularFile();
        if (garbage) {
            assertThat(object.toFile().setWritable(true)).isTrue();
            Files.writeString(object, "garbage", StandardCharsets.UTF_8);
        } else {
            Files.delete(object);
        }
        return tree;
    }

    private static void refused(CliRun run, String tree, String what) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("error: ")
                .contains("git object " + tree + " " + what).contains("git fsck")
                .doesNotContain("internal error").doesNotContain("Exception");
    }

    @Test
    void sealWithHeadsTreeOverwrittenIsRefusedNamingItNotAnInternalError() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        String tree = damaged(ws, true);

        refused(CliRun.of(CycleScript.cycle(ws, "seal")), tree, "is corrupt");
    }

    @Test
    void advanceToPackagedWithHeadsTreeMissingIsRefusedNamingIt() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        String tree = damaged(ws, false);

        refused(CliRun.of(CycleScript.cycle(ws, "advance", "--to", "PACKAGED")), tree, "is not in the repository's object"
                + " store");
    }
}
