package dev.planning.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a cache directory of {@link CompiledRulebooks} holds, or what was cleared from it: the files the
 * cache named there (compiled rulebooks, policy verdicts, kept settings, parses and results) and their
 * total size, with the bound a sweep keeps it within.
 *
 * @param directory the cache directory, never {@code null}
 * @param files     how many of the cache's files (held, or deleted by {@link CompiledRulebooks#clearCache})
 * @param bytes     their total size in bytes
 * @param maxBytes  the most bytes a sweep leaves ({@code PLANNING_CACHE_MAX_BYTES})
 * @param maxFiles  the most files a sweep leaves ({@code PLANNING_CACHE_MAX_FILES})
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CacheUsage(Path directory, long files, long bytes, long maxBytes, int maxFiles) {

    /**
     * Checks the values: a directory, counts not negative, a positive bound.
     *
     * @param directory the cache directory
     * @param files     how many of the cache's files
     * @param bytes     their total size in bytes
     * @param maxBytes  the most bytes a sweep leaves, positive
     * @param maxFiles  the most files a sweep leaves, positive
     * @throws IllegalArgumentException when a count is negative or a bound not positive
     */
    public CacheUsage {
        Objects.requireNonNull(directory, "directory");
        if (files < 0 || bytes < 0 || maxBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("negative counts or no bound: " + files + " files, " + bytes
                    + " bytes, bound " + maxBytes + " bytes, " + maxFiles + " files");
        }
    }
}
