package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.Task;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.fixtures.CacheFiles;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.facts.LinearRegex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-rulebook cache on disk: used when it checks out, "compile again" otherwise. */
class CompiledRulebookCacheTest {

    private static final String RULE = OwnerRequiredRule.DRL;

    @TempDir
    Path temp;

    private Path workspace() throws IOException {
        return Files.createDirectories(temp.resolve("workspace"));
    }

    private Rulebook rulebook(String drl) throws IOException {
        return TestRulebooks.withRules(Files.createDirectories(workspace().resolve("rulebook")),
                Map.of("rules/a.drl", drl), Map.of());
    }

    /** A fresh compiler (as in a new process) using the cache. */
    private static RulebookCompiler compiler(CompiledRulebookCache cache) {
        RulebookCompiler compiler = new RulebookCompiler(CompiledRulebookCacheTest.class.getClassLoader());
        compiler.useDiskCache(cache);
        return compiler;
    }

    private static GovernanceDecision decide(Rulebook rulebook, RulebookCompiler compiler) {
        Task ownerless = goodTask("FE-1").owner(null).build();
        return new DroolsGovernanceEngine(rulebook, compiler.compile(rulebook)).evaluate(input(ownerless));
    }

    /** The compiled entries ({@code KEY.bin}) of a cache directory. */
    private List<Path> entries(Path directory) throws IOException {
        return files(directory, ".bin");
    }

    /** The policy-language verdicts ({@code KEY.policy}) of a cache directory. */
    private List<Path> verdicts(Path directory) throws IOException {
        return files(directory, ".policy");
    }

