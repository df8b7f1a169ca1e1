package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.OutputFile;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.PemKeys;
import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keys26: the permissions of each kind of file the product writes, read back as POSIX permissions. Secrets (a
 * private key, the staged key of {@code keys generate}, the cache's key) are owner-only whatever the umask; a file
 * for the user ({@code OutputFile.write}: {@code --out}, the Maven plugin's reports, the demo's files) gets the
 * umask's when new and keeps its own when replaced; a workspace file is {@code rw-r--r--}. A umask is a process's,
 * so the writes run in child JVMs started under {@code umask 077} and {@code umask 000} (before: a new file for the
 * user was {@code rw-r--r--} under either).
 */
class FilePermissionsUnderUmaskTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    /** In the child JVM: writes one file of each kind into {@code args[0]}, where {@code replaced.json} exists. */
    public static void main(String[] args) {
        Path into = Path.of(args[0]);
        byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        OutputFile.write(into.resolve("out/report.html"), bytes);
        OutputFile.write(into.resolve("replaced.json"), bytes);
        PemKeys.writePrivateKey(into.resolve("QA.key.pem"), Crypto.generate(SignatureAlgorithm.ED25519).getPrivate());
        // The cache's key, as CacheSecret writes it.
        AtomicFiles.writeNew(into.resolve("cache-key"), new byte[32], "rw-------");
        AtomicFiles.writeNew(into.resolve("manifest.yaml"), bytes);
        AtomicFiles.write(into.resolve("events.jsonl"), bytes);
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private void writeUnderUmask(String umask) throws Exception {
        Files.writeString(dir.resolve("replaced.json"), "[]");
        Files.setPosixFilePermissions(dir.resolve("replaced.json"), PosixFilePermissions.fromString("rw-r-----"));
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        command.addAll(ChildProcesses.java("-cp", System.getProperty("java.class.path"),
                FilePermissionsUnderUmaskTest.class.getName(), dir.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child finished").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void underAPrivateUmaskTheUsersNewFilesArePrivateAndSecretsOwnerOnly() throws Exception {
        writeUnderUmask("077");

        assertThat(permissions(dir.resolve("out/report.html"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("replaced.json"))).isEqualTo("rw-r-----");
        assertThat(permissions(dir.resolve("QA.key.pem"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("cache-key"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("manifest.yaml"))).isEqualTo("rw-r--r--");
        assertThat(permissions(dir.resolve("events.jsonl"))).isEqualTo("rw-r--r--");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void underAnOpenUmaskSecretsStayOwnerOnly() throws Exception {
        writeUnderUmask("000");

        assertThat(permissions(dir.resolve("QA.key.pem"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("cache-key"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("out/report.html"))).isEqualTo("rw-rw-rw-");
        assertThat(permissions(dir.resolve("replaced.json"))).isEqualTo("rw-r-----");
        assertThat(permissions(dir.resolve("manifest.yaml"))).isEqualTo("rw-r--r--");
    }

    /** In this JVM, whatever its umask: a new file for the user gets what the system gives any new file here. */
    @Test
    void aNewFileForTheUserGetsWhatTheUmaskGivesAnyNewFile() throws Exception {
        Path probe = Files.createFile(dir.resolve("probe"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));

        OutputFile.write(dir.resolve("attestation.json"), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(permissions(dir.resolve("attestation.json"))).isEqualTo(permissions(probe));
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("probe",
                    "attestation.json");
        }
    }
}
