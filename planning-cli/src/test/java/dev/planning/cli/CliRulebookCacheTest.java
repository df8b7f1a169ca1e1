package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line process keeps compiled rulebooks in the cache directory it is given. */
@Tag("slow")
@Tag("subprocess")
class CliRulebookCacheTest {

    @TempDir
    Path dir;

    private int lint(Path workspace, String... environment) {
        return cli(List.of("lint", "-w", workspace.toString()), environment).code();
    }

    /** Runs the command line in a process of its own, as the launcher does, with the variables given in pairs. */
    private MainInChildJvm.Ended cli(List<String> arguments, String... environment) {
        Map<String, String> variables = new HashMap<>(Map.of("PLANNING_NO_CACHE", ""));
        for (int i = 0; i < environment.length; i += 2) {
            variables.put(environment[i], environment[i + 1]);
        }
        return MainInChildJvm.run(dir, variables, arguments.toArray(String[]::new));
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void aCommandStoresTheCompiledRulebookOwnerOnlyAndTheNextOneStillPasses() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");

        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString())).isZero();
        // The compiled entry, the policy-language verdict beside it, lint's kept result
        // (LintResultCache) and the rulebook's validated settings (each under a key of its own), all owner-only.
        assertThat(files(cache)).map(f -> f.getFileName().toString().replaceAll("^[0-9a-f]{64}", "KEY"))
                .containsExactlyInAnyOrder("KEY.bin", "KEY.policy", "KEY.lint", "KEY.rulebook");
        assertThat(files(cache)).allSatisfy(entry ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-------"));
        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString())).isZero();
    }

    @Test
    void gateAndAdvanceAreServedFromTheEntryLintStoredAndATamperedEntryIsCompiledAgain() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");
        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString())).isZero();
        Path entry = files(cache).stream().filter(f -> f.getFileName().toString().endsWith(".bin")).findFirst()
                .orElseThrow();
        // A hit reads the entry and leaves it alone; a compilation would write it again. (Half an hour
        // old: a hit moves the time of an entry over an hour old to now, its use for eviction.)
        FileTime old = halfAnHourAgo();
        Files.setLastModifiedTime(entry, old);
        List<String> cycle = List.of("-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF");

        List<String> gate = new ArrayList<>(List.of("gate"));
        gate.addAll(cycle);
        assertThat(cli(gate, "PLANNING_CACHE_DIR", cache.toString()).code()).isZero();
        assertThat(Files.getLastModifiedTime(entry)).isEqualTo(old);

        // One byte of the payload changed: its hash no longer matches, so the rulebook is compiled
        // again (the transition still judged correctly) and the entry replaced.
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 10] ^= 1;
        Files.write(entry, bytes);
        Files.setLastModifiedTime(entry, old);
        List<String> advance = new ArrayList<>(List.of("advance"));
        advance.addAll(cycle);
        assertThat(cli(advance, "PLANNING_CACHE_DIR", cache.toString()).code()).isZero();
        assertThat(Files.getLastModifiedTime(entry)).isNotEqualTo(old);
        assertThat(Files.readAllBytes(entry)).isNotEqualTo(bytes);
    }

    /** A modification time a hit leaves as it is (a file over an hour old has its time moved to now when used). */
    private static FileTime halfAnHourAgo() {
        return FileTime.from(Instant.now().minus(Duration.ofMinutes(30))
                .truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aHitMovesTheTimeOfAnEntryOverAnHourOldToNowAndRewritesNothing() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");
        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString())).isZero();
        Path entry = cacheFile(cache, ".bin");
        byte[] bytes = Files.readAllBytes(entry);
        Object inode = Files.getAttribute(entry, "unix:ino");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(entry, old);

        assertThat(lintAgain(workspace, cache)).isZero();

        assertThat(Files.getLastModifiedTime(entry).toInstant()).isAfter(Instant.now().minusSeconds(600));
        assertThat(Files.getAttribute(entry, "unix:ino")).isEqualTo(inode); // the same file, not written again
        assertThat(Files.readAllBytes(entry)).isEqualTo(bytes);
    }

    private static Path cacheFile(Path cache, String suffix) throws IOException {
        return files(cache).stream().filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    }

    /**
     * lint with its kept results removed first, so that it lints (and so opens the compiled rulebook)
     * rather than print the kept result of the unchanged workspace.
     */
    private int lintAgain(Path workspace, Path cache) throws IOException, InterruptedException {
        for (Path kept : files(cache)) {
            if (kept.getFileName().toString().endsWith(".lint")) {
                Files.delete(kept);
            }
        }
        return lint(workspace, "PLANNING_CACHE_DIR", cache.toString());
    }

    @Test
    void aKeptLintResultIsPrintedWithoutLoadingTheYamlSchemaOrRuleEngineClasses() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");
        MainInChildJvm.Ended first = cli(List.of("lint", "-w", workspace.toString(), "--format", "json"),
                "PLANNING_CACHE_DIR", cache.toString());
        assertThat(first.code()).isZero();
        Path classes = dir.resolve("classes.txt");

        MainInChildJvm.Ended kept = cli(List.of("lint", "-w", workspace.toString(), "--format", "json"),
                "PLANNING_CACHE_DIR", cache.toString(), "JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classes);
        assertThat(kept.code()).isZero();

        assertThat(kept.out()).endsWith(first.out()).contains("\"passed\" : true");
        String loaded = Files.readString(classes);
        // No YAML, schema or JSON machinery and no rule engine: only the few classes the engine's
        // fingerprint names (loaded to find their jar, never initialised) come from Drools.
        assertThat(loaded).contains("dev.planning.cli.LintResultCache")
                .doesNotContain("org.yaml.snakeyaml.", "com.networknt.", "com.fasterxml.jackson.", "org.drools.core.",
                        "org.drools.compiler.", "org.drools.mvel.", "org.mvel2.", "org.kie.api.",
                        "dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory");
    }

    @Test
    void lintOnAHitLeavesEntryAndVerdictAloneButATamperedEntryOrVerdictIsComputedAgainNotTrusted() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");
        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString())).isZero();
        Path entry = cacheFile(cache, ".bin");
        Path verdict = cacheFile(cache, ".policy");
        byte[] goodEntry = Files.readAllBytes(entry);
        byte[] goodVerdict = Files.readAllBytes(verdict);
        FileTime old = halfAnHourAgo(); // younger than the hour after which a hit records its use
        Files.setLastModifiedTime(entry, old);
        Files.setLastModifiedTime(verdict, old);

        // A hit: entry and verdict check out, nothing is compiled, checked or written.
        assertThat(lintAgain(workspace, cache)).isZero();
        assertThat(Files.getLastModifiedTime(entry)).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(verdict)).isEqualTo(old);

        // One byte of the entry's payload changed: lint compiles again and replaces it.
        byte[] tampered = goodEntry.clone();
        tampered[tampered.length - 10] ^= 1;
        Files.write(entry, tampered);
        assertThat(lintAgain(workspace, cache)).isZero();
        assertThat(Files.readAllBytes(entry)).isNotEqualTo(tampered);

        // The verdict's payload changed: lint checks the rule files again and records the verdict anew.
        byte[] tamperedVerdict = new String(goodVerdict, StandardCharsets.UTF_8)
                .replace("passed", "passeD").getBytes(StandardCharsets.UTF_8);
        Files.write(verdict, tamperedVerdict);
        assertThat(lintAgain(workspace, cache)).isZero();
        assertThat(Files.readAllBytes(verdict)).isEqualTo(goodVerdict);
    }

    @Test
    void noCacheMeansNothingIsWritten() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");

        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString(), "PLANNING_NO_CACHE", "1")).isZero();
        assertThat(cache).doesNotExist();
    }
}