    private static List<Path> files(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static final String HOSTILE = RULE.replace(
            "insert(Report.violation(kcontext, $t, $t.id() + \" has no owner\"));", "System.exit(3);");

    private static String key(String drl) {
        return CompiledRulebookCache.key(List.of("rules/a.drl"), List.of(drl.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Plants, under the hostile source's key, the good rulebook's verdict changed by {@code tamper},
     * owner-only; then compiles the hostile source with a fresh cache, which must refuse it at the
     * {@code System.exit} line: a verdict that does not check out is never trusted.
     */
    private void assertCheckedAgain(UnaryOperator<String> tamper) throws IOException {
        Path directory = temp.resolve("cache");
        decide(rulebook(RULE), compiler(CompiledRulebookCache.at(directory)));
        Path verdict = verdicts(directory).get(0);
        String good = Files.readString(verdict, StandardCharsets.ISO_8859_1);
        String goodKey = verdict.getFileName().toString().replace(".policy", "");
        Path planted = directory.resolve(key(HOSTILE) + ".policy");
        Files.writeString(planted, tamper.apply(good.replace(goodKey, key(HOSTILE))), StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-------"));
        Rulebook hostile = rulebook(HOSTILE);

        CompiledRulebookCache again = CompiledRulebookCache.at(directory);
        assertThatThrownBy(() -> compiler(again).compile(hostile))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("System.exit")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(9));
        assertThat(again.verdictHits()).isZero();
        assertThat(again.rejected()).isEqualTo(1);
        assertThat(verdicts(directory)).hasSize(2);
    }

    @Test
    void aSecondCompilationOfTheSameRuleFilesIsServedFromTheCacheWithTheSameDecision() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        CompiledRulebookCache first = CompiledRulebookCache.at(temp.resolve("cache"));
        GovernanceDecision compiled = decide(rulebook, compiler(first));
        CompiledRulebookCache second = CompiledRulebookCache.at(temp.resolve("cache"));
        GovernanceDecision cached = decide(rulebook, compiler(second));

        assertThat(first.stores()).isEqualTo(1);
        assertThat(second.hits()).isEqualTo(1);
        assertThat(cached).isEqualTo(compiled);
        assertThat(cached.violations()).hasSize(1);
    }

    @Test
    void theCacheDirectoryIsOwnerOnlyAndSoIsEveryEntry() throws IOException {
        Path directory = temp.resolve("cache");
        decide(rulebook(RULE), compiler(CompiledRulebookCache.at(directory)));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(entries(directory)).hasSize(1);
        assertThat(verdicts(directory)).hasSize(1);
        assertThat(files(directory, "")).hasSize(2).allSatisfy(entry ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-------"));
    }

    @Test
    void theNextProcessTakesThePolicyVerdictRecordedForTheSameRuleFilesInsteadOfCheckingAgain() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        Path directory = temp.resolve("cache");
        CompiledRulebookCache first = CompiledRulebookCache.at(directory);
        decide(rulebook, compiler(first));
        CompiledRulebookCache second = CompiledRulebookCache.at(directory);
        decide(rulebook, compiler(second));

        assertThat(first.verdictHits()).isZero();
        assertThat(verdicts(directory)).singleElement().satisfies(verdict -> {
            assertThat(verdict.getFileName().toString()).isEqualTo(key(RULE) + ".policy");
            assertThat(Files.readString(verdict, StandardCharsets.UTF_8))
                    .startsWith(CompiledRulebookCache.VERDICT_MAGIC + "\nkey " + key(RULE) + "\n")
                    .endsWith("\n\n" + CompiledRulebookCache.VERDICT_PASSED);
        });
        assertThat(second.verdictHits()).isEqualTo(1);
        assertThat(second.hits()).isEqualTo(1);
    }

    @Test
    void aRuleFileTheCheckRefusesLeavesNoVerdict() throws IOException {
        Path directory = temp.resolve("cache");
        Rulebook hostile = rulebook(HOSTILE);
        CompiledRulebookCache cache = CompiledRulebookCache.at(directory);

        assertThatThrownBy(() -> compiler(cache).compile(hostile)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("System.exit");
        assertThat(directory).doesNotExist();
    }

    @Test
    void aVerdictWhosePayloadNoLongerHashesToItsHeaderMeansCheckAgain() throws IOException {
        assertCheckedAgain(v -> v.replace("passed", "passeD"));
    }

    @Test
    void aVerdictWithAnotherPayloadUnderAValidHashMeansCheckAgain() throws IOException {
        assertCheckedAgain(v -> {
            String payload = "policy-language trusted: passed\n";
            return CacheFiles.header(CompiledRulebookCache.VERDICT_MAGIC, key(HOSTILE),
                    payload.getBytes(StandardCharsets.UTF_8)) + payload;
        });
    }

    @Test
    void aVerdictNamingAnotherKeyInItsHeaderMeansCheckAgain() throws IOException {
        assertCheckedAgain(v -> v.replace("key " + key(HOSTILE), "key " + key(RULE)));
    }

    @Test
    void aVerdictOthersMayWriteMeansCheckAgain() throws IOException {
        Path directory = temp.resolve("cache");
        Rulebook rulebook = rulebook(RULE);
        decide(rulebook, compiler(CompiledRulebookCache.at(directory)));
        Files.setPosixFilePermissions(verdicts(directory).get(0), PosixFilePermissions.fromString("rw-rw-rw-"));

        CompiledRulebookCache again = CompiledRulebookCache.at(directory);
        decide(rulebook, compiler(again));

        assertThat(again.verdictHits()).isZero();
        assertThat(again.rejected()).isEqualTo(1);
    }

    @Test
    void aTamperedEntryIsCompiledAgainAndReplaced() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        Path directory = temp.resolve("cache");
        GovernanceDecision compiled = decide(rulebook, compiler(CompiledRulebookCache.at(directory)));
        Path entry = entries(directory).get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 10] ^= 1;
        Files.write(entry, bytes);

        CompiledRulebookCache again = CompiledRulebookCache.at(directory);
        GovernanceDecision decision = decide(rulebook, compiler(again));

        assertThat(again.hits()).isZero();
        assertThat(again.rejected()).isEqualTo(1);
        assertThat(again.stores()).isEqualTo(1);
        assertThat(decision).isEqualTo(compiled);
        assertThat(CompiledRulebookCache.at(directory)).satisfies(third -> {
            decide(rulebook, compiler(third));
            assertThat(third.hits()).isEqualTo(1);
        });
    }

    @Test
    void anEntryWhoseHeaderChecksOutButWhichHoldsAClassOutsideTheAllowedOnesIsNotDeserialized() throws Exception {
        Rulebook rulebook = rulebook(RULE);
        Path directory = temp.resolve("cache");
        GovernanceDecision compiled = decide(rulebook, compiler(CompiledRulebookCache.at(directory)));
        Path entry = entries(directory).get(0);
        // A list, as an entry holds, with a class the deserialization filter does not allow (Jackson's),
        // under a header that names the entry's key and the payload's own SHA-256: only the filter stops it.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(com.fasterxml.jackson.databind.node.TextNode.valueOf("x"))));
        }
        byte[] payload = bytes.toByteArray();
        String key = entry.getFileName().toString().replace(".bin", "");
        Files.write(entry, CacheFiles.file(CompiledRulebookCache.MAGIC, key, payload));
        assertThat(CompiledRulebookCache.at(entry.getParent()).payload(Files.readAllBytes(entry), key)).contains(payload);

        CompiledRulebookCache again = CompiledRulebookCache.at(directory);
        GovernanceDecision decision = decide(rulebook, compiler(again));

        assertThat(again.hits()).isZero();
        assertThat(again.rejected()).isEqualTo(1);
        assertThat(decision).isEqualTo(compiled);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aClassOutsideTheAllowedOnesInsideDroolsOwnNestedStreamIsNotDeserialized() throws Exception {
        Rulebook rulebook = rulebook(RULE);
        Path directory = temp.resolve("cache");
        GovernanceDecision compiled = decide(rulebook, compiler(CompiledRulebookCache.at(directory)));
        Path entry = entries(directory).get(0);
        // Drools' JavaDialectRuntimeData (an allowed class) writes its class store as a byte array and
        // reads it back with an ObjectInputStream of its own, which the entry's filter does not cover.
        // A witness of a package no filter allows, hidden in that store, under a header that checks out.
        org.drools.core.rule.JavaDialectRuntimeData data = new org.drools.core.rule.JavaDialectRuntimeData();
        ((Map) data.getStore()).put("Forged", new dev.planning.outside.DeserializationWitness());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new org.drools.base.common.DroolsObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(data)));
        }
        forge(entry, bytes.toByteArray());
        int before = dev.planning.outside.DeserializationWitness.READ.get();

