package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seventh review (2026-12-04), the sixth's open item: with {@code --rulebook} outside the workspace,
 * the compiled-rulebook cache was judged against the rulebook's parent only, not the workspace. In a
 * workspace that is not a git checkout (plans unpacked from an archive, whose owner and modes are
 * whatever the archive says), with {@code PLANNING_CACHE_DIR} pointing into it, a compiled entry and
 * a "passed" verdict lying there, made from a doctored copy of the rulebook and relabelled with the
 * real rule files' key, were used: the governance gate judged with the doctored rules. The command
 * line now keeps no compiled rulebook in a directory inside the workspace it opens.
 */
@Tag("slow")
@Tag("subprocess")
class CacheInWorkspaceAttackTest {

    @TempDir
    Path dir;

    /** Runs the command line in a process of its own, as the launcher does. */
    private MainInChildJvm.Ended cli(List<String> arguments, Path cache) {
        return MainInChildJvm.run(dir, Map.of("PLANNING_NO_CACHE", "", "PLANNING_CACHE_DIR", cache.toString()),
                arguments.toArray(String[]::new));
    }

    private MainInChildJvm.Ended gate(Path workspace, Path rulebook, Path cache) {
        return cli(List.of("gate", "-w", workspace.toString(), "--rulebook", rulebook.toString(), "--stream", "fe",
                "--cycle", "2025-09-02", "--to", "READY_FOR_HANDOFF"), cache);
    }

    private static Path only(Path cache, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    private static String key(Path entry) {
        return entry.getFileName().toString().substring(0, 64);
    }

    @Test
    void aCompiledEntryLyingInANonGitWorkspaceIsNeverUsedForARulebookOutsideIt() throws Exception {
        Path workspace = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        Path rulebook = Files.move(workspace.resolve("rulebook"),
                Files.createDirectories(dir.resolve("operator")).resolve("rulebook"));
        Path doctored = CliRun.copyOf("fe-critical", dir.resolve("doctored")).resolve("rulebook");
        Path critical = doctored.resolve("rules/critical.drl");
        Files.writeString(critical, Files.readString(critical).replace("criticality == 0", "criticality == 99"));

        // The adversary's material, made where they may: the real rule files' key (public data: the
        // rule files and the engine's build) and the doctored rulebook's entry and verdict.
        Path real = dir.resolve("real-cache");
        Path theirs = dir.resolve("their-cache");
        assertThat(gate(workspace, rulebook, real).code()).as("the real rules refuse the plan").isEqualTo(1);
        assertThat(gate(workspace, doctored, theirs).code()).as("the doctored rules pass it").isZero();
        String realKey = key(only(real, ".bin"));
        String theirKey = key(only(theirs, ".bin"));

        Path planted = Files.createDirectories(workspace.resolve(".cache/planning"));
        for (String suffix : List.of(".bin", ".policy")) {
            String entry = Files.readString(theirs.resolve(theirKey + suffix), StandardCharsets.ISO_8859_1);
            Path file = planted.resolve(realKey + suffix);
            Files.writeString(file, entry.replace(theirKey, realKey), StandardCharsets.ISO_8859_1);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwx------"));

        MainInChildJvm.Ended ended = gate(workspace, rulebook, planted);
        assertThat(ended.code()).as(ended.out()).isEqualTo(1);
        assertThat(ended.out()).contains("governance");
    }
}
