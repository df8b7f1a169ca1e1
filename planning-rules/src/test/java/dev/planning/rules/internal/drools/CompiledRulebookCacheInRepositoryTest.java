package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Task;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.rules.TestRulebooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found in review: a CI that sets {@code PLANNING_CACHE_DIR} to a directory of the checkout
 * ({@code .cache/planning}, to keep it between jobs) while the workspace is one directory of the
 * repository ({@code planning/}). An entry's checks are all self-consistency: its key is computed
 * from public data (the rule files and the engine's jars) and its SHA-256 is of its own payload, so
 * whoever can commit can write an entry, and a "passed" verdict, that check out. A checkout made
 * under umask 077 gives them the owner and the mode the cache asks for. So the committed entry of
 * a doctored rulebook was used for the real one. Entries and verdicts that git tracks are never
 * used: the rulebook is checked and compiled again.
 */
class CompiledRulebookCacheInRepositoryTest {

    /** The rulebook the repository shows: a task without an owner is a violation. */
    private static final String RULE = OwnerRequiredRule.DRL;

    /** What the adversary compiled instead: the same rule, which no task ever meets. */
    private static final String DOCTORED = RULE.replace("owner == null", "owner == \"nobody at all\"");

    @TempDir
    Path temp;

    private Path repository;
    private Path cacheDirectory;

    @BeforeEach
    void monorepo() throws IOException {
        repository = Files.createDirectories(temp.resolve("repo"));
        cacheDirectory = repository.resolve(".cache/planning");
    }

    private Rulebook rulebook(Path workspace, String drl) throws IOException {
        return TestRulebooks.withRules(Files.createDirectories(workspace.resolve("rulebook")),
                Map.of("rules/a.drl", drl), Map.of());
    }

    private static RulebookCompiler compiler(CompiledRulebookCache cache) {
        RulebookCompiler compiler = new RulebookCompiler(CompiledRulebookCacheInRepositoryTest.class.getClassLoader());
        compiler.useDiskCache(cache);
        return compiler;
    }

    private static GovernanceDecision decide(Rulebook rulebook, RulebookCompiler compiler) {
        Task ownerless = goodTask("FE-1").owner(null).build();
        return new DroolsGovernanceEngine(rulebook, compiler.compile(rulebook)).evaluate(input(ownerless));
    }

    private static String key(String drl) {
        return CompiledRulebookCache.key(List.of("rules/a.drl"), List.of(drl.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The adversary's commit: the doctored rulebook's entry and verdict, compiled on their own
     * machine, relabelled with the real rule file's key, in the checkout's cache directory, owner-only
     * as a checkout under umask 077 leaves them.
     */
    private void commitDoctoredEntry() throws Exception {
        plantDoctoredEntry();
        commitAll();
    }

    private void plantDoctoredEntry() throws Exception {
        Path theirs = temp.resolve("their-cache");
        decide(rulebook(temp.resolve("their-workspace"), DOCTORED), compiler(CompiledRulebookCache.at(theirs)));
        Files.createDirectories(cacheDirectory);
        for (String suffix : List.of(".bin", ".policy")) {
            String file = Files.readString(theirs.resolve(key(DOCTORED) + suffix), StandardCharsets.ISO_8859_1);
            Path planted = cacheDirectory.resolve(key(RULE) + suffix);
            Files.writeString(planted, file.replace(key(DOCTORED), key(RULE)), StandardCharsets.ISO_8859_1);
            Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-------"));
        }
        Files.setPosixFilePermissions(cacheDirectory, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aCommittedEntryAndVerdictAreNeverUsedTheRulebookIsCompiledAgain() throws Exception {
        Rulebook rulebook = rulebook(repository.resolve("planning"), RULE);
        commitDoctoredEntry();

        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory);
        GovernanceDecision decision = decide(rulebook, compiler(cache));

        assertThat(decision.violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("FE-1 has no owner"));
        assertThat(cache.hits()).isZero();
        assertThat(cache.verdictHits()).isZero();
        assertThat(cache.rejected()).isEqualTo(2);
    }

    @Test
    void aCommittedEntryIsNotUsedEvenAfterTheCompilationRewroteIt() throws Exception {
        Rulebook rulebook = rulebook(repository.resolve("planning"), RULE);
        commitDoctoredEntry();
        decide(rulebook, compiler(CompiledRulebookCache.at(cacheDirectory)));

        CompiledRulebookCache again = CompiledRulebookCache.at(cacheDirectory);
        decide(rulebook, compiler(again));

        assertThat(again.hits()).isZero();
        assertThat(again.verdictHits()).isZero();
    }

    @Test
    void aCommittedEntryDoesNotCheckOutForTheLazyBuild() throws Exception {
        Rulebook rulebook = rulebook(repository.resolve("planning"), RULE);
        commitDoctoredEntry();

        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory);

        assertThat(cache.holds(key(RULE), repository.resolve("planning/rulebook"))).isFalse();
        assertThat(cache.rejected()).isEqualTo(1);
    }

    /**
     * Tried in the attack review of 2026-12-03 (closed before it): the same entry and verdict brought
     * in by a submodule ({@code .cache} a repository of the adversary's, which the workspace's
     * repository names by a gitlink) are under no path of the workspace's repository, but the work
     * tree holding the cache directory is the submodule's, which tracks them.
     */
    @Test
    void anEntryAndVerdictASubmoduleBringsAreNeverUsed() throws Exception {
        Rulebook rulebook = rulebook(repository.resolve("planning"), RULE);
        plantDoctoredEntry();
        GitFixture.commitAll(repository.resolve(".cache"), "plans and a cache");
        commitAll();

        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory);
        GovernanceDecision decision = decide(rulebook, compiler(cache));

        assertThat(decision.violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("FE-1 has no owner"));
        assertThat(cache.hits()).isZero();
        assertThat(cache.verdictHits()).isZero();
    }

    @Test
    void aGitIgnoredCacheInTheCheckoutKeepsWorking() throws Exception {
        Files.writeString(repository.resolve(".gitignore"), ".cache/\n");
        Rulebook rulebook = rulebook(repository.resolve("planning"), RULE);
        commitAll();
        decide(rulebook, compiler(CompiledRulebookCache.at(cacheDirectory)));

        CompiledRulebookCache again = CompiledRulebookCache.at(cacheDirectory);
        GovernanceDecision decision = decide(rulebook, compiler(again));

        assertThat(again.hits()).isEqualTo(1);
        assertThat(again.verdictHits()).isEqualTo(1);
        assertThat(decision.violations()).hasSize(1);
        try (Stream<Path> files = Files.list(cacheDirectory)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains(key(RULE) + ".bin", key(RULE) + ".policy");
        }
    }

    @Test
    void aCommittedFileIsNeverEvictedASweepDeletesOnlyTheCachesOwnUntrackedFiles() throws Exception {
        commitDoctoredEntry();
        Path tracked = cacheDirectory.resolve(key(RULE) + ".bin");
        Files.setLastModifiedTime(tracked, FileTime.fromMillis(0));
        Path untracked = cacheDirectory.resolve(key(DOCTORED) + ".lint");
        Files.writeString(untracked, "written after the commit");
        Files.setPosixFilePermissions(untracked, PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(untracked, FileTime.fromMillis(1000));

        new CacheEviction(1, 1).sweep(cacheDirectory, null);

        assertThat(tracked).exists();
        assertThat(cacheDirectory.resolve(key(RULE) + ".policy")).exists();
        assertThat(untracked).doesNotExist();
    }

    private void commitAll() {
        GitFixture.commitAll(repository, "plans and a cache");
    }
}
