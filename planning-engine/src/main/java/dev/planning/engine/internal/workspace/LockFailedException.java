package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file's lock ({@link PathLock}) could not be taken: its lock file could not be created or opened
 * (a read-only directory, no permission, a full disk, a directory or a regular file where its
 * directory should be) or is no plain file. Nothing was done under the lock, so nothing was written.
 * The user's environment to fix, not a bug: the command line's one {@code error:} line, exit 2.
 */
public final class LockFailedException extends PlanningException {

    private static final long serialVersionUID = 1L;

    private LockFailedException(String message, SourceLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * The failure to take the lock whose lock file is {@code sidecar}.
     *
     * @param sidecar the lock file ({@link PathLock#sidecar})
     * @param e       why it could not be taken
     */
    static LockFailedException of(Path sidecar, IOException e) {
        if (!(e instanceof FileSystemException)) {
            // PathLock's own refusals (a link, a directory) name the lock file and what to do already.
            return new LockFailedException(Shown.why(e), null, e);
        }
        return new LockFailedException("cannot take this lock (" + Shown.reason(e) + "), so nothing was written"
                + " under it: a lock is taken by creating or opening this file for writing, so its directory must"
                + " exist and be writable (and have space) and the file, when present, be a plain file; fix that"
                + " and try again", SourceLocation.ofFile(Shown.path(sidecar)), e);
    }
}
