package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.CompiledRulebooks;
import dev.planning.rules.TestRulebooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The key file that authenticates the compiled-rulebook cache is the one the environment map given
 * to {@link CompiledRulebooks} names, never the process's {@code PLANNING_CACHE_KEY_FILE} behind it
 * (which the build points at {@code target/planning-cache-key/key}). The key files here lie under
 * this module's {@code target/}, never the user's. It runs alone: {@link CompiledRulebooks#cacheAcrossRuns}
 * is the process's, so a class compiling rules beside it would store into its temporary directory while
 * that is removed.
 */
@Isolated("switches the process's compiled-rulebook cache to a temporary directory")
class CompiledRulebooksKeyFileTest {

    private static final String KEY = "ab".repeat(32);

    @TempDir
    Path temp;

    /** Under target/ (the working directory is the module's): removed after each test. */
    private final Path keys = Path.of("target", "key-files-" + UUID.randomUUID()).toAbsolutePath();

    @AfterEach
    void removeKeyFiles() throws IOException {
        CompiledRulebooks.noCacheAcrossRuns();
        if (Files.exists(keys)) {
            try (Stream<Path> all = Files.walk(keys)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private Map<String, String> naming(Path keyFile) {
        return Map.of("PLANNING_CACHE_DIR", temp.resolve("cache").toString(), "PLANNING_CACHE_KEY_FILE",
                keyFile.toString());
    }

    @Test
    void aResultIsStoredAndReadUnderTheKeyFileTheMapNamesAndNoOther() throws IOException {
        Path workspace = Files.createDirectories(temp.resolve("ws"));
        Path rulebook = Files.createDirectories(workspace.resolve("rulebook"));
        Path cache = temp.resolve("cache");
        Path mine = keys.resolve("mine/key");
        Path other = keys.resolve("other/key");
        byte[] payload = "kept".getBytes(StandardCharsets.UTF_8);

        assertThat(CompiledRulebooks.storeResult(cache, "probe", KEY, payload, rulebook, workspace, naming(mine)))
                .isTrue();
        // Another key file gets its own secret: the result stored under the first does not verify.
        assertThat(CompiledRulebooks.storeResult(cache, "probe", "cd".repeat(32), payload, rulebook, workspace,
                naming(other))).isTrue();

        assertThat(mine).isRegularFile();
        assertThat(other).isRegularFile();
        assertThat(CompiledRulebooks.readResult(cache, "probe", KEY, 1024, rulebook, workspace, naming(mine)))
                .hasValueSatisfying(read -> assertThat(read).isEqualTo(payload));
        assertThat(CompiledRulebooks.readResult(cache, "probe", KEY, 1024, rulebook, workspace, naming(other)))
                .isEmpty();
        assertThat(CompiledRulebooks.readResult(cache, "probe", KEY, 1024, rulebook, workspace,
                Map.of("PLANNING_CACHE_KEY_FILE", System.getenv("PLANNING_CACHE_KEY_FILE")))).isEmpty();
    }

    @Test
    void cacheAcrossRunsAuthenticatesCompiledRulebooksWithTheKeyFileTheMapNames() throws IOException {
        Path keyFile = keys.resolve("compiled/key");
        Path directory = Files.createDirectories(temp.resolve("ws").resolve("rulebook"));
        Rulebook rulebook = TestRulebooks.withRules(directory, Map.of("rules/a.drl", OwnerRequiredRule.DRL), Map.of());

        CompiledRulebooks.cacheAcrossRuns(naming(keyFile));
        new DroolsGovernanceEngineFactory().create(rulebook);

        // Made on the cache's first store, where the map says: the process's key file would be elsewhere.
        assertThat(keyFile).isRegularFile();
        try (Stream<Path> stored = Files.list(temp.resolve("cache"))) {
            assertThat(stored.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".bin"));
        }
    }
}
