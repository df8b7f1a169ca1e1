package dev.planning.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.rules.internal.drools.CompiledRulebookCache;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.nio.file.Path;
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
 * @since 0.2
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class CompiledRulebooks {

    private CompiledRulebooks() {
    }

    /**
     * Keeps compiled rulebooks, for the rest of this process, in the cache directory the
     * environment names: {@code PLANNING_CACHE_DIR}, else {@code $XDG_CACHE_HOME/planning}, else
     * {@code ~/.cache/planning}; none when {@code PLANNING_NO_CACHE=1}.
     *
     * @param environment the process environment, usually {@link System#getenv()}
     * @return the cache directory in use, or empty when the environment turns the cache off
     */
    public static Optional<Path> cacheAcrossRuns(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        Optional<Path> directory = CompiledRulebookCache.defaultDirectory(environment);
        directory.ifPresent(d -> new DroolsGovernanceEngineFactory().useDiskCache(CompiledRulebookCache.at(d)));
        return directory;
    }

    /**
     * Stops keeping compiled rulebooks across runs in this process, undoing
     * {@link #cacheAcrossRuns}: later compilations neither read nor write a cache directory.
     * Rulebooks already compiled stay in memory.
     *
     * @since 0.2
     */
    public static void noCacheAcrossRuns() {
        new DroolsGovernanceEngineFactory().useDiskCache(null);
    }
}
