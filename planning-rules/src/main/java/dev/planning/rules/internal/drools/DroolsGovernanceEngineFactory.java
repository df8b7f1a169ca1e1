package dev.planning.rules.internal.drools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.rulebook.Rulebook;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds Drools governance engines, compiling each rulebook's DRL files once per
 * {@link Rulebook#hash()}. {@link #create(Rulebook)} compiles the files from one read of the
 * rulebook directory whose bytes must hash to {@link Rulebook#hash()}: a rulebook changed since it
 * was loaded is refused, so a cached engine always holds the rules its hash names. The
 * {@code governance} gate compiles the bytes its context serves instead
 * ({@link #createFromFiles}), and never reads the directory.
 *
 * <p>Compiling DRL costs most of a second, so compiled rulebooks are kept in a bounded cache keyed
 * by content: by hash for a rulebook read from its directory (whose bytes are checked against it),
 * by hash and the SHA-256 of the rule files' bytes for rules given in memory or served by a gate
 * context ({@link #createFromFiles}), and by the operator's bounds in force when asked
 * ({@link CompiledRulebookCache#operatorBounds()}: rules, rulebook bytes, evaluation
 * seconds, joins, value length): an engine compiled before a bound was lowered in this process is not
 * served after it; the rulebook is compiled again under the new bound, and refused past it.
 * Concurrent callers asking for the same rules wait for one compilation. Instances made with the no-argument constructor (which is what
 * {@link java.util.ServiceLoader} uses) share one process-wide cache.
 *
 * <pre>{@code
 * GovernanceEngine engine = new DroolsGovernanceEngineFactory().create(rulebook);
 * GovernanceDecision decision = engine.evaluate(input);
 * }</pre>
 *
 * @since 0.1
 */
public final class DroolsGovernanceEngineFactory implements GovernanceEngineFactory {

    /** How many compiled rulebooks the shared cache keeps. */
    public static final int SHARED_CACHE_SIZE = 16;

    private static final Compilations SHARED = new Compilations(SHARED_CACHE_SIZE,
            DroolsGovernanceEngineFactory.class.getClassLoader());

    private final Compilations compilations;

    /** A factory using the process-wide cache. */
    public DroolsGovernanceEngineFactory() {
        this.compilations = SHARED;
    }

    /**
     * A factory with its own cache, for applications that isolate rulebooks or load fact classes
     * through another class loader.
     *
     * @param maxRulebooks how many compiled rulebooks to keep, at least 1
     * @param classLoader  the loader DRL imports are resolved with; must see
     *                     {@code dev.planning.rules.facts}
     */
    public DroolsGovernanceEngineFactory(int maxRulebooks, ClassLoader classLoader) {
        if (maxRulebooks < 1) {
            throw new IllegalArgumentException("maxRulebooks must be at least 1");
        }
        this.compilations = new Compilations(maxRulebooks, Objects.requireNonNull(classLoader, "classLoader"));
    }

    /**
     * The engine for a rulebook: the cached one when a rulebook with the same hash was compiled
     * before by this factory's cache.
     *
     * @throws dev.planning.api.InvalidInputException when a rule file cannot be read or does not
     *         compile, located at the file (relative to the rulebook directory), line and column
     */
    @Override
    public DroolsGovernanceEngine create(Rulebook rulebook) {
        Objects.requireNonNull(rulebook, "rulebook");
        return compilations.engineFor(rulebook);
    }

    /**
     * Keeps compiled rulebooks on disk across processes from now on: a rulebook whose rule files
     * were compiled before (by this build of the engine) is loaded from the cache instead of
     * compiled. The policy-language check still comes first (a "passed" verdict recorded for exactly
     * the same rule files by this build, checked as an entry is, stands for it). Applies to every
     * factory sharing this one's in-memory cache (for the no-argument constructor: the process).
     *
     * @param cache the disk cache, or {@code null} to stop using one
     */
    public void useDiskCache(CompiledRulebookCache cache) {
        compilations.compiler.useDiskCache(cache);
    }

    /**
     * The engine for a rulebook whose rule files are held in memory: {@code sources} maps each of
     * {@link Rulebook#ruleFiles()} to its DRL text (UTF-8), and the rulebook directory is not read.
     * Cached by {@link Rulebook#hash()} and the sources' own SHA-256, so a compiled engine is
     * reused only for the same bytes.
     *
     * @throws dev.planning.api.InvalidInputException when a rule file has no source, leaves the
     *         policy language or does not compile, located at the file, line and column
     */
    public DroolsGovernanceEngine create(Rulebook rulebook, Map<String, String> sources) {
        Objects.requireNonNull(rulebook, "rulebook");
        Map<String, byte[]> bytes = new HashMap<>();
        sources.forEach((file, text) -> bytes.put(file, text.getBytes(StandardCharsets.UTF_8)));
        return createFromFiles(rulebook, bytes);
    }

    /**
     * The engine for a rulebook whose rule files' bytes are given, as a gate context serves them
     * ({@code GateContext.rulebookFile}): {@code files} maps each of {@link Rulebook#ruleFiles()} to
     * its bytes, and the rulebook directory is not read. Cached as {@link #create(Rulebook, Map)}:
     * by {@link Rulebook#hash()} and the SHA-256 of every file, so a compiled engine is reused only
     * for the same bytes (the engine {@link #create(Rulebook)} compiled from a directory holding
     * exactly these bytes included). Bytes that are not UTF-8 are refused by the compiler, never
     * decoded with replacement characters.
     *
     * @param rulebook the rulebook in force
     * @param files    the rule files' bytes by name; copied
     * @return the engine, never {@code null}
     * @throws dev.planning.api.InvalidInputException when a rule file is not given, is not UTF-8, leaves
     *         the policy language or does not compile, located at the file, line and column
     */
    public DroolsGovernanceEngine createFromFiles(Rulebook rulebook, Map<String, byte[]> files) {
        Objects.requireNonNull(rulebook, "rulebook");
        Map<String, byte[]> copy = new HashMap<>();
        files.forEach((file, bytes) -> copy.put(Objects.requireNonNull(file, "file"), bytes.clone()));
        return compilations.engineFor(rulebook, sourcesKey(rulebook, copy), file -> {
            byte[] bytes = copy.get(file);
            if (bytes == null) {
                throw new InvalidInputException("no DRL source given for rule file " + file + "; given: "
                        + new TreeSet<>(copy.keySet()), SourceLocation.ofFile(file));
            }
            PolicyLanguage.requireSize(file, bytes.length);
            return bytes;
        });
    }

    /**
     * The cache key of a rulebook compiled from given bytes: its hash and the SHA-256 of every
     * file by name, so the key follows the bytes compiled even when a caller reuses a hash.
     */
    private static String sourcesKey(Rulebook rulebook, Map<String, byte[]> sources) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        for (Map.Entry<String, byte[]> source : new TreeMap<>(sources).entrySet()) {
            byte[] name = source.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] text = source.getValue();
            sha.update((name.length + ":" + text.length + ":").getBytes(StandardCharsets.UTF_8));
            sha.update(name);
            sha.update(text);
        }
        return rulebook.hash() + " sources " + HexFormat.of().formatHex(sha.digest());
    }

    /**
     * How many rulebooks this factory's cache has compiled from their rule files so far (for monitoring and
     * tests); a compilation that failed (a refused or broken rulebook) is not counted, nor a rulebook loaded from
     * the disk cache ({@link #useDiskCache}) instead of compiled. With a disk cache whose entry and verdict hold
     * the rule files, the knowledge base is built when a session first needs it, and counted then if it had to
     * be compiled.
     */
    public int compilationCount() {
        return compilations.compiler.compiledCount();
    }

    /** The cache of compiled rulebooks; a failed compilation is not cached. */
    private static final class Compilations {
        private final Cache<String, DroolsGovernanceEngine> engines;
        private final RulebookCompiler compiler;

        Compilations(int maxRulebooks, ClassLoader classLoader) {
            // A rulebook compiled from its directory is kept under two keys (its hash, and its rule
            // files' content, which a gate context's bytes look it up by): room for both, one engine.
            this.engines = Caffeine.newBuilder().maximumSize(2L * maxRulebooks).build();
            this.compiler = new RulebookCompiler(classLoader);
        }

        /**
         * From the rulebook directory: keyed by the hash, which the compiler checks the bytes it
         * compiles against (a directory that no longer hashes to it is refused, not cached). On a
         * miss the rule files are read once and compiled under their content's key, so a gate that
         * is served the same bytes by its context ({@link #createFromFiles}) finds them compiled.
         */
        DroolsGovernanceEngine engineFor(Rulebook rulebook) {
            String scope = scope();
            String hashKey = scope + rulebook.hash();
            DroolsGovernanceEngine cached = engines.getIfPresent(hashKey);
            if (cached == null) {
                Map<String, byte[]> files = RulebookCompiler.ruleFilesOf(rulebook);
                cached = engineFor(rulebook, scope, sourcesKey(rulebook, files), files::get);
                // Only now, with the bytes checked against the hash: the hash names these rules.
                engines.asMap().putIfAbsent(hashKey, cached);
            }
            return named(rulebook, cached);
        }

        /**
         * What every key starts with: whether the policy-language check is on (rules compiled with it off,
         * in trusted mode, were never checked) and the operator's bounds in force, read now
         * ({@link CompiledRulebookCache#operatorBounds}). An engine compiled under other bounds was counted
         * against those (its rules, its bytes) and holds their evaluation limits (seconds, joins, value
         * length): an embedder that lowers a bound in this process gets it enforced, never the engine kept
         * from before (contract28).
         */
        private static String scope() {
            return (PolicyLanguage.enabled() ? "" : "trusted ") + "bounds " + CompiledRulebookCache.operatorBounds()
                    + " ";
        }

        /** Same rules, maybe another directory or settings: the engine speaks of the rulebook it was given. */
        private static DroolsGovernanceEngine named(Rulebook rulebook, DroolsGovernanceEngine cached) {
            // The same instance first: a record's first equals() spins its method handles (about 10 ms of
            // a command's start, measured in docs/benchmarks/cold-start.md, tenth pass), and one command asks for
            // the engine of the same rulebook object several times.
            return cached.rulebook() == rulebook || cached.rulebook().equals(rulebook) ? cached
                    : new DroolsGovernanceEngine(rulebook, cached.rules());
        }

        DroolsGovernanceEngine engineFor(Rulebook rulebook, String key, Function<String, byte[]> sources) {
            return engineFor(rulebook, scope(), key, sources);
        }

        private DroolsGovernanceEngine engineFor(Rulebook rulebook, String scope, String key,
                Function<String, byte[]> sources) {
            DroolsGovernanceEngine cached = engines.get(scope + key,
                    k -> new DroolsGovernanceEngine(rulebook, compiler.compile(rulebook, sources)));
            return named(rulebook, cached);
        }
    }
}
