package dev.planning.rules;

import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.rules.internal.drools.CompiledRulebookCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The validated model of a rulebook's settings kept in the compiled-rulebook cache's directory
 * ({@code KEY.rulebook}), for {@link RulebookLoader}: a command that loads the same
 * {@code rulebook.yaml} again skips its YAML parse, its schema validation and the KPI formulas' JEXL
 * check (docs/benchmarks/cold-start.md, twelfth pass).
 *
 * <p>The key is a SHA-256 over this format, the JVM's version, the code that decides the model
 * ({@link RulebookLoader#code()}: each class's jar or class file, path, size and modification
 * time), and the settings file's exact bytes: other
 * bytes or another build never read the entry. Where and how it is kept is the compiled-rulebook
 * cache's business ({@link CompiledRulebookCache#readResult}): the directory outside the workspace
 * and the rulebook, owned by this user and private to them; the file regular, owner-only, at most
 * {@value #MAX_BYTES} bytes and not tracked by git; its header naming the key and its HMAC under the
 * user's secret (kept outside the directory). Anything else is a miss: the settings are parsed and
 * validated again, with the same errors. Whoever can read the user's key file can make a model that
 * is served (see {@code docs/SECURITY.md}).
 */
final class KeptRulebookSettings implements RulebookLoader.KeptSettings {

    /** The format of a key and a kept model; a new format changes it. */
    static final String FORMAT = "planning-rulebook-settings 1";

    /** What kept models are, in the cache directory ({@code KEY.rulebook}). */
    static final String KIND = "rulebook";

    /** Kept models larger than this are not read (the example's is about 3 KB). */
    static final long MAX_BYTES = 1024L * 1024;

    private final CompiledRulebookCache cache;

    private KeptRulebookSettings(CompiledRulebookCache cache) {
        this.cache = cache;
    }

    /**
     * Keeps validated settings in this cache for the rest of the process ({@link RulebookLoader#keepSettings}),
     * or nowhere when it is empty.
     *
     * @param cache the compiled-rulebook cache, if any
     */
    static void keepIn(Optional<CompiledRulebookCache> cache) {
        RulebookLoader.keepSettings(cache.map(KeptRulebookSettings::new).orElse(null));
    }

    @Override
    public Optional<byte[]> read(byte[] settings, Path rulebook, Path workspace) {
        return cache.readResult(key(settings), KIND, FORMAT, MAX_BYTES, rulebook, workspace);
    }

    @Override
    public void keep(byte[] settings, byte[] payload, Path rulebook, Path workspace) {
        cache.storeResult(key(settings), KIND, FORMAT, payload, rulebook, workspace);
    }

    /** The key of these settings bytes with this build of the loader. */
    static String key(byte[] settings) {
        return CompiledRulebookCache.resultKey(
                List.of(FORMAT, Code.VALUE, Integer.toString(settings.length)), settings);
    }

    /** The code the model depends on, fingerprinted once per process (when a key is first taken). */
    private static final class Code {
        static final String VALUE = CompiledRulebookCache.codeFingerprint(RulebookLoader.code());
    }
}
