package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.rules.CompiledRulebooks;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training runs {@code bin/planning} records its start-up caches from: each family's steps reach
 * the verdict they should on the frontend example (a training run with a failing step records no
 * cache), and the example itself is left as it was. Isolated: a training run points the process-wide
 * compiled-rulebook cache at its scratch directory while it runs, so no other test class may compile
 * a rulebook meanwhile when classes run in parallel. Tagged {@code slow} and {@code training}: the
 * full build runs it, the fast set does not (a training run is a whole family of commands, alone).
 */
@Tag("slow")
@Tag("training")
@Isolated
class StartupTrainingTest {

    private static final Path EXAMPLE = Path.of("..", "planning-examples", "workspaces", "fe-2025-09-02")
            .toAbsolutePath().normalize();

    @TempDir
    Path scratch;

    /**
     * A training run leaves the compiled-rulebook cache (and the kept rulebook settings) pointed at its
     * scratch directory: off again, so that a later test in this JVM neither reads nor re-creates it.
     */
    @AfterEach
    void cacheNothingAcrossRuns() {
        CompiledRulebooks.noCacheAcrossRuns();
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "read", "status", "lint", "gate", "rules"})
    void everyStepOfEachFamilySucceedsOnTheExample(String family) throws Exception {
        long filesBefore = fileCount(EXAMPLE);

        assertThat(StartupTraining.run(EXAMPLE, scratch, family, null)).isZero();
        assertThat(fileCount(EXAMPLE)).isEqualTo(filesBefore);
    }

    @Test
    void theReadFamilyTrainsOnAWorkspacePreparedByAnotherRun() throws Exception {
        Path prepared = scratch.resolve("prepared");
        assertThat(StartupTraining.prepare(EXAMPLE, prepared)).isZero();
        assertThat(prepared.resolve("keys/trust.yaml")).isRegularFile();

        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("training"), "read", prepared)).isZero();
        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("status-training"), "status", prepared)).isZero();
    }

    @Test
    void thePreparedWorkspaceIsACommittedRepositoryWhoseCommitTheSealRecords() throws Exception {
        Path prepared = scratch.resolve("prepared");
        assertThat(StartupTraining.prepare(EXAMPLE, prepared)).isZero();

        // As a user's workspace: the seal records the commit, so verify looks it up with JGit (trained).
        try (Git git = Git.open(prepared.resolve("ws").toFile())) {
            String head = git.getRepository().resolve("HEAD").name();
            assertThat(prepared.resolve("ws/frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml"))
                    .content(StandardCharsets.UTF_8).contains("snapshot_rev: \"" + head + "\"");
            try (Stream<Path> packs = Files.list(prepared.resolve("ws/.git/objects/pack"))) {
                assertThat(packs.map(Path::toString)).as("objects packed, as a clone's").anyMatch(name -> name.endsWith(".pack"));
            }
            assertThat(prepared.resolve("ws/.git/objects/" + head.substring(0, 2) + "/" + head.substring(2)))
                    .as("the newest commit loose, as a user's last commit").isRegularFile();
        }
    }

    @Test
    void theRulesFamilyTrainsInARepositoryPreparedByAnotherRun() throws Exception {
        Path prepared = scratch.resolve("prepared");
        assertThat(StartupTraining.prepareRepository(EXAMPLE, prepared)).isZero();

        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("training"), "rules", prepared)).isZero();
        // It sealed the prepared repository's copy (so its seal read the repository's status and recorded
        // the commit, and its full verify looked that commit up), on the prepared rulebook cache.
        try (Git git = Git.open(prepared.resolve("ws").toFile())) {
            String head = git.getRepository().resolve("HEAD").name();
            assertThat(prepared.resolve("ws/frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml"))
                    .content(StandardCharsets.UTF_8).contains("snapshot_rev: \"" + head + "\"");
        }
        assertThat(scratch.resolve("training/ws")).doesNotExist();
        assertThat(scratch.resolve("training/rulebook-cache")).doesNotExist();
    }

    @Test
    void theLintFamilyLintsOnThePreparedRulebookCacheThenPrintsTheKeptResult() throws Exception {
        Path prepared = scratch.resolve("prepared");
        assertThat(StartupTraining.prepareRules(EXAMPLE, prepared)).isZero();
        int served = LintResultCache.served();

        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("training"), "lint", prepared)).isZero();

        assertThat(LintResultCache.served()).isEqualTo(served + 1);
        assertThat(scratch.resolve("training/rulebook-cache")).doesNotExist();
        // The switch is off again once the training is over.
        assertThat(LintResultCache.of(EXAMPLE, null, null, null, null, OutputFormat.text)).isEmpty();
    }

    @Test
    void theLintKeptFamilyPrintsTheResultAnotherRunKeptAndNothingElse() throws Exception {
        Path prepared = scratch.resolve("prepared");
        assertThat(StartupTraining.prepareLint(EXAMPLE, prepared)).isZero();
        int served = LintResultCache.served();

        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("training"), "lintkept", prepared)).isZero();

        assertThat(LintResultCache.served()).isEqualTo(served + 1);
        assertThat(LintResultCache.of(EXAMPLE, null, null, null, null, OutputFormat.text)).isEmpty();
    }

    @Test
    void theLintKeptFamilyFailsWhenThereIsNoKeptResultToPrint() throws Exception {
        // Only the rulebook compiled: lint would lint, and a cache recorded from that is not lintkept's.
        Path prepared = scratch.resolve("prepared");
        assertThat(StartupTraining.prepareRules(EXAMPLE, prepared)).isZero();

        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("training"), "lintkept", prepared)).isNotZero();
        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("unprepared"), "lintkept", null)).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gate", "rules"})
    void theRuleEngineFamiliesTrainOnTheRulebookCachePreparedByAnotherRun(String family) throws Exception {
        Path prepared = scratch.resolve("prepared");
        assertThat(StartupTraining.prepareRules(EXAMPLE, prepared)).isZero();

        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("training"), family, prepared)).isZero();
        // Its steps looked up (and, had this JVM not compiled the rulebook before, found) the
        // prepared cache's entry: the run made no cache of its own.
        assertThat(scratch.resolve("training/rulebook-cache")).doesNotExist();
    }

    @Test
    void aTrainingRunsRulebookCacheEndsWithIt() throws Exception {
        assertThat(StartupTraining.run(EXAMPLE, scratch.resolve("training"), "rules", null)).isZero();
        Path cache = scratch.resolve("training/rulebook-cache");
        // Absent when this JVM compiled the example's rulebook before (held in memory, never stored).
        long cached = Files.exists(cache) ? fileCount(cache) : 0;

        // A rulebook compiled later in this process (other rule text, so another key) is not kept there.
        Path ws = scratch.resolve("later");
        try (Stream<Path> walk = Files.walk(EXAMPLE)) {
            for (Path from : (Iterable<Path>) walk::iterator) {
                Path to = ws.resolve(EXAMPLE.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        try (Stream<Path> drl = Files.list(ws.resolve("rulebook/rules"))) {
            Path file = drl.filter(p -> p.toString().endsWith(".drl")).findFirst().orElseThrow();
            Files.writeString(file, Files.readString(file) + "\n// changed\n", StandardCharsets.UTF_8);
        }
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
        PlanningCommand.execute(new String[] {"lint", "-w", ws.toString()}, discard, discard);

        assertThat(Files.exists(cache) ? fileCount(cache) : 0).isEqualTo(cached);
    }

    private static long fileCount(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.count();
        }
    }
}
