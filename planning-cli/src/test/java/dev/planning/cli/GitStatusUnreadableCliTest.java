package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * robust28, from the command line: {@code seal} whose git status must read a {@code .gitattributes} the user may
 * not read (JGit wraps its {@code FileNotFoundException} in an unchecked exception) ends with exit code 2 and one
 * line naming that file and what to do; it was JGit's "Error while parsing attributes", which names no file. As
 * root, the CLI runs in a child JVM under {@code setpriv} with the permission override dropped
 * ({@link UnprivilegedCli}).
 */
class GitStatusUnreadableCliTest {

    @TempDir
    Path dir;

    @Test
    void sealWhoseGitStatusCannotReadAnAttributesFileNamesItWithExitTwo() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        Path attributes = ws.resolve(".gitattributes");
        Files.writeString(attributes, "*.yaml text\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(attributes, PosixFilePermissions.fromString("---------"));
        // A new time on every input, its bytes the same: git's status must read them, and their attributes.
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
            }
        }
        try {
            CliRun run = unprivileged(CycleScript.cycle(ws, "seal"));

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.err().lines()).singleElement().asString().startsWith("error: ")
                    .contains("cannot read .gitattributes (permission denied)", "make it readable")
                    .doesNotContain("internal error");
        } finally {
            Files.setPosixFilePermissions(attributes, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static CliRun unprivileged(String... args) throws Exception {
        return UnprivilegedCli.run(Map.of(), args);
    }
}
