package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.fixtures.CacheFiles;
import dev.planning.rules.TestRulebooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the cache is authenticated with a per-user secret kept outside the cache directory
 * (cachemac, 2026-12-04): a file made with another secret, or with a MAC that does not verify, is a
 * miss, and nothing in it is deserialized; a key file that is not safe to use means no cache.
 */
class CacheSecretTest {

    @TempDir
    Path temp;

    private Rulebook rulebook(String drl) throws IOException {
        return TestRulebooks.withRules(Files.createDirectories(temp.resolve("workspace/rulebook")),
                Map.of("rules/a.drl", drl), Map.of());
    }

    private static GovernanceDecision decide(Rulebook rulebook, CompiledRulebookCache cache) {
        RulebookCompiler compiler = new RulebookCompiler(CacheSecretTest.class.getClassLoader());
        compiler.useDiskCache(cache);
        return new DroolsGovernanceEngine(rulebook, compiler.compile(rulebook))
                .evaluate(input(goodTask("FE-1").owner(null).build()));
    }

    /** A cache of {@code temp/cache} authenticated with the secret in {@code keyFile}. */
    private CompiledRulebookCache cache(Path keyFile) {
        return CompiledRulebookCache.at(temp.resolve("cache"), Map.of(CacheSecret.KEY_FILE_VARIABLE, keyFile.toString()));
    }

