package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.engine.fixtures.GitFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blobless partial clone ({@code git clone --filter=blob:none}, common in CI) of a signed handoff (trust39). Such a
 * clone holds every commit and tree but only the blobs its checkout needed; git fetches the others from the promisor
 * remote when it needs them, JGit never does. {@code verify}, {@code sign} and {@code attest} read every version of
 * the manifest in {@code HEAD}'s history (attack32): the older versions' blobs are missing there. The source is a
 * local repository with {@code uploadpack.allowFilter}, cloned over {@code file://}: no network.
 */
@Tag("slow")
@Tag("subprocess")
class PartialCloneVerifyTest {

    @TempDir
    Path dir;

    @Test
    void verifyInABloblessCloneRefusesNamingTheMissingVersionsAndTheFetch() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir.resolve("team"));
        Path clone = dir.resolve("ci");
        GitFixture.requireGit(git(ws.root(), "config", "uploadpack.allowFilter", "true")
                && git(dir, "clone", "-q", "--filter=blob:none", ws.root().toUri().toString(), clone.toString()),
                "`git clone --filter=blob:none` of a local repository failed: this test needs a git that makes partial clones");

        CliRun verify = verify(clone, ws);

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("MANIFEST_INVALID").contains("version(s) missing: blob ")
                .contains("partial clone").contains("`git fetch --refetch --no-filter origin`");
        assertThat(verify.out() + verify.err()).doesNotContain("Exception").doesNotContain("\tat ");

        GitFixture.requireGit(git(clone, "fetch", "-q", "--refetch", "--no-filter", "origin"),
                "`git fetch --refetch --no-filter` failed: the fetch the refusal names needs git 2.36 or later");
        CliRun fetched = verify(clone, ws);
        assertThat(fetched.exitCode()).as(fetched.out() + fetched.err()).isZero();
    }

    private static CliRun verify(Path clone, AttackWorkspace ws) {
        return CliRun.of("verify", "-w", clone.toString(), "--stream", AttackWorkspace.STREAM, "--cycle",
                AttackWorkspace.CYCLE, "--trust", ws.trust());
    }

    /** Runs git in {@code in}; false when there is no git or it fails (an option it does not know). */
    private static boolean git(Path in, String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", in.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false; // no git command
        }
    }
}
