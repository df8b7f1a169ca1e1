package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateKeyFilesTest {

    @TempDir
    Path dir;

    private Path sealedWorkspace(Path keys) throws Exception {
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", keys.toString());
        return ws;
    }

    private static CliRun sign(Path ws, Path key) {
        return CliRun.of("sign", ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml").toString(),
                "--role", "PM", "--key", key.toString(), "--trust", key.resolveSibling("trust.yaml").toString());
    }

    @Test
    void refusesAPrivateKeyKeptInsideTheWorkspace() throws Exception {
        Path ws = sealedWorkspace(dir.resolve("ws/keys"));

        CliRun run = sign(ws, ws.resolve("keys/PM.key.pem"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("PM.key.pem").contains("inside the workspace");
    }

    @Test
    void refusesAPrivateKeyOthersCanRead() throws Exception {
        Path keys = dir.resolve("keys");
        Path ws = sealedWorkspace(keys);
        Files.setPosixFilePermissions(keys.resolve("PM.key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

        CliRun run = sign(ws, keys.resolve("PM.key.pem"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("chmod 600").contains("PM.key.pem");
    }

    /**
     * A monorepo: the workspace is {@code repo/planning}, the rest of {@code repo} holds other
     * things. A private key committed there ({@code repo/ci/PM.key.pem}) lies outside the
     * workspace, but whoever can read the repository holds it (SPEC §8): it is refused as a key
     * inside the workspace is. Returns the workspace, sealed; the trust file is in {@code dir/keys}.
     */
    private Path monorepoWithCommittedKey(boolean ignored) throws Exception {
        Path repository = dir.resolve("repo");
        Path ws = repository.resolve("planning");
        CliRun.copyOf("fe-2025-09-02", ws);
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", dir.resolve("keys").toString());
        Path ci = Files.createDirectories(repository.resolve(ignored ? "target/ci" : "ci"));
        Files.copy(dir.resolve("keys/PM.key.pem"), ci.resolve("PM.key.pem"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(repository.resolve(".gitignore"), "target/\n");
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Tester", "tester@example.org");
            git.commit().setMessage("plans and, by mistake, a key").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        return ws;
    }

    private CliRun signWithTrustOutside(Path ws, Path key) {
        return CliRun.of("sign", ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml").toString(),
                "--role", "PM", "--key", key.toString(), "--trust", dir.resolve("keys/trust.yaml").toString());
    }

    @Test
    void refusesAPrivateKeyCommittedElsewhereInTheWorkspacesRepository() throws Exception {
        Path ws = monorepoWithCommittedKey(false);

        CliRun run = signWithTrustOutside(ws, dir.resolve("repo/ci/PM.key.pem"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("PM.key.pem").contains("committed to the workspace's git repository")
                .contains("keys generate");
        // errors18: the work tree named relative to the workspace, never by its absolute path.
        assertThat(run.err()).contains("committed to the workspace's git repository (work tree .., relative to the"
                + " workspace)").doesNotContain(dir.resolve("repo") + ")");
    }

    @Test
    void refusesALinkOutsideTheRepositoryToACommittedPrivateKey() throws Exception {
        Path ws = monorepoWithCommittedKey(false);
        Path link = Files.createSymbolicLink(dir.resolve("PM.key.pem"), dir.resolve("repo/ci/PM.key.pem"));

        CliRun run = signWithTrustOutside(ws, link);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("committed to the workspace's git repository");
    }

    @Test
    void signsWithAGitIgnoredKeyInTheRepositorysWorkTree() throws Exception {
        Path ws = monorepoWithCommittedKey(true);

        CliRun run = signWithTrustOutside(ws, dir.resolve("repo/target/ci/PM.key.pem"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    @Test
    void refusesAnAttestationKeyCommittedToTheWorkspacesRepository() throws Exception {
        Path ws = monorepoWithCommittedKey(false);

        CliRun run = CliRun.of(CycleScript.cycle(ws, "attest", "--key", dir.resolve("repo/ci/PM.key.pem").toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("PM.key.pem").contains("committed to the workspace's git repository");
    }

    @Test
    void keysGenerateWarnsWhenItWritesIntoAGitWorkTree() throws Exception {
        Path ws = CycleScript.committedExample(dir);

        CliRun run = CycleScript.ok("keys", "generate", "--role", "PM", "--out", ws.resolve("keys").toString());

        assertThat(run.err()).contains("warning").contains("git work tree").contains("PM.key.pem");
    }

    @Test
    void keysGenerateOutsideAnyRepositoryWarnsOfNothing() {
        CliRun run = CycleScript.ok("keys", "generate", "--role", "PM", "--out", dir.resolve("keys").toString());

        assertThat(run.err()).isEmpty();
    }

    @Test
    void signsWithAnOwnerOnlyKeyOutsideTheWorkspace() throws Exception {
        Path keys = dir.resolve("keys");
        Path ws = sealedWorkspace(keys);

        assertThat(sign(ws, keys.resolve("PM.key.pem")).exitCode()).isZero();
    }
}
