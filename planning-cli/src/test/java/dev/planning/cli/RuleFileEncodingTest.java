package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seventeenth review: a rule file is UTF-8 and is compiled as UTF-8 whatever the process's locale.
 * Drools' parser read the DRL bytes in the JVM's default charset, which on Java 17 under
 * {@code LC_ALL=C} (a CI container's default) is US-ASCII: the rule literal "Z&uuml;rich" became
 * "Z", two U+FFFD and "rich", so a policy about that zone matched nothing there and the gate passed, where
 * a run under a UTF-8 locale refused the same plan. The policy check read the same bytes as UTF-8.
 */
class RuleFileEncodingTest {

    private static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    private static final String RULE = """
            package team.residency;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;

            rule "zurich-residency"
                @severity(CRITICAL)
            when
                $t : TaskFact(tag("zone") == "Z\u00FCrich")
            then
                insert(Report.violation(kcontext, $t, $t.id() + " runs in Z\u00FCrich, where no work is handed off this quarter"));
            end
            """;

    @TempDir
    Path temp;

    @Test
    void aRuleWithANonAsciiLiteralJudgesAlikeUnderAnAsciiDefaultCharset() throws IOException {
        Path workspace = CliRun.copyOf("fe-critical", temp.resolve("fe-critical"));
        Files.writeString(workspace.resolve("rulebook/rules/residency.drl"), RULE, StandardCharsets.UTF_8);
        Path plan = workspace.resolve(TASKS);
        String text = Files.readString(plan, StandardCharsets.UTF_8);
        // FE-12 gets its third approval (so the shipped rules pass it) and a zone; nothing else holds it back.
        String before = "approvals: [pm-dana, techlead-erik]";
        String tags = "tags: {criticality: 0, compliance: gdpr, data_classification: restricted}";
        assertThat(text).contains(before).contains(tags);
        Files.writeString(plan, text.replace(before, "approvals: [pm-dana, techlead-erik, qa-fay]")
                .replace(tags, "tags: {criticality: 0, compliance: gdpr, data_classification: restricted, zone: Z\u00FCrich}"),
                StandardCharsets.UTF_8);
        String[] gate = {"gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
            "READY_FOR_HANDOFF", "--format", "json"};

        CliRun utf8 = CliRun.inChild(ChildProcesses.java("-Dfile.encoding=UTF-8", "-cp",
                System.getProperty("java.class.path"), PlanningCommand.class.getName()), Map.of("PLANNING_NO_CACHE", "1"),
                gate);
        CliRun ascii = CliRun.inChild(ChildProcesses.java("-Dfile.encoding=US-ASCII", "-cp",
                System.getProperty("java.class.path"), PlanningCommand.class.getName()), Map.of("PLANNING_NO_CACHE", "1"),
                gate);

        assertThat(utf8.exitCode()).as(utf8.out() + utf8.err()).isEqualTo(1);
        assertThat(utf8.out()).contains("zurich-residency").contains("FE-12 runs in Z\u00FCrich, where");
        assertThat(ascii.exitCode()).as(ascii.out() + ascii.err()).isEqualTo(1);
        assertThat(ascii.out()).contains("zurich-residency").contains("FE-12 runs in Z\u00FCrich, where");
    }

    /** A rule file saved as Latin-1 (one byte for the u with diaeresis) is refused at that byte, exit 2. */
    @Test
    void aRuleFileThatIsNotUtf8IsRefusedAtItsFirstMalformedByte() throws IOException {
        Path workspace = CliRun.copyOf("fe-critical", temp.resolve("latin1"));
        Files.write(workspace.resolve("rulebook/rules/residency.drl"), RULE.getBytes(StandardCharsets.ISO_8859_1));

        CliRun run = CliRun.of("gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("rulebook/rules/residency.drl:9:36: ").contains("rule file is not UTF-8: byte 0xFC");
    }

    /**
     * lint35: a rule file that starts with a UTF-8 byte-order mark passed the policy check, then Drools refused it
     * ("[ERR 101] Line 1:0 no viable alternative at input ''", exit 2) in lint, gate and rules test alike. The mark is
     * dropped, as every planning file's: each command says what it says of the same rulebook without it.
     */
    @Test
    void aRuleFileThatStartsWithAByteOrderMarkIsJudgedAsWithoutItByLintGateAndRulesTest() throws IOException {
        Path plain = CliRun.copyOf("fe-critical", temp.resolve("plain"));
        Path marked = CliRun.copyOf("fe-critical", temp.resolve("marked"));
        Path hygiene = marked.resolve("rulebook/rules/hygiene.drl");
        Files.writeString(hygiene, "\uFEFF" + Files.readString(hygiene, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        List<Function<Path, String[]>> commands = List.of(
                w -> new String[] {"lint", "-w", w.toString()},
                w -> new String[] {"gate", "-w", w.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                    "READY_FOR_HANDOFF"},
                w -> new String[] {"rules", "test", w.resolve("rulebook").toString()});

        for (Function<Path, String[]> command : commands) {
            CliRun expected = CliRun.of(command.apply(plain));
            CliRun run = CliRun.of(command.apply(marked));

            assertThat(run.exitCode()).as(String.join(" ", command.apply(marked)) + "\n" + run.out() + run.err())
                    .isEqualTo(expected.exitCode());
            assertThat(run.err()).doesNotContain("ERR 101");
            assertThat(run.out().replace(marked.toString(), "WORKSPACE"))
                    .isEqualTo(expected.out().replace(plain.toString(), "WORKSPACE"));
        }
    }
}
