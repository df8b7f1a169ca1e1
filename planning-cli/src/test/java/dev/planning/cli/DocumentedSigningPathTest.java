package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing workflow of {@code docs/sealing.md}, read out of the document and run as written by
 * {@code bash} in a committed copy of the frontend example, with {@code planning} the CLI of this
 * build and {@code HOME} a temporary directory: every command must succeed, and no private key may
 * end up in the workspace or in git.
 */
@Tag("slow")
@Tag("subprocess")
class DocumentedSigningPathTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentedSigningPathRunsAsWrittenAndCommitsNoKey() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "sealing.md"), StandardCharsets.UTF_8);
        int section = doc.indexOf("## The workflow");
        int start = doc.indexOf("```sh\n", section) + "```sh\n".length();
        String block = doc.substring(start, doc.indexOf("```\n", start));
        assertThat(block).contains("planning keys generate").contains("planning sign").contains("git add -A");
        Path ws = CycleScript.committedExample(dir);
        Path home = Files.createDirectories(dir.resolve("home"));
        Path script = dir.resolve("workflow.sh");
        String java = ChildProcesses.javaLauncher();
        Files.writeString(script, "set -euo pipefail\n"
                + "planning() { \"" + java + "\" \"" + ChildProcesses.temporaryDirectoryOption()
                + "\" -XX:TieredStopAtLevel=1 -cp \"$PLANNING_CP\" "
                + PlanningCommand.class.getName() + " \"$@\"; }\n" + block, StandardCharsets.UTF_8);

        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(ws.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        ChildProcesses.passTemporaryDirectory(bash);
        Map<String, String> env = bash.environment();
        env.put("HOME", home.toString());
        env.put("PLANNING_CP", System.getProperty("java.class.path"));
        env.putAll(Map.of("GIT_AUTHOR_NAME", "Tester", "GIT_AUTHOR_EMAIL", "tester@example.org",
                "GIT_COMMITTER_NAME", "Tester", "GIT_COMMITTER_EMAIL", "tester@example.org",
                "GIT_CONFIG_NOSYSTEM", "1"));
        Process process = bash.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(out).isZero();
        assertThat(home.resolve(".planning/keys/PM.key.pem")).exists();
        assertThat(ws.resolve("handoff.intoto.json")).exists();
        try (Git git = Git.open(ws.toFile())) {
            List<String> committed = new ArrayList<>();
            try (org.eclipse.jgit.treewalk.TreeWalk walk = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
                walk.addTree(git.getRepository().parseCommit(git.getRepository().resolve("HEAD")).getTree());
                walk.setRecursive(true);
                while (walk.next()) {
                    committed.add(walk.getPathString());
                }
            }
            assertThat(committed).noneMatch(p -> p.endsWith(".key.pem")).contains(
                    "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml");
        }
        try (var files = Files.walk(ws)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".key.pem") && !p.contains(File.separator + ".git"));
        }
    }
}
