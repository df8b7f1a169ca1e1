package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.CacheFiles;
import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thirteenth review (2026-12-04), turned around by cachemac: a CI cache step that saves the cache
 * directory in a pull request's job and restores it in a trusted job gives the trusted job files of
 * its own account, in a private directory outside the workspace, and an entry the pull request made
 * from doctored rules, relabelled with the real rule files' key (public data). Every file of the
 * cache is now authenticated with a per-user secret kept outside the cache directory
 * ({@code PLANNING_CACHE_KEY_FILE}; each job has its own): the restored entry misses and the real
 * rules judge the plan, with no {@code PLANNING_NO_CACHE}. What still does not hold, as
 * docs/SECURITY.md says: a job that restores the secret with the cache trusts whoever made both.
 */
@Tag("slow")
@Tag("subprocess")
class SharedCiCacheAttackTest {

    @TempDir
    Path dir;

    /**
     * Runs {@code planning gate} in a process of its own, as the launcher does, with the cache and the
     * secret of one job; returns its exit code.
     */
    private int gate(Path workspace, Path cache, Path keyFile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ChildProcesses.java("-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        command.addAll(List.of("gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF"));
        ProcessBuilder cli = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        cli.environment().remove("PLANNING_NO_CACHE");
        cli.environment().remove("JAVA_TOOL_OPTIONS");
        cli.environment().put("PLANNING_CACHE_DIR", cache.toString());
        cli.environment().put("PLANNING_CACHE_KEY_FILE", keyFile.toString());
        Process process = cli.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    private static String key(Path cache, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(suffix)).findFirst()
                    .orElseThrow().substring(0, 64);
        }
    }

    /**
     * The pull request's job relabels its entry and verdict; the cache step saves its directory and
     * restores it in the trusted job (the files are that account's, owner-only, as the cache wrote them).
     */
    private static void restore(Path pullRequest, String theirKey, Path trusted, String realKey) throws IOException {
        for (String suffix : List.of(".bin", ".policy")) {
            String entry = Files.readString(pullRequest.resolve(theirKey + suffix), StandardCharsets.ISO_8859_1);
            Path file = trusted.resolve(realKey + suffix);
            Files.writeString(file, entry.replace(theirKey, realKey), StandardCharsets.ISO_8859_1);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** As {@link #restore}, each file's MAC made again with the pull request job's secret, which it holds. */
    private static void restoreAuthenticated(Path pullRequest, String theirKey, Path trusted, String realKey,
            Path theirSecret) throws IOException {
        for (String suffix : List.of(".bin", ".policy")) {
            byte[] entry = Files.readAllBytes(pullRequest.resolve(theirKey + suffix));
            String text = new String(entry, StandardCharsets.ISO_8859_1);
            byte[] payload = text.substring(text.indexOf("\n\n") + 2).getBytes(StandardCharsets.ISO_8859_1);
            Path file = trusted.resolve(realKey + suffix);
            Files.write(file, CacheFiles.file(theirSecret, text.substring(0, text.indexOf('\n')), realKey, payload));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aCacheRestoredFromAPullRequestsJobMissesWithoutItsSecretAndTheRealRulesJudge() throws Exception {
        Path workspace = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        Path doctored = CliRun.copyOf("fe-critical", dir.resolve("pr"));
        Path critical = doctored.resolve("rulebook/rules/critical.drl");
        Files.writeString(critical, Files.readString(critical).replace("criticality == 0", "criticality == 99"));

        // The trusted job's own run, and the pull request's job, each with its cache and its own secret.
        Path trusted = dir.resolve("trusted-cache");
        Path trustedKey = dir.resolve("trusted-state/planning/cache-key");
        Path pullRequest = dir.resolve("pr-cache");
        Path theirSecret = dir.resolve("pr-state/planning/cache-key");
        assertThat(gate(workspace, trusted, trustedKey)).as("the real rules refuse the plan").isEqualTo(1);
        assertThat(gate(doctored, pullRequest, theirSecret)).as("the doctored rules pass it").isZero();
        String realKey = key(trusted, ".bin");
        String theirKey = key(pullRequest, ".bin");
        restore(pullRequest, theirKey, trusted, realKey);

        assertThat(gate(workspace, trusted, trustedKey)).as(Files.readString(dir.resolve("out.txt"))).isEqualTo(1);

        // The limit: a job that restores the secret too trusts whoever made the cache (and could sign with it).
        restoreAuthenticated(pullRequest, theirKey, trusted, realKey, theirSecret);
        assertThat(gate(workspace, trusted, theirSecret)).as("the secret came with the cache").isZero();
    }
}
