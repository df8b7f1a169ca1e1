package dev.planning.api.digest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.artifact.DigestSummary;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What publishing a digest did.
 *
 * @param path    the digest, workspace-relative
 * @param summary its front matter
 * @param sha256  SHA-256 of the digest file
 * @param eventId the {@code DIGEST_PUBLISHED} event; empty when the file already had exactly these
 *                bytes, published as the log records, and nothing was written or recorded
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DigestResult(String path, DigestSummary summary, String sha256, Optional<String> eventId) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param path the digest, workspace-relative
     * @param summary its front matter
     * @param sha256 SHA-256 of the digest file
     * @param eventId the {@code DIGEST_PUBLISHED} event; empty when the file already had exactly these bytes,
     *                published as the log records, and nothing was written or recorded
     */
    public DigestResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(eventId, "eventId");
    }

    /**
     * Whether the file was (re)written.
     *
     * @return whether the file was (re)written
     */
    public boolean written() {
        return eventId.isPresent();
    }
}
