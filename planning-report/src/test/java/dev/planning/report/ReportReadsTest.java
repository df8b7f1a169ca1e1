package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fail36: every read of the report goes through one rule ({@link WorkspaceReader#read}): a failure the user is to
 * fix is a problem shown on the page; a failure of the system is handed on (exit 3), never shown as the workspace's.
 * Before, each read held the rule itself, and an {@link UncheckedIOException} was shown on the page unjudged.
 */
class ReportReadsTest {

    private static final String WHAT = "manifest frameworks/planning-fe/manifests/m.yaml cannot be verified";

    /** A failure as the Java platform throws it for a read the disk failed: its first frame is the platform's. */
    private static <E extends IOException> E thrownByThePlatform(E e) {
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("sun.nio.fs.UnixException", "translateToIOException", null, -1)});
        return e;
    }

    @Test
    void aReadThatSucceedsGivesItsResult() {
        assertThat(WorkspaceReader.read(WHAT, () -> "read", e -> "problem")).isEqualTo("read");
    }

    @Test
    void theUsersMistakeIsTheProblemShown() {
        InvalidInputException mistake = new InvalidInputException("line 3: expected a list");

        assertThat(WorkspaceReader.<Exception>read(WHAT, () -> {
            throw mistake;
        }, e -> e)).isSameAs(mistake);
        assertThat(WorkspaceReader.<Exception>read(WHAT, () -> {
            throw new UncheckedIOException(new AccessDeniedException("/ws/frameworks/planning-fe/manifests/m.yaml"));
        }, e -> e)).isInstanceOf(UncheckedIOException.class);
        assertThat(WorkspaceReader.<Exception>read(WHAT, () -> {
            throw new MalformedInputException(1);
        }, e -> e)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aSystemFailureIsHandedOnAsItIs() {
        SystemFailureException failed = new SystemFailureException("cannot read x (Input/output error)", null, null);

        assertThatThrownBy(() -> WorkspaceReader.read(WHAT, () -> {
            throw failed;
        }, e -> "problem")).isSameAs(failed);
    }

    /** Failed before: the page showed "manifest ... cannot be verified: java.nio.file.FileSystemException: ...". */
    @Test
    void anUncheckedReadTheDiskFailedIsTheSystemsFailureNotAProblemShown(@TempDir Path pinned) throws IOException {
        // What opening a file answering EIO is in Java: a plain FileSystemException on a file that is there.
        Path plan = Files.writeString(pinned.resolve("plan.yaml"), "tasks: []\n");
        FileSystemException eio = thrownByThePlatform(new FileSystemException(plan.toString(), null,
                "Input/output error"));

        assertThatThrownBy(() -> WorkspaceReader.read(WHAT, () -> {
            throw new UncheckedIOException(eio);
        }, e -> "problem")).isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith(WHAT + ": " + plan + " (Input/output error): the system failed, not the input");
        assertThatThrownBy(() -> WorkspaceReader.read(WHAT, () -> {
            throw thrownByThePlatform(new IOException("Input/output error"));
        }, e -> "problem")).isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith(WHAT + " (Input/output error): the system failed, not the input");
    }
}
