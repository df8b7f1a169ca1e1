package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * attack25 left open that {@code -Ddrools.drl.antlr4.parser.enabled=true} switches Drools to its DRL10
 * parser, which the policy check (written against the default DRL6 reading) was never compared with. Drools
 * reads the property once per JVM, so only a child JVM shows the refusal; the same run without it shows that
 * the property, not the rulebook, is what is refused.
 */
@Tag("slow")
@Tag("subprocess")
class Drl10ParserRefusedTest {

    private static final String RULEBOOK = CliRun.example("fe-2025-09-02").resolve("rulebook").toString();

    @Test
    void aRulebookIsNotCompiledUnderDroolsDrl10Parser() {
        CliRun run = child(List.of("-Ddrools.drl.antlr4.parser.enabled=true"), "rules", "test", RULEBOOK);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("Drools' DRL10 parser is switched on (-Ddrools.drl.antlr4.parser.enabled=true)")
                .contains("no rulebook is compiled under a parser the check was not made for");
        assertThat(run.out()).doesNotContain("passed");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void theSameRulebookPassesItsTestsUnderTheDefaultParser() {
        CliRun run = child(List.of(), "rules", "test", RULEBOOK);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).doesNotContain("DRL10");
    }

    /** The CLI in a child JVM with these options, leaving no cache behind. */
    private static CliRun child(List<String> options, String... args) {
        List<String> command = new ArrayList<>(options);
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        return CliRun.inChild(new ArrayList<>(ChildProcesses.java(command.toArray(String[]::new))),
                Map.of("PLANNING_NO_CACHE", "1"), args);
    }
}
