package dev.planning.rules;

import dev.planning.engine.internal.document.KeptParses;
import dev.planning.rules.internal.drools.CompiledRulebookCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parses of trust files and sealed manifests kept in the compiled-rulebook cache's directory
 * ({@code KEY.trust}, {@code KEY.manifest}), for {@link KeptParses}: reading the same bytes again skips
 * their YAML parse and schema validation (and a manifest's renderings), never a check of the
 * verification (docs/benchmarks/cold-start-14-verify.md).
 *
 * <p>The key is a SHA-256 over this format, the kind, the JVM's version, the code that decides the
 * payload (the reader's {@code code()} list: each class's jar or class file, path, size and modification
 * time) and the document's exact bytes: other bytes or another build never read the entry. Where and how
 * it is kept is the compiled-rulebook cache's business ({@link CompiledRulebookCache#readResult}): the
 * directory outside the workspace, owned by this user and private to them; the file regular, owner-only,
 * at most {@value #MAX_BYTES} bytes and not tracked by git; its header naming the key and its HMAC
 * under the user's secret (kept outside the directory). Anything else is a miss: the document is parsed
 * and validated again, with the same errors. As for every entry of that directory, whoever can read the
 * user's key file can make a payload that is served (see {@code docs/SECURITY.md}).
 */
final class KeptDocumentParses implements KeptParses.Store {

    /** The format of a key and of a kept file's header; a new format changes it. */
    static final String FORMAT = "planning-kept-parse 1";

    /** Kept parses larger than this are not read (the example's manifest's is about 12 KB). */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final CompiledRulebookCache cache;
    private final Map<List<Class<?>>, String> fingerprints = new ConcurrentHashMap<>();

    private KeptDocumentParses(CompiledRulebookCache cache) {
        this.cache = cache;
    }

    /**
     * Keeps parses in this cache for the rest of the process ({@link KeptParses#keepIn}), or nowhere
     * when it is empty.
     *
     * @param cache the compiled-rulebook cache, if any
     */
    static void keepIn(Optional<CompiledRulebookCache> cache) {
        KeptParses.keepIn(cache.map(KeptDocumentParses::new).orElse(null));
    }

    @Override
    public Optional<byte[]> read(String kind, List<Class<?>> code, byte[] bytes, Path workspace) {
        return cache.readResult(key(kind, code, bytes), kind, FORMAT + " " + kind, MAX_BYTES, workspace);
    }

    @Override
    public void keep(String kind, List<Class<?>> code, byte[] bytes, byte[] payload, Path workspace) {
        if (payload.length <= MAX_BYTES - 1024) {
            cache.storeResult(key(kind, code, bytes), kind, FORMAT + " " + kind, payload, workspace);
        }
    }

    /** The key of these bytes read as {@code kind} with this build of {@code code}. */
    String key(String kind, List<Class<?>> code, byte[] bytes) {
        String fingerprint = fingerprints.computeIfAbsent(List.copyOf(code), CompiledRulebookCache::codeFingerprint);
        return CompiledRulebookCache.resultKey(
                List.of(FORMAT, kind, fingerprint, Integer.toString(bytes.length)), bytes);
    }
}
