package dev.planning.engine.cycle;

import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.engine.artifact.TaskBreakdownReader;
import dev.planning.engine.document.DocumentException;
import dev.planning.engine.document.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Task breakdowns already parsed, by file, reused while the file's bytes stay the same.
 *
 * <p>Every gate run needs the cycle's plan and the other streams' plans; parsing and validating
 * a large plan costs far more than reading it. The file is still read on every request and its
 * SHA-256 compared with that of the bytes parsed before, so an edit is always seen, however
 * quickly it follows (modification times are too coarse for that). The cache keeps the
 * {@value #MAX_PLANS} most recently used plans. Thread-safe.
 */
final class PlanCache {

    /** How many parsed plans are kept. */
    static final int MAX_PLANS = 64;

    private final TaskBreakdownReader reader;
    private final Map<Path, Parsed> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Parsed> eldest) {
            return size() > MAX_PLANS;
        }
    };

    PlanCache(TaskBreakdownReader reader) {
        this.reader = reader;
    }

    /** The plan in {@code file}, when it can be read and is valid; {@code displayPath} names it. */
    Optional<TaskBreakdown> read(Path file, String displayPath) {
        byte[] content;
        try {
            if (Files.size(file) > YamlDocuments.MAX_BYTES) {
                // Too large to cache: the reader turns it into the usual finding.
                return reader.read(file, displayPath).model();
            }
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return reader.read(file, displayPath).model();
        }
        byte[] digest = sha256(content);
        synchronized (parsed) {
            Parsed known = parsed.get(file);
            if (known != null && known.displayPath().equals(displayPath) && Arrays.equals(known.sha256(), digest)) {
                return known.model();
            }
        }
        Optional<TaskBreakdown> model;
        try {
            model = reader.read(YamlDocuments.parse(content, displayPath)).model();
        } catch (DocumentException e) {
            model = Optional.empty();
        }
        synchronized (parsed) {
            parsed.put(file, new Parsed(displayPath, digest, model));
        }
        return model;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Parsed(String displayPath, byte[] sha256, Optional<TaskBreakdown> model) {
    }
}
