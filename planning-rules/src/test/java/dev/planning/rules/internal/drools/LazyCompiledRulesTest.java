package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.fixtures.CacheFiles;
import dev.planning.rules.TestRulebooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge base of a rulebook whose compiled entry and policy verdict the disk cache holds is
 * built only when a session needs it, once; an entry or verdict that does not check out means
 * "check and compile again", never "trust".
 */
class LazyCompiledRulesTest {

    private static final String RULE = OwnerRequiredRule.DRL;

    private static final String HOSTILE = RULE.replace(
            "insert(Report.violation(kcontext, $t, $t.id() + \" has no owner\"));", "System.exit(3);");

    @TempDir
    Path temp;

    private Path cacheDirectory() {
        return temp.resolve("cache");
    }

    private Rulebook rulebook(String drl) throws IOException {
        return TestRulebooks.withRules(Files.createDirectories(temp.resolve("workspace").resolve("rulebook")),
                Map.of("rules/a.drl", drl), Map.of());
    }

    /** A fresh compiler (as in a new process) using a fresh view of the cache directory. */
    private static RulebookCompiler compiler(CompiledRulebookCache cache) {
        RulebookCompiler compiler = new RulebookCompiler(LazyCompiledRulesTest.class.getClassLoader());
        compiler.useDiskCache(cache);
        return compiler;
    }

    private static GovernanceDecision decide(Rulebook rulebook, CompiledRules rules) {
        return new DroolsGovernanceEngine(rulebook, rules).evaluate(input(goodTask("FE-1").owner(null).build()));
    }

    private Path file(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(cacheDirectory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    private static String key(String drl) {
        return CompiledRulebookCache.key(List.of("rules/a.drl"), List.of(drl.getBytes(StandardCharsets.UTF_8)));
    }

    /** One process compiles and stores the entry and the verdict; returns its decision. */
    private GovernanceDecision firstProcess(Rulebook rulebook) {
        return decide(rulebook, compiler(CompiledRulebookCache.at(cacheDirectory())).compile(rulebook));
    }

    @Test
    void withAValidEntryAndVerdictNothingIsLoadedUntilASessionIsNeededAndThenOnlyOnce() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        GovernanceDecision compiled = firstProcess(rulebook);
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory());

        CompiledRules rules = compiler(cache).compile(rulebook);
        assertThat(rules.isBuilt()).isFalse();
        assertThat(cache.hits()).isZero();
        assertThat(cache.verdictHits()).isEqualTo(1);

        DroolsGovernanceEngine engine = new DroolsGovernanceEngine(rulebook, rules);
        GovernanceDecision first = engine.evaluate(input(goodTask("FE-1").owner(null).build()));
        GovernanceDecision second = engine.evaluate(input(goodTask("FE-1").owner(null).build()));

        assertThat(rules.isBuilt()).isTrue();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.stores()).isZero();
        assertThat(first).isEqualTo(compiled).isEqualTo(second);
    }

    @Test
    void anEntryTamperedWithAfterTheCheckIsCompiledAgainWhenTheSessionIsNeeded() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        GovernanceDecision compiled = firstProcess(rulebook);
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory());
        CompiledRules rules = compiler(cache).compile(rulebook);
        Path entry = file(".bin");
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 10] ^= 1;
        Files.write(entry, bytes);

        GovernanceDecision decision = decide(rulebook, rules);

        assertThat(cache.hits()).isZero();
        assertThat(cache.rejected()).isEqualTo(1);
        assertThat(cache.stores()).isEqualTo(1);
        assertThat(decision).isEqualTo(compiled);
        assertThat(Files.readAllBytes(entry)).isNotEqualTo(bytes);
    }

    @Test
    void anEntryEvictedAfterTheCheckIsCompiledAgainWhenTheSessionIsNeeded() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        GovernanceDecision compiled = firstProcess(rulebook);
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory());
        CompiledRules rules = compiler(cache).compile(rulebook);
        assertThat(rules.isBuilt()).isFalse();

        // Another process's sweep (or planning rules cache --clear) deletes the entry and the verdict.
        assertThat(cache.clear()[0]).isEqualTo(2);
        GovernanceDecision decision = decide(rulebook, rules);

        assertThat(decision).isEqualTo(compiled);
        assertThat(cache.hits()).isZero();
        assertThat(cache.stores()).isEqualTo(1);
    }

    @Test
    void aTamperedEntryWithAValidVerdictIsCompiledAtOnceNotLeftForLater() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        GovernanceDecision compiled = firstProcess(rulebook);
        Path entry = file(".bin");
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 10] ^= 1;
        Files.write(entry, bytes);
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory());

        CompiledRules rules = compiler(cache).compile(rulebook);

        assertThat(rules.isBuilt()).isTrue();
        assertThat(cache.hits()).isZero();
        assertThat(cache.rejected()).isEqualTo(1);
        assertThat(cache.stores()).isEqualTo(1);
        assertThat(decide(rulebook, rules)).isEqualTo(compiled);
    }

    @Test
    void anEntryOthersMayWriteIsNotHeld() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        firstProcess(rulebook);
        Files.setPosixFilePermissions(file(".bin"), PosixFilePermissions.fromString("rw-rw-rw-"));
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory());

        assertThat(cache.holds(key(RULE), rulebook.directory())).isFalse();
        assertThat(compiler(cache).compile(rulebook).isBuilt()).isTrue();
    }

    @Test
    void aTamperedVerdictMeansTheCheckRunsAndTheRulesAreBuiltAtOnce() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        firstProcess(rulebook);
        Path verdict = file(".policy");
        Files.writeString(verdict, Files.readString(verdict, StandardCharsets.UTF_8).replace("passed", "passeD"),
                StandardCharsets.UTF_8);
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory());

        CompiledRules rules = compiler(cache).compile(rulebook);

        assertThat(cache.verdictHits()).isZero();
        assertThat(rules.isBuilt()).isTrue();
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void anEntryThatChecksOutUnderAHostileSourcesKeyIsNoVerdictTheCheckStillRefusesIt() throws IOException {
        // The entry alone never stands for the policy-language check: without a verdict for its
        // own bytes, the hostile source is checked (and refused) however valid the entry under its key.
        Rulebook good = rulebook(RULE);
        firstProcess(good);
        Path entry = file(".bin");
        String goodKey = key(RULE);
        Path planted = cacheDirectory().resolve(key(HOSTILE) + ".bin");
        byte[] bytes = Files.readAllBytes(entry);
        byte[] payload = CompiledRulebookCache.at(cacheDirectory()).payload(bytes, goodKey).orElseThrow();
        // Relabelled and authenticated with the user's own secret: an entry that checks out under the hostile key.
        Files.write(planted, CacheFiles.file(CompiledRulebookCache.MAGIC, key(HOSTILE), payload));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-------"));
        Rulebook hostile = rulebook(HOSTILE);
        CompiledRulebookCache cache = CompiledRulebookCache.at(cacheDirectory());

        assertThat(cache.holds(key(HOSTILE), hostile.directory())).isTrue();
        assertThatThrownBy(() -> compiler(cache).compile(hostile))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("System.exit");
    }
}
