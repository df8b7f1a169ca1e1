package dev.planning.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reliab23: a lock that cannot be taken because the system failed (the open of its lock file answering
 * EMFILE or ENOSPC, its {@code fcntl} answering EIO) is no user error: one {@code error:} line naming the
 * lock file and the reason, exit 3 (no verdict), no stack trace. One the user can fix (EACCES, EROFS) stays
 * exit 2. Made for real in a child JVM under strace ({@link StracedCli}), which fails the first
 * {@code openat} or {@code fcntl} of {@code trust.yaml.lock}; nothing is written either way.
 */
@Tag("slow")
@Tag("crash")
@Tag("subprocess")
class LockFailureExitCodesTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void straceCanInject() throws Exception {
        StracedCli.requireFaultInjection();
    }

    private Path keys() {
        return dir.resolve("keys");
    }

    private StracedCli.Run generateFailing(String syscall, String error) throws Exception {
        return StracedCli.runFailingOn(keys().resolve("trust.yaml.lock"), syscall, 1, error,
                List.of("keys", "generate", "--role", "PM", "--out", keys().toString()));
    }

    private List<String> written() throws Exception {
        try (Stream<Path> list = Files.list(keys())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void oneLine(StracedCli.Run run, String... parts) {
        assertThat(run.err()).startsWith("error: ").contains(parts).doesNotContain("internal error", "\tat ",
                "please report");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void tooManyOpenFilesIsExit3NamingTheLockFile() throws Exception {
        StracedCli.Run run = generateFailing("openat", "EMFILE");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        oneLine(run, "trust.yaml.lock: cannot take this lock (Too many open files)", "the system failed, not the input");
        assertThat(written()).isEmpty();
    }

    @Test
    void aFullDiskIsExit3() throws Exception {
        StracedCli.Run run = generateFailing("openat", "ENOSPC");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        oneLine(run, "trust.yaml.lock: cannot take this lock (No space left on device)", "disk space");
        assertThat(written()).isEmpty();
    }

    @Test
    void anIoErrorOfTheLockItselfIsExit3() throws Exception {
        StracedCli.Run run = generateFailing("fcntl", "EIO");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        oneLine(run, "trust.yaml.lock: cannot take this lock (", "check the disk");
        assertThat(written()).containsExactly("trust.yaml.lock");
    }

    @Test
    void permissionDeniedIsTheUsersExit2() throws Exception {
        StracedCli.Run run = generateFailing("openat", "EACCES");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        oneLine(run, "trust.yaml.lock: cannot take this lock (permission denied)", "writable by you");
        assertThat(written()).isEmpty();
    }
}
