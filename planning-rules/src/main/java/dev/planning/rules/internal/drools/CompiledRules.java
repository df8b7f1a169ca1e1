package dev.planning.rules.internal.drools;

import dev.planning.api.SourceLocation;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

/**
 * The compiled rules of one rulebook in this process: its Drools knowledge base, either built
 * already or built lazily, at most once, the first time a session is really needed
 * ({@link DroolsGovernanceEngine#evaluate}, {@link DroolsGovernanceEngine#ruleNames}).
 *
 * <p>The lazy form exists for a command that only needs to know that a rulebook compiles
 * ({@code planning lint}): {@link RulebookCompiler} returns it only when the disk cache holds, for
 * exactly the rule files' bytes and this build of the engine, both a valid compiled entry
 * ({@link CompiledRulebookCache#holds}) and a stored policy-language verdict
 * ({@link CompiledRulebookCache#policyPassed}). Skipping the build then changes no outcome: an
 * entry is written only right after those bytes compiled without error and passed the severity
 * check, and a verdict only right after the policy-language check passed on them, so "the rulebook
 * compiles" is exactly what the skipped work would compute from the same bytes. When the base is
 * built later, the entry is read and checked again (key, payload hash, class filter); an entry that
 * no longer checks out means "compile again from the bytes read", whose errors surface then as
 * {@link dev.planning.api.InvalidInputException}, never as a pass.
 *
 * <p>They also know where each rule is declared ({@link #declaration}): Drools' compiled rules keep
 * their file but no line, so the line and column of each {@code rule "name"} come from the bytes
 * that were compiled ({@link RulebookCompiler#declarations}), read whether the base was compiled
 * now or loaded from the disk cache.
 */
final class CompiledRules {

    private final Supplier<KieBase> build;
    private final Function<Rule, SourceLocation> declared;
    private volatile KieBase base;

    private CompiledRules(KieBase base, Supplier<KieBase> build, Function<Rule, SourceLocation> declared) {
        this.base = base;
        this.build = build;
        this.declared = Objects.requireNonNull(declared, "declared");
    }

    /** Rules whose knowledge base is built already, each located at its file alone. */
    static CompiledRules built(KieBase base) {
        return built(base, rule -> SourceLocation.ofFile(RulebookCompiler.fileOf(rule)));
    }

    /** Rules whose knowledge base is built already, each declared where {@code declared} finds it. */
    static CompiledRules built(KieBase base, Function<Rule, SourceLocation> declared) {
        return new CompiledRules(Objects.requireNonNull(base, "base"), null, declared);
    }

    /**
     * Rules whose knowledge base {@code build} makes on first use; a build that throws is not
     * remembered (the next use tries again), a build that returns is never repeated.
     */
    static CompiledRules lazy(Supplier<KieBase> build) {
        return lazy(build, rule -> SourceLocation.ofFile(RulebookCompiler.fileOf(rule)));
    }

    /** As {@link #lazy(Supplier)}, each rule declared where {@code declared} finds it. */
    static CompiledRules lazy(Supplier<KieBase> build, Function<Rule, SourceLocation> declared) {
        return new CompiledRules(null, Objects.requireNonNull(build, "build"), declared);
    }

    /**
     * Where a rule of this base is declared: the file, line and column of its {@code rule "name"}
     * in the bytes compiled; its file alone when its declaration cannot be found.
     */
    SourceLocation declaration(Rule rule) {
        return declared.apply(rule);
    }

    /** The knowledge base, built now if it was not yet (at most once, whatever the threads). */
    KieBase kieBase() {
        KieBase current = base;
        if (current == null) {
            synchronized (this) {
                current = base;
                if (current == null) {
                    current = Objects.requireNonNull(build.get(), "built knowledge base");
                    base = current;
                }
            }
        }
        return current;
    }

    /**
     * Starts building the knowledge base in a daemon thread when it is not built yet, for a caller
     * that will need it soon and has other work to do meanwhile (a command about to run the gates
     * before the governance gate). {@link #kieBase()} then waits for that build rather than starting
     * its own; a build that fails in the background is forgotten, and the next {@link #kieBase()}
     * builds again in its own thread, so its error surfaces where it would have without this.
     *
     * @return whether a build was started (false when the base is built already)
     */
    boolean buildAhead() {
        if (base != null) {
            return false;
        }
        Thread ahead = new Thread(() -> {
            try {
                kieBase();
            } catch (Throwable e) {
                // Forgotten on purpose: the caller's own kieBase() builds again and throws in its thread.
            }
        }, "planning-rules-build-ahead");
        ahead.setDaemon(true);
        ahead.start();
        return true;
    }

    /** Whether the knowledge base has been built (for tests). */
    boolean isBuilt() {
        return base != null;
    }
}
