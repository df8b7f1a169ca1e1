package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * exit25: a staged key that {@code keys generate} cannot read or delete while publishing it is classified by the
 * exception's type, as every write of the product's files is ({@code WriteFailures}): an I/O error or a file system
 * turned read-only is the system's failure (exit 3), a permission denied the user's (exit 2). Every such failure
 * was exit 2. Made with the exceptions themselves: an I/O error cannot be had in a test, and permissions do not
 * stop root.
 */
class KeyPublishFailureClassTest {

    @TempDir
    Path dir;

    /** Publishing {@code staged} failed in the file system, for {@code reason} (the C library's words). */
    private static PlanningException failedFor(Path staged, String reason) {
        return KeyFiles.publishFailure(staged, new FileSystemException(staged.toString(), null, reason));
    }

    @Test
    void anIoErrorReadingTheStagedKeyIsTheSystemsFailureNamingTheFile() {
        Path staged = dir.resolve(".signer.key.staged");

        PlanningException e = failedFor(staged, "Input/output error");

        assertThat(e).isInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).startsWith("cannot finish the key's files (Input/output error): the system failed")
                .doesNotContain("\n");
        assertThat(e.location().orElseThrow().file()).isEqualTo(staged.toString());
    }

    @Test
    void aReadOnlyFileSystemDeletingTheStagedKeyIsTheSystemsFailure() {
        Path staged = dir.resolve(".signer.key.staged");

        PlanningException e = failedFor(staged, "Read-only file system");

        assertThat(e).isInstanceOf(SystemFailureException.class);
    }

    @Test
    void aPermissionDeniedIsTheUsersToFix() {
        Path staged = dir.resolve(".signer.key.staged");

        PlanningException e = KeyFiles.publishFailure(staged, new AccessDeniedException(staged.toString()));

        assertThat(e).isNotInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).isEqualTo("cannot finish the key's files (permission denied)");
    }

    @Test
    void theFileNamedIsTheOneThatFailedNotAlwaysTheStagedKey() {
        Path staged = dir.resolve(".signer.key.staged");
        Path existing = dir.resolve("signer.key");

        PlanningException e = KeyFiles.publishFailure(staged, new FileSystemException(existing.toString(), null,
                "Input/output error"));

        assertThat(e.location().orElseThrow().file()).isEqualTo(existing.toString());
    }

    @Test
    void aMessageThatReadsLikeAPermissionDoesNotMakeAnIoErrorTheUsers() {
        // Classified by the type, never by the text (which is the C library's, in the user's language).
        Path staged = dir.resolve(".signer.key.staged");

        PlanningException e = KeyFiles.publishFailure(staged, new IOException("Permission denied"));

        assertThat(e).isInstanceOf(SystemFailureException.class);
    }
}
