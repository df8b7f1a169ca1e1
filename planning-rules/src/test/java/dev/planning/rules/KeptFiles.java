package dev.planning.rules;

import dev.planning.engine.fixtures.CacheFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test's workspace and cache directory for what is kept beside the compiled rulebooks ({@code KEY.SUFFIX}:
 * settings, trust-file and manifest parses), and the steps its attacks share: run as a new process of
 * the command line would, list the kept files, forge a planted one consistently ({@code KeptRulebookSettingsTest},
 * {@code KeptDocumentParsesTest}).
 */
final class KeptFiles {

    /** Work that reads or loads with the cache on. */
    interface Work<T> {
        T run() throws IOException;
    }

    private final Path temp;
    private final String suffix;

    /**
     * @param temp   the test's temporary directory: the workspace and the cache lie in it, side by side
     * @param suffix the suffix of the kept files this test looks at, e.g. {@code .rulebook}
     */
    KeptFiles(Path temp, String suffix) {
        this.temp = temp;
        this.suffix = suffix;
    }

    /** The workspace, created when missing; the cache lies outside it. */
    Path workspace() throws IOException {
        return Files.createDirectories(temp.resolve("workspace"));
    }

    /** The cache directory ({@code PLANNING_CACHE_DIR}). */
    Path cache() {
        return temp.resolve("cache");
    }

    /** Runs {@code work} as a new process of the command line would: with settings and parses kept in {@link #cache()}. */
    <T> T inNewProcess(Work<T> work) throws IOException {
        CompiledRulebooks.keepValidatedSettings(Map.of("PLANNING_CACHE_DIR", cache().toString(),
                "PLANNING_CACHE_KEY_FILE", System.getenv("PLANNING_CACHE_KEY_FILE")));
        try {
            return work.run();
        } finally {
            CompiledRulebooks.noCacheAcrossRuns();
        }
    }

    /** The kept files with this test's suffix. */
    List<Path> kept() throws IOException {
        if (!Files.isDirectory(cache())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache())) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    /**
     * Rewrites a file planted under another key so that its header names the key it is filed under
     * (its name), authenticated with the user's own secret ({@code $PLANNING_CACHE_KEY_FILE}): what only
     * a process that can read the key file can make (a relabelled file alone is a miss).
     */
    static void forgeConsistently(Path planted) throws IOException {
        String text = new String(Files.readAllBytes(planted), StandardCharsets.ISO_8859_1);
        String magic = text.substring(0, text.indexOf('\n'));
        String name = planted.getFileName().toString();
        byte[] payload = text.substring(text.indexOf("\n\n") + 2).getBytes(StandardCharsets.ISO_8859_1);
        Files.write(planted, CacheFiles.file(magic, name.substring(0, name.indexOf('.')), payload));
    }

    /** Writes a file owner-only, as the cache writes its own. */
    static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
