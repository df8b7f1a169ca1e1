package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Thirteenth review (2026-12-04): what the cache's checks do not hold against, as docs/SECURITY.md
 * ("What no check here guarantees") says. A CI cache step that saves the cache directory in a pull
 * request's job and restores it in a trusted job gives the trusted job files of its own account, in
 * a private directory outside the workspace: every check passes, and an entry the pull request made
 * from doctored rules, relabelled with the real rule files' key (public data), judges the plan. The
 * documented way out, {@code PLANNING_NO_CACHE=1} in the trusted job, judges with the real rules.
 */
@Tag("slow")
@Tag("subprocess")
class SharedCiCacheAttackTest {

    @TempDir
    Path dir;

    /** Runs {@code planning gate} in a process of its own, as the launcher does; returns its exit code. */
    private int gate(Path workspace, Path cache, boolean noCache) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ChildProcesses.java("-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        command.addAll(List.of("gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF"));
        ProcessBuilder cli = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        cli.environment().remove("PLANNING_NO_CACHE");
        cli.environment().remove("JAVA_TOOL_OPTIONS");
        cli.environment().put("PLANNING_CACHE_DIR", cache.toString());
        if (noCache) {
            cli.environment().put("PLANNING_NO_CACHE", "1");
        }
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

    @Test
    void aCacheRestoredFromAPullRequestsJobIsTheUsersOwnAndOnlyNoCacheKeepsItOut() throws Exception {
        Path workspace = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        Path doctored = CliRun.copyOf("fe-critical", dir.resolve("pr"));
        Path critical = doctored.resolve("rulebook/rules/critical.drl");
        Files.writeString(critical, Files.readString(critical).replace("criticality == 0", "criticality == 99"));

        // The trusted job's own run, and the pull request's job, each with its cache.
        Path trusted = dir.resolve("trusted-cache");
        Path pullRequest = dir.resolve("pr-cache");
        assertThat(gate(workspace, trusted, false)).as("the real rules refuse the plan").isEqualTo(1);
        assertThat(gate(doctored, pullRequest, false)).as("the doctored rules pass it").isZero();
        String realKey = key(trusted, ".bin");
        String theirKey = key(pullRequest, ".bin");
        // The pull request's job relabels its entry and verdict; the cache step saves its directory and
        // restores it in the trusted job (the files are that account's, owner-only, as the cache wrote them).
        for (String suffix : List.of(".bin", ".policy")) {
            String entry = Files.readString(pullRequest.resolve(theirKey + suffix), StandardCharsets.ISO_8859_1);
            Path file = trusted.resolve(realKey + suffix);
            Files.writeString(file, entry.replace(theirKey, realKey), StandardCharsets.ISO_8859_1);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }

        assertThat(gate(workspace, trusted, false)).as("every check passes: not authentication").isZero();
        assertThat(gate(workspace, trusted, true)).as(Files.readString(dir.resolve("out.txt"))).isEqualTo(1);
    }
}
