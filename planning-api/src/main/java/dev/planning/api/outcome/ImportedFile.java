package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One file of an import: where it came from, what it is, and where it is stored.
 *
 * @param source          the file given to the import
 * @param kind            what it was detected to be
 * @param path            its workspace-relative path under {@code outcomes/{cycle}/}
 * @param alreadyImported whether the same bytes were already stored and recorded (nothing was written or recorded)
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ImportedFile(Path source, OutcomeKind kind, String path, boolean alreadyImported) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param source the file given to the import
     * @param kind what it was detected to be
     * @param path its workspace-relative path under {@code outcomes/{cycle}/}
     * @param alreadyImported whether the same bytes were already stored and recorded (nothing was written or recorded)
     */
    public ImportedFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }
}
