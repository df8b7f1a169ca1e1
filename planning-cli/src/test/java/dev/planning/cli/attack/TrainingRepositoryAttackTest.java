package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the fifth review of 2026-12-03: the git repositories the tool makes for itself (the
 * start-up training's workspace, {@code bin/planning} runs it in the background on the first
 * command after a build; {@code planning demo}'s) were made with JGit's {@code Git.init()}, which
 * reads {@code GIT_DIR}, {@code GIT_INDEX_FILE}, {@code GIT_OBJECT_DIRECTORY} and {@code GIT_WORK_TREE}
 * from the environment, and ran the hooks of the user's {@code core.hooksPath}. A command run where
 * those are set (inside a git hook, a CI step, a shell that exported {@code GIT_DIR}) committed the
 * example's files onto the user's own branch and replaced their index, and ran their hooks on a
 * commit they never made. Each runs in a child JVM, whose environment the test sets.
 */
@Tag("slow")
@Tag("attack")
@Tag("subprocess")
class TrainingRepositoryAttackTest {

    private static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** A repository of the user's with one commit, and a home whose git configuration names hooks that leave a trace. */
    private Path victim() throws Exception {
        Path victim = dir.resolve("victim");
        try (Git git = Git.init().setDirectory(victim.toFile()).setGitDir(victim.resolve(".git").toFile())
                .setInitialBranch("main").call()) {
            Files.writeString(victim.resolve("mine.txt"), "the user's work\n");
            git.add().addFilepattern("mine.txt").call();
            PersonIdent me = new PersonIdent("me", "me@example.invalid");
            git.commit().setMessage("mine").setAuthor(me).setCommitter(me).setSign(false).setNoVerify(true).call();
        }
        Path hooks = Files.createDirectories(dir.resolve("home/hooks"));
        for (String hook : new String[] {"pre-commit", "post-commit", "commit-msg"}) {
            Path file = hooks.resolve(hook);
            Files.writeString(file, "#!/bin/sh\necho " + hook + " >> " + dir.resolve("hooks-ran") + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        }
        Files.writeString(dir.resolve("home/.gitconfig"), "[core]\n\thooksPath = " + hooks + "\n");
        return victim;
    }

    private int run(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + dir.resolve("home"), "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("home").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    private void assertUntouched(Path victim) throws Exception {
        try (Git git = Git.open(victim.toFile())) {
            assertThat(git.log().call()).as(Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8))
                    .extracting(c -> c.getShortMessage()).containsExactly("mine");
            assertThat(git.status().call().isClean()).isTrue();
        }
        assertThat(dir.resolve("hooks-ran")).doesNotExist();
    }

    private static Map<String, String> gitEnvironment(Path victim) {
        Path gitDir = victim.resolve(".git");
        return Map.of("GIT_DIR", gitDir.toString(), "GIT_INDEX_FILE", gitDir.resolve("index").toString(),
                "GIT_OBJECT_DIRECTORY", gitDir.resolve("objects").toString(), "GIT_WORK_TREE", victim.toString());
    }

    @Test
    void theTrainingsRepositoryIsItsOwnWhateverTheEnvironmentAndRunsNoHook() throws Exception {
        Path victim = victim();
        Path prepared = dir.resolve("prepared");

        int exit = run(gitEnvironment(victim), "dev.planning.cli.StartupTraining", "--prepare",
                EXAMPLES.resolve("fe-2025-09-02").toString(), prepared.toString());

        assertThat(exit).as(Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8)).isZero();
        assertUntouched(victim);
        try (Git git = Git.open(prepared.resolve("ws").toFile())) {
            // The preparation's own two commits (the newest left loose, as a user's last commit is).
            assertThat(git.log().call()).extracting(c -> c.getShortMessage())
                    .containsExactly("training, after the pack", "training");
        }
    }

    @Test
    void theDemosRepositoryIsItsOwnWhateverTheEnvironmentAndRunsNoHook() throws Exception {
        Path victim = victim();
        Path out = dir.resolve("demo");

        int exit = run(gitEnvironment(victim), "dev.planning.cli.PlanningCommand", "demo", "--out", out.toString());

        assertThat(exit).as(Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8)).isZero();
        assertUntouched(victim);
        try (Git git = Git.open(out.resolve("workspace").toFile())) {
            assertThat(git.log().call()).isNotEmpty();
        }
    }
}
