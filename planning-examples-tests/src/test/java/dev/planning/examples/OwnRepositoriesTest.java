package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@link OwnRepositories}, which {@code planning demo} and the CLI's start-up training both use, in
 * this JVM: JGit reads the environment and the user's configuration through its {@link SystemReader},
 * which the test replaces by one that exports {@code GIT_DIR}, {@code GIT_INDEX_FILE},
 * {@code GIT_OBJECT_DIRECTORY} and {@code GIT_WORK_TREE} of a repository of the user's and gives a
 * user configuration whose hooks and attributes filter leave a trace. Isolated: the reader is global
 * to the JVM. (The same through the demo and the training, in child JVMs with a real environment:
 * {@code TrainingRepositoryAttackTest} in planning-cli.)
 */
@Isolated
class OwnRepositoriesTest {

    @TempDir
    Path dir;

    @Test
    void aNewRepositoryIsItsOwnWhateverTheEnvironmentAndRunsNoHookOrFilterOfTheUser() throws Exception {
        Path victim = victim();
        Path trace = dir.resolve("trace");
        Path userConfig = userConfig(trace);
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve("plan.txt"), "the tool's file\n");

        SystemReader saved = SystemReader.getInstance();
        SystemReader.setInstance(new HostileReader(saved, victim, userConfig));
        try (Repository repository = OwnRepositories.create(ws); Git git = Git.wrap(repository)) {
            git.add().addFilepattern(".").call();
            PersonIdent tool = new PersonIdent("tool", "tool@planning.invalid");
            git.commit().setMessage("tool's").setAuthor(tool).setCommitter(tool).setSign(false).call();

            assertThat(repository.getDirectory().toPath()).isEqualTo(ws.resolve(".git").toAbsolutePath());
            assertThat(repository.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/main");
            assertThat(git.log().call()).extracting(c -> c.getShortMessage()).containsExactly("tool's");
        } finally {
            SystemReader.setInstance(saved);
        }

        try (Git git = Git.open(victim.toFile())) {
            assertThat(git.log().call()).extracting(c -> c.getShortMessage()).containsExactly("mine");
            assertThat(git.status().call().isClean()).isTrue();
        }
        assertThat(trace).doesNotExist();
    }

    @Test
    void neverTakesOverARepositoryThatIsAlreadyThere() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        OwnRepositories.create(ws).close();

        assertThatIllegalStateException().isThrownBy(() -> OwnRepositories.create(ws))
                .withMessageContaining("already exists");
    }

    /** A repository of the user's with one commit and a clean work tree. */
    private Path victim() throws Exception {
        Path victim = dir.resolve("victim");
        try (Git git = Git.init().setDirectory(victim.toFile()).setGitDir(victim.resolve(".git").toFile())
                .setInitialBranch("main").call()) {
            Files.writeString(victim.resolve("mine.txt"), "the user's work\n");
            git.add().addFilepattern("mine.txt").call();
            PersonIdent me = new PersonIdent("me", "me@example.invalid");
            git.commit().setMessage("mine").setAuthor(me).setCommitter(me).setSign(false).setNoVerify(true).call();
        }
        return victim;
    }

    /** A user configuration naming hooks and a clean filter (on every file) that each append to {@code trace}. */
    private Path userConfig(Path trace) throws Exception {
        Path hooks = Files.createDirectories(dir.resolve("home/hooks"));
        for (String hook : new String[] {"pre-commit", "commit-msg", "post-commit"}) {
            Path file = hooks.resolve(hook);
            Files.writeString(file, "#!/bin/sh\necho " + hook + " >> '" + trace + "'\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        }
        Path attributes = Files.writeString(dir.resolve("home/attributes"), "* filter=trace\n", StandardCharsets.UTF_8);
        Path config = dir.resolve("home/.gitconfig");
        Files.writeString(config, "[core]\n\thooksPath = " + hooks + "\n\tattributesFile = " + attributes + "\n"
                + "[filter \"trace\"]\n\tclean = \"echo filter >> '" + trace + "'; cat\"\n", StandardCharsets.UTF_8);
        return config;
    }

    /** The environment of a git hook or CI step in the user's repository, and the user's configuration. */
    private static final class HostileReader extends SystemReader.Delegate {

        private final Map<String, String> environment;
        private final Path userConfig;

        HostileReader(SystemReader delegate, Path victim, Path userConfig) {
            super(delegate);
            Path gitDir = victim.resolve(".git");
            this.environment = Map.of("GIT_DIR", gitDir.toString(), "GIT_INDEX_FILE", gitDir.resolve("index").toString(),
                    "GIT_OBJECT_DIRECTORY", gitDir.resolve("objects").toString(), "GIT_WORK_TREE", victim.toString());
            this.userConfig = userConfig;
        }

        @Override
        public String getenv(String variable) {
            return environment.containsKey(variable) ? environment.get(variable) : super.getenv(variable);
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, userConfig.toFile(), fs);
        }
    }
}
