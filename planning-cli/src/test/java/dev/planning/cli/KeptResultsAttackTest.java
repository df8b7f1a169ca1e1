package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * SPEC §8 against what the command line keeps across runs (sixth review): a kept {@code planning lint}
 * result is what lint says for exactly these inputs, never what it said under another policy mode,
 * nor under looser operator bounds (attack29: the bounds were not in the key, so a result kept under
 * the defaults was printed as "passed" under a bound lint refuses the workspace for).
 *
 * <p>Isolated: the policy-language mode and the operator's bounds are system properties, which are
 * process-wide.
 */
@Tag("slow")
@Tag("attack")
@Isolated
class KeptResultsAttackTest {

    private static final String MODE = "planning.rules.mode";
    private static final String MAX_RULES = "planning.rules.maxRules";
    private static final String MAX_VALUE_LENGTH = "planning.documents.maxValueLength";

    @TempDir
    Path dir;

    private Path workspace;

    @BeforeEach
    void keepResultsInATemporaryCache() {
        workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        LintResultCache.acrossRuns(Optional.of(dir.resolve("cache")), LintResultCacheTest.BUILD_KEY_FILE, () -> { });
    }

    @AfterEach
    void restore() {
        LintResultCache.noCacheAcrossRuns();
        System.clearProperty(MODE);
        System.clearProperty(MAX_RULES);
        System.clearProperty(MAX_VALUE_LENGTH);
    }

    private CliRun lint() {
        List<String> args = new ArrayList<>(List.of("lint", "-w", workspace.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aResultKeptWithThePolicyCheckOffIsNotPrintedWithItOn() throws IOException {
        Path rule = workspace.resolve("rulebook/rules/hygiene.drl");
        Files.writeString(rule, Files.readString(rule)
                + "\nrule \"outside the language\" when then System.out.println(\"x\"); end\n");
        System.setProperty(MODE, "trusted");
        CliRun trusted = lint();
        System.clearProperty(MODE);

        int served = LintResultCache.served();
        CliRun restricted = lint();

        assertThat(trusted.exitCode()).isZero();
        assertThat(LintResultCache.served()).isEqualTo(served);
        assertThat(restricted.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(restricted.err()).contains("hygiene.drl");
    }

    /**
     * In child JVMs, as the command line runs: the rule bound is checked as the rulebook compiles, which
     * this test JVM did once for the example's rulebook already.
     */
    @Test
    void aResultKeptUnderTheDefaultRuleBoundIsNotPrintedUnderALowerOne() {
        // The build turns the cache off for child processes (PLANNING_NO_CACHE): on again, in this test's directory.
        Map<String, String> cache = Map.of("PLANNING_NO_CACHE", "", "PLANNING_CACHE_DIR",
                dir.resolve("child-cache").toString());
        Map<String, String> bounded = new HashMap<>(cache);
        bounded.put("PLANNING_RULES_MAX_RULES", "1");

        CliRun kept = CliRun.inChildJvm(cache, "lint", "-w", workspace.toString());
        CliRun again = CliRun.inChildJvm(cache, "lint", "-w", workspace.toString());
        CliRun underTheBound = CliRun.inChildJvm(bounded, "lint", "-w", workspace.toString());

        assertThat(kept.exitCode()).isZero();
        assertThat(again).isEqualTo(kept);
        assertThat(underTheBound.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(underTheBound.err()).contains("more than the operator's bound of 1");
    }

    @Test
    void aResultKeptUnderTheDefaultValueLengthIsNotPrintedUnderALowerOne() {
        CliRun kept = lint();
        System.setProperty(MAX_VALUE_LENGTH, "5");

        int served = LintResultCache.served();
        CliRun bounded = lint();

        assertThat(kept.exitCode()).isZero();
        assertThat(LintResultCache.served()).isEqualTo(served);
        assertThat(bounded.exitCode()).isNotZero();
        assertThat(bounded.out() + bounded.err()).contains("characters long");
    }

    @Test
    void aResultKeptUnderALowerRuleBoundIsNotPrintedUnderTheDefault() {
        System.setProperty(MAX_RULES, "1000");
        CliRun kept = lint();
        System.clearProperty(MAX_RULES);

        int served = LintResultCache.served();
        CliRun unbounded = lint();

        assertThat(kept.exitCode()).isZero();
        assertThat(unbounded.exitCode()).isZero();
        assertThat(LintResultCache.served()).isEqualTo(served);
    }
}
