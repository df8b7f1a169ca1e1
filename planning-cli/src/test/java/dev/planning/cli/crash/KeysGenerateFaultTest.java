package dev.planning.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.signing.TrustedKey;
import dev.planning.cli.CliRun;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.PemKeys;
import dev.planning.engine.internal.signing.TrustFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code planning keys generate} failed or killed at each of its writes, in a child JVM under strace
 * ({@link StracedCli}). It writes, in this order: the private key under a staging name (the first
 * {@code link}: every new file is a temporary file hard-linked to its name), the trust file (the only
 * {@code rename}: it is replaced; each write forces its file with {@code fsync} first), the private key under its name (the second {@code link}) and the
 * public key (the third). Whatever the point, afterwards every key the trust file lists for the role has
 * its private key on disk (nobody is trusted with a key nobody holds), and running the command again
 * leaves exactly one trusted key for the role, whose files are the ones under their names.
 */
@Tag("slow")
@Tag("crash")
@Tag("subprocess")
class KeysGenerateFaultTest {

    private static final String LINK = "link,linkat";
    private static final String RENAME = "rename,renameat,renameat2";
    /**
     * Each write forces its temporary file, then the directory (whose failure is ignored): the fifth is the
     * private key's under its name, after the staged key (1, 2) and the trust file (3, 4). A failed link is
     * no use here: the write falls back to a rename.
     */
    private static final String FSYNC = "fsync,fdatasync";

    @TempDir
    Path dir;

    @BeforeAll
    static void straceCanInject() throws Exception {
        StracedCli.requireFaultInjection();
    }

    private Path keys() {
        return dir.resolve("keys");
    }

    private List<String> generate() {
        return List.of("keys", "generate", "--role", "PM", "--out", keys().toString());
    }

    private List<TrustedKey> trustedPm() {
        Path trust = keys().resolve("trust.yaml");
        if (!Files.exists(trust)) {
            return List.of();
        }
        return TrustFile.read(trust).keys().stream().filter(k -> k.role().equals("PM")).toList();
    }

    private List<String> files() throws Exception {
        try (Stream<Path> list = Files.list(keys())) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")).sorted().toList();
        }
    }

    /** Every trusted PM key is held: its private key lies in the key directory under its name or staged. */
    private void everyTrustedKeyIsHeld() throws Exception {
        for (TrustedKey key : trustedPm()) {
            boolean held = false;
            for (String name : List.of("PM.key.pem", ".PM.staged.key.pem")) {
                Path file = keys().resolve(name);
                held |= Files.exists(file) && Crypto.keyId(PemKeys.readPrivateKey(file).getPublic()).equals(key.keyId());
            }
            assertThat(held).as("trusted key %s has its private key on disk: %s", key.keyId(), files()).isTrue();
        }
    }

    /** The command run again completes: one trusted PM key, whose private and public files are under their names. */
    private String runAgainCompletes() throws Exception {
        CliRun again = CliRun.of(generate().toArray(String[]::new));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        List<TrustedKey> trusted = trustedPm();
        assertThat(trusted).hasSize(1);
        String keyId = trusted.get(0).keyId();
        assertThat(again.out()).contains(keyId);
        assertThat(Crypto.keyId(PemKeys.readPrivateKey(keys().resolve("PM.key.pem")).getPublic())).isEqualTo(keyId);
        assertThat(Crypto.keyId(PemKeys.readPublicKey(keys().resolve("PM.pub.pem")))).isEqualTo(keyId);
        assertThat(files()).containsExactly("PM.key.pem", "PM.pub.pem", "trust.yaml");
        return keyId;
    }

    @Test
    void aTrustFileThatCannotBeWrittenLeavesNoKeyAndTheNextRunGeneratesOne() throws Exception {
        StracedCli.Run full = StracedCli.run(RENAME, 1, false, generate());

        assertThat(full.exitCode()).as(full.out() + full.err()).isEqualTo(3);
        assertThat(full.err()).contains("No space left on device", "trust.yaml").doesNotContain("\tat ");
        assertThat(trustedPm()).isEmpty();
        assertThat(files()).isEmpty();
        runAgainCompletes();
    }

    @Test
    void aKeyFileThatCannotBeWrittenAfterTheTrustFileKeepsTheTrustedKeyAndTheNextRunCompletesIt() throws Exception {
        StracedCli.Run full = StracedCli.run(FSYNC, 5, false, generate());

        assertThat(full.exitCode()).as(full.out() + full.err()).isEqualTo(3);
        assertThat(full.err()).contains("No space left on device", "was added to", "again to complete it")
                .doesNotContain("\tat ");
        assertThat(full.err().strip().lines()).hasSize(1);
        assertThat(trustedPm()).hasSize(1);
        everyTrustedKeyIsHeld();
        String trustedBefore = trustedPm().get(0).keyId();

        assertThat(runAgainCompletes()).isEqualTo(trustedBefore);
    }

    /**
     * The trust file's lock cannot be released (its unlock, the second {@code fcntl} on the sidecar
     * {@code trust.yaml.lock} after the lock itself, fails with EIO) once every file is written. Before
     * (reliab20), the command failed with exit 2 although the key was installed, and the run again said
     * "key file already exists"; reliab20 made it a warning. Now (reliab21) the lock's channel is closed when
     * its unlock fails, which drops the lock with the descriptor, for every caller of the lock alike: the
     * key is installed, and nothing is held that a warning would have to mention.
     */
    @Test
    void aLockThatCannotBeReleasedAfterEveryFileIsWrittenReportsTheInstalledKey() throws Exception {
        StracedCli.Run run = StracedCli.runFailingOn(keys().resolve("trust.yaml.lock"), "fcntl", 2, "EIO", generate());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<TrustedKey> trusted = trustedPm();
        assertThat(trusted).hasSize(1);
        assertThat(run.out()).contains("generated Ed25519 key for role PM", trusted.get(0).keyId());
        assertThat(run.err()).doesNotContain("error", "warning", "\tat ");
        assertThat(files()).containsExactly("PM.key.pem", "PM.pub.pem", "trust.yaml");
        assertThat(Crypto.keyId(PemKeys.readPrivateKey(keys().resolve("PM.key.pem")).getPublic()))
                .isEqualTo(trusted.get(0).keyId());
    }

    /**
     * Killed on entering its n-th link or rename: before the trust file (the staged key is deleted by the next run,
     * which generates a new key), or after it (the next run writes the trusted key's files).
     */
    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"link 1", "rename 1", "link 2", "link 3"})
    void killedAtAnyWriteTheNextRunLeavesOneTrustedKeyWithItsFiles(String point) throws Exception {
        String[] at = point.split(" ");
        String calls = at[0].equals("link") ? LINK : RENAME;
        StracedCli.Run killed = StracedCli.run(calls, Integer.parseInt(at[1]), true, generate());

        assertThat(killed.exitCode()).as("killed by SIGKILL: " + killed.out() + killed.err()).isEqualTo(128 + 9);
        everyTrustedKeyIsHeld();
        List<TrustedKey> trustedBefore = trustedPm();

        String keyId = runAgainCompletes();

        if (!trustedBefore.isEmpty()) {
            assertThat(keyId).as("the key trusted before the kill is the one completed").isEqualTo(trustedBefore.get(0).keyId());
        }
    }
}
