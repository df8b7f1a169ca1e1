package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack29: the compiled-rulebook cache's key named the rule files' bytes and the engine's code, not the
 * parser Drools compiled them with. With the policy check off ({@code -Dplanning.rules.mode=trusted}),
 * Drools' DRL10 parser may compile a rulebook ({@code -Ddrools.drl.antlr4.parser.enabled=true}), and its
 * entry was then served to the next run with the check on, whose check had read the same bytes as DRL6
 * (what DRL10 makes of them was never compared with the check: attack25). Drools reads the switch once
 * per JVM, so only child JVMs show it.
 */
@Tag("slow")
@Tag("attack")
class ParserSwitchCacheAttackTest {

    @TempDir
    Path dir;

    @Test
    void anEntryCompiledUnderDrl10IsNotServedToARunWithThePolicyCheckOn() throws IOException {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");

        CliRun drl10 = lint(cache, workspace, "-Dplanning.rules.mode=trusted", "-Ddrools.drl.antlr4.parser.enabled=true");
        List<Path> afterDrl10 = entries(cache);
        CliRun checked = lint(cache, workspace);

        assertThat(drl10.exitCode()).as(drl10.err()).isZero();
        assertThat(afterDrl10).hasSize(1);
        assertThat(checked.exitCode()).as(checked.err()).isZero();
        // Compiled again under its own key, beside the DRL10 entry, rather than read from it.
        assertThat(entries(cache)).hasSize(2).containsAll(afterDrl10);
    }

    /** {@code planning lint} in a child JVM with these options, its compiled rulebooks kept in {@code cache}. */
    private static CliRun lint(Path cache, Path workspace, String... options) {
        List<String> command = new ArrayList<>(List.of(options));
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        // The build turns the cache off for child processes (PLANNING_NO_CACHE): on again, in this test's directory.
        return CliRun.inChild(new ArrayList<>(ChildProcesses.java(command.toArray(String[]::new))),
                Map.of("PLANNING_NO_CACHE", "", "PLANNING_CACHE_DIR", cache.toString()), "lint", "-w",
                workspace.toString());
    }

    /** The compiled-rulebook entries in the cache directory. */
    private static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
    }
}
