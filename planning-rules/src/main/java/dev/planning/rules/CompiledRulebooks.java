package dev.planning.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.governance.GovernanceEngine;
import dev.planning.engine.internal.workspace.OpenedWorkspaces;
import dev.planning.engine.internal.workspace.Shown;
import dev.planning.rules.internal.drools.CompiledRulebookCache;
import dev.planning.rules.internal.drools.DroolsGovernanceEngine;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Compiled rulebooks kept across processes, so that a command-line run does not compile the same
 * policies again. Off unless a process turns it on; the {@code planning} launcher does.
 *
 * <p>An entry is used only when its stored key and content hash match the rule files' exact bytes
 * and this build of the engine; anything else means "compile again". The policy-language check
 * runs on the rule files first; a "passed" verdict recorded in the same cache for exactly those
 * bytes (and this build of the checker), checked as an entry is, stands for it. The directory must
 * lie outside the workspace and be private to its owner (mode {@code 0700}), or it is not used; an
 * entry or verdict that git tracks (a cache directory inside a checkout, whose files whoever can
 * commit wrote) is never used either (see {@code docs/SECURITY.md}).
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CompiledRulebooks {

    private CompiledRulebooks() {
    }

    /**
     * Keeps compiled rulebooks, for the rest of this process, in the cache directory the
     * environment names: {@code PLANNING_CACHE_DIR}, else {@code $XDG_CACHE_HOME/planning}, else
     * {@code ~/.cache/planning}; none when {@code PLANNING_NO_CACHE=1}. The validated model of each
     * rulebook's settings is kept there too ({@link #keepValidatedSettings}), and so are the parses of
     * trust files and sealed manifests. Every file there is authenticated with the secret in the key
     * file this same environment names ({@code PLANNING_CACHE_KEY_FILE}, else
     * {@code $XDG_STATE_HOME/planning/cache-key}, else {@code ~/.local/state/planning/cache-key}), and
     * the directory is kept within the bound it names ({@link #cacheUsage}): the map given is the one
     * source of these settings, never the process environment behind it.
     *
     * <p>Compiled rulebooks stop being kept on disk, for the rest of the process, once a workspace that
     * holds the directory (as given or as links resolve) is opened with {@code Planning.builder()}: with
     * a rulebook outside the workspace, an entry lying there could otherwise judge its plans.
     *
     * @param environment the process environment, usually {@link System#getenv()}
     * @return the cache directory in use, or empty when the environment turns the cache off
     */
    public static Optional<Path> cacheAcrossRuns(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        Optional<Path> directory = CompiledRulebookCache.defaultDirectory(environment);
        directory.ifPresent(d -> useDiskCache(CompiledRulebookCache.at(d, environment)));
        keepSettings(directory, environment);
        return directory;
    }

    /**
     * Keeps compiled rulebooks in {@code cache} until a workspace is opened ({@code Planning.builder().build()})
     * that holds its directory, as given or as links resolve: from then on none are kept on disk in this
     * process. The compiler is told only the rulebook's directory, so with a rulebook outside the
     * workspace a cache directory inside it would be used, and there, in a workspace that is no git
     * checkout (an archive unpacked), an entry and a "passed" verdict for the real rule files' key may
     * lie, made from doctored rules (docs/SECURITY.md, seventh review).
     */
    private static void useDiskCache(CompiledRulebookCache cache) {
        DroolsGovernanceEngineFactory factory = new DroolsGovernanceEngineFactory();
        factory.useDiskCache(cache);
        OpenedWorkspaces.listen(root -> {
            if (!cache.liesOutside(root)) {
                factory.useDiskCache(null);
            }
        });
    }

    /**
     * Keeps, for the rest of this process, the validated model of each rulebook's settings
     * ({@code rulebook.yaml}) in the cache directory the environment names (as {@link #cacheAcrossRuns}
     * names it), so that loading the same settings again skips their parse, schema validation and KPI
     * formulas' check; {@link #cacheAcrossRuns} does this too. Without compiling anything (nor loading
     * the rule engine): for commands that load a rulebook but compile none.
     *
     * <p>The parses of trust files and sealed manifests that read without error are kept there too, under
     * the same checks, keyed by their exact bytes and the reader's code: reading the same bytes again
     * skips their YAML parse and schema validation (and a manifest's renderings), never a check of the
     * verification (each signature, checksum, the event log, the sealed commit and every date still run).
     *
     * <p>A model is kept only for settings that validated in full, under a key over their exact bytes
     * and this build's code, and read only when it checks out as a compiled rulebook does (the
     * directory outside the workspace and private to its owner, the file owner-only and not tracked
     * by git, its header naming the key and its HMAC under the user's secret); anything else means "parse and
     * validate again", with the same errors.
     *
     * @param environment the process environment, usually {@link System#getenv()}
     * @return the cache directory in use, or empty when the environment turns the cache off
     * @since 0.1
     */
    public static Optional<Path> keepValidatedSettings(Map<String, String> environment) {
        Optional<Path> directory = CompiledRulebookCache.defaultDirectory(Objects.requireNonNull(environment,
                "environment"));
        keepSettings(directory, environment);
        return directory;
    }

    /** The kept settings and parses in {@code directory}, authenticated with the key file {@code environment} names. */
    private static void keepSettings(Optional<Path> directory, Map<String, String> environment) {
        Optional<CompiledRulebookCache> cache = directory.map(d -> CompiledRulebookCache.at(d, environment));
        KeptRulebookSettings.keepIn(cache);
        KeptDocumentParses.keepIn(cache);
    }

    /**
     * The cache directory the environment names, as {@link #cacheAcrossRuns} would use it, without
     * turning anything on (nor loading the rule engine).
     *
     * @param environment the process environment, usually {@link System#getenv()}
     * @return the directory, or empty when the environment turns the cache off
     * @since 0.1
     */
    public static Optional<Path> directory(Map<String, String> environment) {
        return CompiledRulebookCache.defaultDirectory(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Stops keeping compiled rulebooks (and validated settings) across runs in this process, undoing
     * {@link #cacheAcrossRuns} and {@link #keepValidatedSettings}: later compilations and loads neither
     * read nor write a cache directory.
     * Rulebooks already compiled stay in memory.
     *
     * @since 0.1
     */
    public static void noCacheAcrossRuns() {
        new DroolsGovernanceEngineFactory().useDiskCache(null);
        OpenedWorkspaces.listen(null);
        KeptRulebookSettings.keepIn(Optional.empty());
        KeptDocumentParses.keepIn(Optional.empty());
    }

    /**
     * Starts building, in a background daemon thread, the knowledge base of a governance engine
     * whose rulebook was served from the cache and not built yet (it is otherwise built the first
     * time the engine evaluates): for a caller that will run the governance gate soon and has other
     * work to do first, such as the gates before it. Changes no outcome: an evaluation waits for that
     * build, and one that failed in the background is done again, in the evaluating thread, with the
     * same checks and errors.
     *
     * @param engine an engine, as {@code GovernanceEngineFactory.create} returns it
     * @return whether a build was started: false for an engine built already or not this library's
     * @since 0.1
     */
    public static boolean buildAhead(GovernanceEngine engine) {
        return engine instanceof DroolsGovernanceEngine drools && drools.buildAhead();
    }

    /**
     * The fingerprint of this build of the engine (the JVM and the code of the compiler, Drools, the
     * fact classes and the policy-language check, which every compiled-rulebook key covers) followed
     * by the code of the given classes (their jar's, or class file's, path, size and modification
     * time): for the key of a result kept with {@link #storeResult}, so that another build never reads it.
     *
     * @param code the classes whose code the result depends on
     * @return the fingerprint text
     * @since 0.1
     */
    public static String fingerprint(List<Class<?>> code) {
        return CompiledRulebookCache.fingerprint(List.copyOf(code));
    }

    /**
     * Whether rule files are held to the policy language in this process (unless
     * {@code -Dplanning.rules.mode=trusted}), as the check decides it now: for the key of a result kept
     * with {@link #storeResult} that depends on it, so that a result computed with the check off is
     * never read with it on.
     *
     * @return true unless the policy-language check is turned off
     * @since 0.1
     */
    public static boolean policyLanguageChecked() {
        return CompiledRulebookCache.policyLanguageChecked();
    }

    /**
     * The operator's bounds in force in this process, as text (the rule engine's limits on evaluation
     * time, joins, rules and rulebook bytes, and the bound on text values of YAML files, each set by a
     * system property or environment variable), read on every call: for the key of a result kept with
     * {@link #storeResult} that a bound decides, so that a result kept under a looser bound is never read
     * under a stricter one.
     *
     * @return the bounds, as text
     * @throws dev.planning.api.PlanningException when a bound is not a number in range
     * @since 0.1
     */
    public static String operatorBounds() {
        return CompiledRulebookCache.operatorBounds();
    }

    /**
     * A command's result kept in a compiled-rulebook cache directory ({@code KEY.KIND}, e.g. the
     * command line's {@code planning lint}), when it checks out exactly as a compiled rulebook does:
     * the directory outside the workspace and the rulebook and private to its owner, the file
     * regular, owner-only, at most {@code maxBytes} and not tracked by git, its header naming the key
     * and its HMAC under the user's secret (in the key file {@code environment} names:
     * {@code $PLANNING_CACHE_KEY_FILE}, else {@code $XDG_STATE_HOME/planning/cache-key}, else
     * {@code ~/.local/state/planning/cache-key}). Anything else is empty: "compute again", never
     * "trust". The caller's key must cover every input of the result.
     *
     * @param directory the cache directory (as {@link #cacheAcrossRuns} returns it)
     * @param kind      what the result is, lower-case letters (not {@code bin} or {@code policy})
     * @param key       the result's key: 64 lower-case hex digits, a SHA-256 of every input
     * @param maxBytes  a larger file is not read
     * @param rulebook  the rulebook directory the result was computed with
     * @param workspace the workspace it was computed over
     * @param environment the environment naming the key file (as {@link #cacheAcrossRuns} was given),
     *     usually {@link System#getenv()}
     * @return the payload stored by {@link #storeResult}
     * @since 0.1
     */
    public static Optional<byte[]> readResult(Path directory, String kind, String key, long maxBytes, Path rulebook,
            Path workspace, Map<String, String> environment) {
        return CompiledRulebookCache.at(directory, environment).readResult(key, kind, magic(kind), maxBytes, rulebook,
                workspace);
    }

    /**
     * Keeps a command's result for {@link #readResult}: owner-only, atomically, with a header naming
     * the key and its HMAC under the user's secret (in the key file {@code environment} names, as for
     * {@link #readResult}); nothing is written where a compiled rulebook would not be, nor without a
     * usable secret.
     *
     * @param directory the cache directory
     * @param kind what the result is (its file extension), e.g. {@code lint}
     * @param key the result's key, over everything it depends on
     * @param payload the result's bytes
     * @param rulebook the rulebook directory, which the cache directory must lie outside
     * @param workspace the workspace directory, which the cache directory must lie outside
     * @param environment the environment naming the key file, usually {@link System#getenv()}
     * @return whether it was written
     * @since 0.1
     */
    public static boolean storeResult(Path directory, String kind, String key, byte[] payload, Path rulebook,
            Path workspace, Map<String, String> environment) {
        return CompiledRulebookCache.at(directory, environment).storeResult(key, kind, magic(kind), payload, rulebook,
                workspace);
    }

    /**
     * What the cache directory the environment names holds (as {@link #cacheAcrossRuns} names it): the
     * files the cache wrote there and their size, and the bound it is kept within ({@code
     * PLANNING_CACHE_MAX_BYTES}, default 256 MiB, a number of bytes or one with a {@code K}, {@code M} or
     * {@code G} suffix; {@code PLANNING_CACHE_MAX_FILES}, default 2,000). Whenever a process writes a new
     * file there, the least recently used files are deleted until the cache is within that bound again.
     *
     * @param environment the process environment, usually {@link System#getenv()}
     * @return the usage, or empty when the environment turns the cache off
     * @throws UncheckedIOException when the directory is a link, another user's or open to
     *     others (the cache neither uses nor sweeps such a directory), or cannot be listed; its message, one
     *     line, names the directory and why
     * @since 0.1
     */
    public static Optional<CacheUsage> cacheUsage(Map<String, String> environment) {
        return CompiledRulebookCache.defaultDirectory(Objects.requireNonNull(environment, "environment"))
                .map(directory -> usage(directory, environment, false));
    }

    /**
     * Deletes every file the cache wrote in the directory the environment names (compiled rulebooks,
     * verdicts, kept settings, parses and results, temporary files) and nothing else: no link, no file
     * of another user or open to others, no file git tracks, nothing the cache does not name. A missing
     * directory is left missing. The next commands compute everything again.
     *
     * @param environment the process environment, usually {@link System#getenv()}
     * @return what was deleted, or empty when the environment turns the cache off
     * @throws UncheckedIOException when the directory is a link, another user's or open to
     *     others (nothing is deleted), or cannot be listed; its message, one line, names the
     *     directory and why
     * @since 0.1
     */
    public static Optional<CacheUsage> clearCache(Map<String, String> environment) {
        return CompiledRulebookCache.defaultDirectory(Objects.requireNonNull(environment, "environment"))
                .map(directory -> usage(directory, environment, true));
    }

    private static CacheUsage usage(Path directory, Map<String, String> environment, boolean clear) {
        CompiledRulebookCache cache = CompiledRulebookCache.at(directory, environment);
        try {
            long[] counted = clear ? cache.clear() : cache.usage();
            return new CacheUsage(cache.directory(), counted[0], counted[1], cache.maxBytes(), cache.maxFiles());
        } catch (IOException e) {
            // One line: the directory quoted once, why in words; the exception's message repeated the path raw (msg44).
            throw new UncheckedIOException(Shown.path(cache.directory()) + ": " + Shown.reason(e), e);
        }
    }

    private static String magic(String kind) {
        return "planning-kept-result " + kind + " 1";
    }
}