        CompiledRulebookCache again = CompiledRulebookCache.at(directory);
        GovernanceDecision decision = decide(rulebook, compiler(again));

        assertThat(dev.planning.outside.DeserializationWitness.READ.get()).isEqualTo(before);
        assertThat(again.hits()).isZero();
        assertThat(again.rejected()).isEqualTo(1);
        assertThat(again.stores()).isEqualTo(1);
        assertThat(decision).isEqualTo(compiled);
        assertThat(CompiledRulebookCache.at(directory)).satisfies(third -> {
            assertThat(decide(rulebook, compiler(third))).isEqualTo(compiled);
            assertThat(third.hits()).isEqualTo(1);
        });
    }

    /** Replaces an entry's payload, under a header naming its key and the payload's own SHA-256. */
    private static void forge(Path entry, byte[] payload) throws Exception {
        String key = entry.getFileName().toString().replace(".bin", "");
        Files.write(entry, CacheFiles.file(CompiledRulebookCache.MAGIC, key, payload));
        assertThat(CompiledRulebookCache.at(entry.getParent()).payload(Files.readAllBytes(entry), key)).contains(payload);
    }

    @Test
    void anEntryRecordedUnderAnotherKeyIsNotUsed() throws IOException {
        Path directory = temp.resolve("cache");
        decide(rulebook(RULE), compiler(CompiledRulebookCache.at(directory)));
        Path entry = entries(directory).get(0);
        String otherRule = RULE.replace("has no owner", "lacks an owner");
        Rulebook other = rulebook(otherRule);
        String otherKey = CompiledRulebookCache.key(List.of("rules/a.drl"),
                List.of(otherRule.getBytes(StandardCharsets.UTF_8)));
        Files.copy(entry, directory.resolve(otherKey + ".bin"));

        CompiledRulebookCache again = CompiledRulebookCache.at(directory);
        GovernanceDecision decision = decide(other, compiler(again));

        assertThat(again.hits()).isZero();
        assertThat(again.rejected()).isEqualTo(1);
        assertThat(decision.violations().get(0).message()).contains("lacks an owner");
    }

    @Test
    void thePolicyLanguageCheckRunsOnTheSourceEvenWhenAValidEntryIsStoredUnderItsKey() throws IOException {
        Path directory = temp.resolve("cache");
        decide(rulebook(RULE), compiler(CompiledRulebookCache.at(directory)));
        Path entry = entries(directory).get(0);
        String hostile = RULE.replace("insert(Report.violation(kcontext, $t, $t.id() + \" has no owner\"));",
                "System.exit(3);");
        String hostileKey = CompiledRulebookCache.key(List.of("rules/a.drl"), List.of(hostile.getBytes(StandardCharsets.UTF_8)));
        // A well-formed entry under the hostile source's key: header and payload hash both right.
        String good = Files.readString(entry, StandardCharsets.ISO_8859_1);
        String oldKey = entry.getFileName().toString().replace(".bin", "");
        Files.writeString(directory.resolve(hostileKey + ".bin"), good.replace(oldKey, hostileKey),
                StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(directory.resolve(hostileKey + ".bin"), PosixFilePermissions.fromString("rw-------"));
        Rulebook rulebook = rulebook(hostile);

        CompiledRulebookCache again = CompiledRulebookCache.at(directory);
        assertThatThrownBy(() -> compiler(again).compile(rulebook))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("System.exit");
        assertThat(again.hits()).isZero();
    }

    @Test
    void aCacheInsideTheWorkspaceIsNeverCreatedNorRead() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        Path inWorkspace = workspace().resolve(".planning-cache");
        CompiledRulebookCache cache = CompiledRulebookCache.at(inWorkspace);
        decide(rulebook, compiler(cache));
        decide(rulebook, compiler(cache));

        assertThat(inWorkspace).doesNotExist();
        assertThat(cache.stores()).isZero();
        assertThat(cache.hits()).isZero();
    }

    @Test
    void aCacheDirectoryOthersMayReadIsNotUsed() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("cache"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        CompiledRulebookCache cache = CompiledRulebookCache.at(directory);
        decide(rulebook(RULE), compiler(cache));

        assertThat(cache.stores()).isZero();
        assertThat(entries(directory)).isEmpty();
    }

    @Test
    void anEntryOthersMayWriteIsNotRead() throws IOException {
        Rulebook rulebook = rulebook(RULE);
        Path directory = temp.resolve("cache");
        decide(rulebook, compiler(CompiledRulebookCache.at(directory)));
        Files.setPosixFilePermissions(entries(directory).get(0), PosixFilePermissions.fromString("rw-rw-rw-"));

        CompiledRulebookCache again = CompiledRulebookCache.at(directory);
        decide(rulebook, compiler(again));

        assertThat(again.hits()).isZero();
        assertThat(again.rejected()).isEqualTo(1);
    }

    @Test
    void theDefaultDirectoryFollowsTheEnvironment() {
        assertThat(CompiledRulebookCache.defaultDirectory(Map.of("PLANNING_CACHE_DIR", "/c")))
                .contains(Path.of("/c"));
        assertThat(CompiledRulebookCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/x")))
                .contains(Path.of("/x", "planning", "rulebooks"));
        assertThat(CompiledRulebookCache.defaultDirectory(Map.of())).contains(
                Path.of(System.getProperty("user.home"), ".cache", "planning", "rulebooks"));
        assertThat(CompiledRulebookCache.defaultDirectory(Map.of("PLANNING_NO_CACHE", "1", "PLANNING_CACHE_DIR", "/c")))
                .isEmpty();
    }

    @Test
    void anEntryMissesWhenTheCodeOfTheMatchesRewritingOrOfRe2Changes() {
        // Every entry holds rules whose matches were rewritten to LinearRegex calls: a changed rewriting
        // (LinearMatches, LinearPatterns), LinearRegex or RE2/J must not reuse them.
        List<String> files = List.of("rules/a.drl");
        List<byte[]> contents = List.of("rule r when then end".getBytes(StandardCharsets.UTF_8));
        String before = CompiledRulebookCache.key(CompiledRulebookCache.engineFingerprint(type -> type.getName() + ":1"),
                files, contents);
        for (Class<?> changed : List.of(LinearMatches.class, LinearPatterns.class, LinearRegex.class,
                com.google.re2j.Pattern.class)) {
            String after = CompiledRulebookCache.key(CompiledRulebookCache.engineFingerprint(
                    type -> type.getName() + (type == changed ? ":2" : ":1")), files, contents);

            assertThat(after).as(changed.getName()).isNotEqualTo(before);
        }
    }

    /**
     * attack29: Drools compiles the same bytes to other packages under its DRL10 parser
     * ({@code -Ddrools.drl.antlr4.parser.enabled=true}, allowed with the policy check off), and the check reads
     * them as DRL6 only: an entry compiled under one parser is never under the key the other reads.
     */
    @Test
    void anEntryMissesUnderTheOtherDrlParser() {
        List<String> files = List.of("rules/a.drl");
        List<byte[]> contents = List.of("rule r when then end".getBytes(StandardCharsets.UTF_8));

        String drl6 = CompiledRulebookCache.key(CompiledRulebookCache.engineFingerprint(type -> "same", false), files,
                contents);
        String drl10 = CompiledRulebookCache.key(CompiledRulebookCache.engineFingerprint(type -> "same", true), files,
                contents);

        assertThat(drl10).isNotEqualTo(drl6);
    }

    /**
     * fold24: the key of a kept result (KeptDocumentParses, KeptRulebookSettings), once written out in each: each
     * part's UTF-8 and a NUL, then the bytes. Pinned, so that a fold does not orphan the entries already kept.
     */
    @Test
    void aResultKeyIsTheSha256OfEachPartAndANulThenTheBytes() throws Exception {
        String hashed = "format" + '\0' + "kind \u00e9" + '\0' + "10" + '\0' + "tasks: []\n";

        assertThat(CompiledRulebookCache.resultKey(List.of("format", "kind \u00e9", "10"),
                "tasks: []\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(hashed.getBytes(StandardCharsets.UTF_8))));
    }
}
