package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * SPEC §8 against what the command line keeps across runs (sixth review): a kept {@code planning lint}
 * result is what lint says for exactly these inputs, never what it said under another policy mode.
 *
 * <p>Isolated: the policy-language mode is a system property, which is process-wide.
 */
@Tag("slow")
@Tag("attack")
@Isolated
class KeptResultsAttackTest {

    private static final String MODE = "planning.rules.mode";

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
}
