package dev.planning.engine.internal.cycle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.DocumentException;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.engine.internal.artifact.StoryMapReader;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.document.MarkdownDocuments;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.hash.JudgedReads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Planning files already parsed (task breakdowns, story maps), by file, reused while the file's
 * bytes stay the same.
 *
 * <p>Every gate run needs the cycle's plan and story map and the other streams' plans; parsing
 * and validating a large plan costs far more than reading it. The file is still read on every request and its
 * SHA-256 compared with that of the bytes parsed before, so an edit is always seen, however
 * quickly it follows (modification times are too coarse for that). The cache (Caffeine) keeps
 * about {@value #MAX_PLANS} plans. Thread-safe.
 */
final class PlanCache<T> {

    /** Parses a file's bytes into its model; a {@link DocumentException} means no model. */
    @FunctionalInterface
    interface Parser<T> {
        Optional<T> parse(byte[] content, String displayPath);
    }

    /** Reads a file the usual way, reporting what is wrong with it (too large, unreadable). */
    @FunctionalInterface
    interface Reader<T> {
        Optional<T> read(Path file, String displayPath);
    }

    /** How many parsed plans are kept. */
    static final int MAX_PLANS = 64;

    private final Parser<T> parser;
    private final Reader<T> reader;
    private final Cache<Path, Parsed<T>> parsed = Caffeine.newBuilder().maximumSize(MAX_PLANS).build();

    PlanCache(Parser<T> parser, Reader<T> reader) {
        this.parser = parser;
        this.reader = reader;
    }

    /** Task breakdowns, parsed and validated by {@code reader}. */
    static PlanCache<TaskBreakdown> taskBreakdowns(TaskBreakdownReader reader) {
        return new PlanCache<>((content, path) -> reader.read(YamlDocuments.parse(content, path)).model(),
                (file, path) -> reader.read(file, path).model());
    }

    /** Story maps, parsed and validated by {@code reader}. */
    static PlanCache<StoryMap> storyMaps(StoryMapReader reader) {
        return new PlanCache<>((content, path) -> reader.read(MarkdownDocuments.parse(content, path)).model(),
                (file, path) -> reader.read(file, path).model());
    }

    /** A plan file that is there but whose size or bytes cannot be read: the caller names it. */
    static final class Unreadable extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        Unreadable(IOException cause) {
            super(cause);
        }
    }

    /**
     * The plan in {@code file}, when it is valid; {@code displayPath} names it.
     *
     * @throws Unreadable when the file is there but cannot be read
     */
    Optional<T> read(Path file, String displayPath) {
        byte[] content;
        try {
            if (Files.size(file) > YamlDocuments.MAX_BYTES) {
                // Too large to cache: the reader turns it into the usual finding.
                return reader.read(file, displayPath);
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return reader.read(file, displayPath); // gone since it was found: the reader says so
        } catch (IOException e) {
            throw new Unreadable(e);
        }
        byte[] digest = sha256(content);
        JudgedReads.readDigest(file, digest);
        Parsed<T> known = parsed.getIfPresent(file);
        if (known != null && known.displayPath().equals(displayPath) && Arrays.equals(known.sha256(), digest)) {
            return known.model();
        }
        Optional<T> model;
        try {
            model = parser.parse(content, displayPath);
        } catch (DocumentException e) {
            model = Optional.empty();
        }
        parsed.put(file, new Parsed<>(displayPath, digest, model));
        return model;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Parsed<T>(String displayPath, byte[] sha256, Optional<T> model) {
    }
}