    /** A key file of 32 bytes, {@code 0600} in a {@code 0700} directory of its own. */
    private Path keyFile(String name) throws IOException {
        Path directory = Files.createDirectory(temp.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = Files.createFile(directory.resolve("cache-key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.write(file, secret);
        return file;
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> list = Files.list(temp.resolve("cache"))) {
            return list.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void anEntryWrittenUnderAnotherMachinesSecretIsAMissAndTheFreshCompileWins() throws IOException {
        Rulebook rulebook = rulebook(OwnerRequiredRule.DRL);
        Path mine = keyFile("mine");
        GovernanceDecision compiled = decide(rulebook, cache(mine));
        CompiledRulebookCache sameMachine = cache(mine);
        decide(rulebook, sameMachine);
        assertThat(sameMachine.hits()).as("the entry serves under the secret it was made with").isEqualTo(1);

        CompiledRulebookCache otherMachine = cache(keyFile("theirs"));
        GovernanceDecision decision = decide(rulebook, otherMachine);

        assertThat(otherMachine.hits()).isZero();
        assertThat(otherMachine.verdictHits()).isZero();
        assertThat(otherMachine.rejected()).isEqualTo(2);
        assertThat(otherMachine.stores()).isEqualTo(1);
        assertThat(decision).isEqualTo(compiled);
    }

    @Test
    void aFlippedMacByteIsAMiss() throws IOException {
        Rulebook rulebook = rulebook(OwnerRequiredRule.DRL);
        Path mine = keyFile("mine");
        GovernanceDecision compiled = decide(rulebook, cache(mine));
        Path entry = files(".bin").get(0);
        String text = Files.readString(entry, StandardCharsets.ISO_8859_1);
        int mac = text.indexOf("\nhmac-sha256 ") + "\nhmac-sha256 ".length();
        char flipped = text.charAt(mac + 10) == '0' ? '1' : '0';
        Files.writeString(entry, text.substring(0, mac + 10) + flipped + text.substring(mac + 11),
                StandardCharsets.ISO_8859_1);

        CompiledRulebookCache again = cache(mine);
        GovernanceDecision decision = decide(rulebook, again);

        assertThat(again.hits()).isZero();
        assertThat(again.rejected()).isEqualTo(1);
        assertThat(decision).isEqualTo(compiled);
    }

    @Test
    void aForgedEntryIsRejectedBeforeAnythingInItIsDeserialized() throws Exception {
        Rulebook rulebook = rulebook(OwnerRequiredRule.DRL);
        Path mine = keyFile("mine");
        GovernanceDecision compiled = decide(rulebook, cache(mine));
        Path entry = files(".bin").get(0);
        String key = entry.getFileName().toString().replace(".bin", "");
        // A payload of a class the deserialization filter allows, whose reading counts: a stand-in for
        // a hash bomb or a huge array, which the filter would let start.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of(new AllowedClassWitness())));
        }
        byte[] payload = bytes.toByteArray();
        Path forger = keyFile("forger");
        Files.write(entry, CacheFiles.file(forger, CompiledRulebookCache.MAGIC, key, payload));
        int before = AllowedClassWitness.READ.get();

        CompiledRulebookCache again = cache(mine);
        GovernanceDecision decision = decide(rulebook, again);

        assertThat(AllowedClassWitness.READ.get()).as("nothing deserialized").isEqualTo(before);
        assertThat(again.rejected()).isEqualTo(1);
        assertThat(decision).isEqualTo(compiled);
        // The same payload under the user's own secret is deserialized (and then refused as no package):
        // the witness counts, so the check above is the MAC's doing.
        Files.write(entry, CacheFiles.file(mine, CompiledRulebookCache.MAGIC, key, payload));
        decide(rulebook, cache(mine));
        assertThat(AllowedClassWitness.READ.get()).isEqualTo(before + 1);
    }

    @Test
    void theMacIsTheJdksHmacSha256() throws Exception {
        Random random = new Random(42);
        for (int length : new int[] {0, 1, 55, 56, 63, 64, 65, 4096, 110_000}) {
            byte[] secret = new byte[32];
            byte[] payload = new byte[length];
            random.nextBytes(secret);
            random.nextBytes(payload);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(secret, "HmacSHA256"));
            for (String part : new String[] {"magic é", "k".repeat(64)}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                jdk.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                jdk.update(bytes);
            }
            jdk.update(java.nio.ByteBuffer.allocate(8).putLong(payload.length).array());
            jdk.update(payload);

            assertThat(CacheSecret.mac(secret, "magic é", "k".repeat(64), payload)).as("payload of %d bytes", length)
                    .isEqualTo(jdk.doFinal());
        }
    }

    @Test
    void theTestFixturesHeaderIsTheCachesOwn() throws IOException {
        Path mine = keyFile("mine");
        byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
        String key = "a".repeat(64);

        assertThat(CacheFiles.header(mine, CompiledRulebookCache.MAGIC, key, payload))
                .isEqualTo(CompiledRulebookCache.header(Files.readAllBytes(mine), CompiledRulebookCache.MAGIC, key,
                        payload));
    }

    @Test
    void aMissingKeyFileIsCreatedOwnerOnlyOnTheFirstStoreAndUsedByTheNextProcess() throws IOException {
        Rulebook rulebook = rulebook(OwnerRequiredRule.DRL);
        Path keyFile = temp.resolve("state/planning/cache-key");

        decide(rulebook, cache(keyFile));
        CompiledRulebookCache again = cache(keyFile);
        decide(rulebook, again);

        assertThat(Files.size(keyFile)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        assertThat(again.hits()).isEqualTo(1);
        try (Stream<Path> left = Files.list(keyFile.getParent())) {
            assertThat(left).containsExactly(keyFile);
        }
    }

    /**
     * exit25: the key file is created by the product's one atomic writer, whose temporary is
     * {@code .cache-key~<n>.tmp}; what a killed creation left beside it (that form, or the earlier
     * {@code .cache-key<n>.tmp}: copies of a secret) goes on a store an hour on, and a younger one, which may be
     * another process's creation under way, stays. Nothing swept them before.
     */
    @Test
    void aStoreSweepsTheKeyFilesTemporariesAKilledCreationLeftAnHourAgo() throws IOException {
        Rulebook rulebook = rulebook(OwnerRequiredRule.DRL);
        Path directory = Files.createDirectories(temp.resolve("state/planning"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path keyFile = directory.resolve("cache-key");
        for (String left : new String[] {".cache-key~4410.tmp", ".cache-key4411.tmp", ".cache-key~4412.tmp"}) {
            Files.write(directory.resolve(left), new byte[32]);
            Files.setLastModifiedTime(directory.resolve(left), FileTime.from(
                    Instant.now().minus(Duration.ofHours(left.endsWith("2.tmp") ? 0 : 2))));
        }

        decide(rulebook, cache(keyFile));

        assertThat(Files.size(keyFile)).isEqualTo(32);
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cache-key",
                    ".cache-key~4412.tmp");
        }
    }

    /**
     * exit25: a cache entry that cannot be written (here a directory stands where it goes) is a miss: the
     * decision is the compiler's, nothing is stored, and the write's temporary does not stay behind.
     */
    @Test
    void anEntryThatCannotBeWrittenIsAMissLeavingNoTemporary() throws IOException {
        Rulebook rulebook = rulebook(OwnerRequiredRule.DRL);
        Path mine = keyFile("mine");
        GovernanceDecision compiled = decide(rulebook, cache(mine));
        List<Path> written = files(".bin");
        assertThat(written).hasSize(1);
        for (Path file : written) {
            Files.delete(file);
            Files.createDirectory(file);
            Files.writeString(file.resolve("in-the-way"), "not empty: a move cannot replace it");
        }

        CompiledRulebookCache failing = cache(mine);
        GovernanceDecision again = decide(rulebook, failing);

        assertThat(again).isEqualTo(compiled);
        assertThat(failing.hits()).isZero();
        assertThat(failing.stores()).isZero();
        assertThat(files(".tmp")).isEmpty();
        assertThat(written.get(0)).isDirectory();
    }

    @Test
    void theDefaultKeyFileIsOutsideTheCacheDirectory() {
        assertThat(CacheSecret.from(Map.of(CacheSecret.KEY_FILE_VARIABLE, "/k")).file()).contains(Path.of("/k"));
        assertThat(CacheSecret.from(Map.of("XDG_STATE_HOME", "/s")).file())
                .contains(Path.of("/s", "planning", "cache-key"));
        assertThat(CacheSecret.from(Map.of("XDG_CACHE_HOME", "/c")).file()).contains(
                Path.of(System.getProperty("user.home"), ".local", "state", "planning", "cache-key"));
    }

    @Test
    void aKeyFileVariableThatIsNoPathMeansNoCache() throws IOException {
        Rulebook rulebook = rulebook(OwnerRequiredRule.DRL);
        CompiledRulebookCache cache = CompiledRulebookCache.at(temp.resolve("cache"),
                Map.of(CacheSecret.KEY_FILE_VARIABLE, "bad\u0000path"));
        decide(rulebook, cache);

        assertThat(cache.stores()).isZero();
    }

    /** Compiles twice with the key file as {@code spoil} leaves it: the cache must neither store nor serve. */
    private void assertNoCache(Path keyFile) throws IOException {
        Rulebook rulebook = rulebook(OwnerRequiredRule.DRL);
        CompiledRulebookCache first = cache(keyFile);
        decide(rulebook, first);
        CompiledRulebookCache again = cache(keyFile);
        decide(rulebook, again);

        assertThat(first.stores()).isZero();
        assertThat(again.hits()).isZero();
        assertThat(again.stores()).isZero();
    }

    @Test
    void aKeyFileThatIsALinkMeansNoCache() throws IOException {
        Path target = keyFile("real");
        Path link = Files.createSymbolicLink(target.resolveSibling("link"), target);
        assertNoCache(link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void aKeyFileTheGroupMayReadMeansNoCache() throws IOException {
        Path keyFile = keyFile("mine");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));
        assertNoCache(keyFile);
    }

    @Test
    void aKeyFileOfTheWrongSizeMeansNoCache() throws IOException {
        Path keyFile = keyFile("mine");
        Files.write(keyFile, new byte[31]);
        assertNoCache(keyFile);
        Files.write(keyFile, new byte[33]);
        assertNoCache(keyFile);
    }

    @Test
    void aKeyFileInADirectoryOthersMayWriteMeansNoCache() throws IOException {
        Path keyFile = keyFile("mine");
        Files.setPosixFilePermissions(keyFile.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertNoCache(keyFile);
        Files.setPosixFilePermissions(keyFile.getParent(), PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aKeyFileOfAnotherUserMeansNoCache() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file to another user");
        Path keyFile = keyFile("mine");
        Files.setOwner(keyFile, keyFile.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertNoCache(keyFile);
    }

    @Test
    void aKeyFileInsideTheCacheDirectoryMeansNoCache() throws IOException {
        assertNoCache(temp.resolve("cache/cache-key"));
    }
}
