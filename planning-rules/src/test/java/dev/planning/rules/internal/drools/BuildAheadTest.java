package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.CompiledRulebooks;
import dev.planning.rules.TestRulebooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;

/**
 * A knowledge base built ahead in the background ({@link CompiledRules#buildAhead},
 * {@link CompiledRulebooks#buildAhead}) is the one the engine then evaluates with, built once; a
 * background build that fails is done again by the caller, whose error it then is.
 */
class BuildAheadTest {

    @TempDir
    Path temp;

    @Test
    void theBaseBuiltAheadIsTheOneTheCallerGetsAndItIsBuiltOnce() throws Exception {
        KieBase base = new RulebookCompiler(getClass().getClassLoader()).compile(rulebook()).kieBase();
        List<Thread> builders = new CopyOnWriteArrayList<>();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompiledRules rules = CompiledRules.lazy(() -> {
            builders.add(Thread.currentThread());
            building.countDown();
            await(release);
            return base;
        });

        assertThat(rules.buildAhead()).isTrue();
        // The background build is under way (holding the base's lock) before the caller asks for it.
        assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();

        assertThat(rules.kieBase()).isSameAs(base);
        assertThat(rules.kieBase()).isSameAs(base);
        assertThat(builders).hasSize(1);
        assertThat(builders.get(0)).isNotSameAs(Thread.currentThread());
        assertThat(builders.get(0).getName()).isEqualTo("planning-rules-build-ahead");
        // Built already: nothing more is started.
        assertThat(rules.buildAhead()).isFalse();
    }

    @Test
    void aBackgroundBuildThatFailsIsDoneAgainByTheCallerWhoseErrorItIs() throws InterruptedException {
        Thread caller = Thread.currentThread();
        List<Thread> builders = new CopyOnWriteArrayList<>();
        CountDownLatch failedInBackground = new CountDownLatch(1);
        CompiledRules rules = CompiledRules.lazy(() -> {
            builders.add(Thread.currentThread());
            if (Thread.currentThread() != caller) {
                failedInBackground.countDown();
            }
            throw new IllegalStateException("cannot build in " + Thread.currentThread().getName());
        });

        assertThat(rules.buildAhead()).isTrue();
        assertThat(failedInBackground.await(10, TimeUnit.SECONDS)).isTrue();
        waitForBackground(builders);

        assertThatThrownBy(rules::kieBase).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot build in " + Thread.currentThread().getName());
        assertThat(builders).hasSize(2).contains(Thread.currentThread());
        assertThat(rules.isBuilt()).isFalse();
    }

    @Test
    void anEngineServedFromTheCacheIsBuiltAheadAndDecidesAsOneBuiltOnFirstUse() throws IOException {
        Rulebook rulebook = rulebook();
        CompiledRulebookCache cache = CompiledRulebookCache.at(temp.resolve("cache"));
        RulebookCompiler first = new RulebookCompiler(getClass().getClassLoader());
        first.useDiskCache(cache);
        GovernanceDecision expected = new DroolsGovernanceEngine(rulebook, first.compile(rulebook))
                .evaluate(input(goodTask("FE-1").owner(null).build()));
        RulebookCompiler later = new RulebookCompiler(getClass().getClassLoader());
        later.useDiskCache(CompiledRulebookCache.at(temp.resolve("cache")));
        CompiledRules rules = later.compile(rulebook);
        DroolsGovernanceEngine engine = new DroolsGovernanceEngine(rulebook, rules);
        assertThat(rules.isBuilt()).isFalse();

        assertThat(CompiledRulebooks.buildAhead(engine)).isTrue();
        GovernanceDecision decision = engine.evaluate(input(goodTask("FE-1").owner(null).build()));

        assertThat(decision).isEqualTo(expected);
        assertThat(CompiledRulebooks.buildAhead(engine)).isFalse();
    }

    /**
     * Review of 2026-12-03: the rule files change on disk, and the cache entry is spoiled, between the
     * check of the rulebook and the background build. The build uses the bytes that were checked
     * (read once, the entry's key taken over them), never the files as they are now: the decision is
     * the checked rules', and the spoiled entry means "compile those bytes again".
     */
    @Test
    void aBuildAheadUsesTheBytesThatWereCheckedNotTheFilesAsTheyAreNow() throws IOException {
        Rulebook rulebook = rulebook();
        Path cacheDir = temp.resolve("cache");
        RulebookCompiler first = new RulebookCompiler(getClass().getClassLoader());
        first.useDiskCache(CompiledRulebookCache.at(cacheDir));
        GovernanceDecision expected = new DroolsGovernanceEngine(rulebook, first.compile(rulebook))
                .evaluate(input(goodTask("FE-1").owner(null).build()));
        assertThat(expected.violations()).isNotEmpty();
        RulebookCompiler later = new RulebookCompiler(getClass().getClassLoader());
        later.useDiskCache(CompiledRulebookCache.at(cacheDir));
        CompiledRules rules = later.compile(rulebook);
        assertThat(rules.isBuilt()).isFalse();

        Files.writeString(rulebook.directory().resolve("rules/a.drl"), "package broken; rule \"x\" when then end oops");
        try (Stream<Path> entries = Files.walk(cacheDir)) {
            for (Path entry : entries.filter(Files::isRegularFile).toList()) {
                Files.write(entry, new byte[] {1, 2, 3});
            }
        }
        DroolsGovernanceEngine engine = new DroolsGovernanceEngine(rulebook, rules);
        assertThat(CompiledRulebooks.buildAhead(engine)).isTrue();

        assertThat(engine.evaluate(input(goodTask("FE-1").owner(null).build()))).isEqualTo(expected);
    }

    @Test
    void anEngineNotOfThisLibraryIsLeftAlone() {
        GovernanceEngine foreign = input -> {
            throw new AssertionError("not evaluated");
        };

        assertThat(CompiledRulebooks.buildAhead(foreign)).isFalse();
    }

    private Rulebook rulebook() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("workspace").resolve("rulebook"));
        return TestRulebooks.withRules(directory, Map.of("rules/a.drl", OwnerRequiredRule.DRL), Map.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the background thread, the first builder, has ended. */
    private static void waitForBackground(List<Thread> builders) throws InterruptedException {
        builders.get(0).join(10_000);
    }
}
