package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reliab21: a file's lock that cannot be taken, made so by file system states that hold for root too (a
 * directory where the lock file goes, a regular file where a directory goes), through the commands that
 * take one. Each is one {@code error:} line naming the lock file and what went wrong, exit 2 (the user's
 * environment), nothing written; before, the trust file's and the manifest's were {@code internal error:
 * java.io.UncheckedIOException}, exit 3.
 */
class LockFailuresTest {

    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = PlanningCommand.execute(args, new PrintWriter(o, true), new PrintWriter(e, true));
        out = o.toString();
        err = e.toString();
        return code;
    }

    private void oneErrorLine(String... parts) {
        assertThat(err).contains(parts).startsWith("error: ").doesNotContain("internal error", "\tat ");
        assertThat(err.strip().lines()).hasSize(1);
    }

    @Test
    void keysGenerateWhoseTrustFileLockIsADirectoryNamesItAndWritesNoKey() throws Exception {
        Path keys = dir.resolve("keys");
        Files.createDirectories(keys.resolve("trust.yaml.lock"));

        assertThat(run("keys", "generate", "--role", "PM", "--out", keys.toString())).as(out + err).isEqualTo(2);

        oneErrorLine("trust.yaml.lock", "is not a regular file");
        try (var files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("trust.yaml.lock");
        }
    }

    @Test
    void keysGenerateIntoADirectoryUnderARegularFileNamesTheLockAndWhy() throws Exception {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");

        assertThat(run("keys", "generate", "--role", "PM", "--out", file.resolve("keys").toString()))
                .as(out + err).isEqualTo(2);

        oneErrorLine("not-a-directory/keys/trust.yaml.lock: cannot take this lock (", "so nothing was written");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void sealWhoseManifestLockIsADirectoryWritesNoManifestAndSealsOnceItIsGone() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        assertThat(run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF")).as(err).isZero();
        Path lock = ws.resolve(MANIFEST + ".lock");
        Files.createDirectories(lock);

        assertThat(run("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02")).as(out + err)
                .isEqualTo(2);

        oneErrorLine("2025-09-02-handoff_manifest.yaml.lock", "is not a regular file");
        assertThat(ws.resolve(MANIFEST)).doesNotExist();
        Files.delete(lock);
        assertThat(run("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02")).as(out + err).isZero();
        assertThat(ws.resolve(MANIFEST)).isRegularFile();
    }

    @Test
    void signWhoseManifestLockIsADirectoryLeavesTheManifestAsItWas() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path keys = dir.resolve("keys");
        assertThat(run("keys", "generate", "--role", "PM", "--out", keys.toString())).as(err).isZero();
        assertThat(run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF")).as(err).isZero();
        assertThat(run("seal", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02")).as(err).isZero();
        byte[] sealed = Files.readAllBytes(ws.resolve(MANIFEST));
        // The seal left its lock file (an empty plain file): a directory takes its place.
        Files.delete(ws.resolve(MANIFEST + ".lock"));
        Files.createDirectories(ws.resolve(MANIFEST + ".lock"));

        assertThat(run("sign", ws.resolve(MANIFEST).toString(), "--role", "PM", "--key",
                keys.resolve("PM.key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString()))
                .as(out + err).isEqualTo(2);

        oneErrorLine("2025-09-02-handoff_manifest.yaml.lock", "is not a regular file");
        assertThat(Files.readAllBytes(ws.resolve(MANIFEST))).isEqualTo(sealed);
    }
}
