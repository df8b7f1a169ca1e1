package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rulebook cannot run code, forge the exit code, or hang the CLI: the issue's payloads are
 * refused at load time by {@code rules test} and {@code gate}; a process exit from inside
 * evaluation ends non-zero; an evaluation past its time or memory ends with one line and exit 2.
 */
class RulebookSafetyTest {

    private static final String CRITICAL = "rulebook/rules/critical.drl";

    /** The three payloads of issue 12, each appended as the consequence of a new rule. */
    private static final List<String> PAYLOADS = List.of(
            "// reviewed: no side effects \\u000a Runtime.getRuntime().exec(new String[]{\"sh\",\"-c\",\"id > /tmp/x\"});",
            "String a = \"\\u0022 + Runtime.getRuntime().exec(cmd) + \\u0022\";",
            "// \\u000a System.exit(0);");

    @TempDir
    Path dir;

    private Path workspace() {
        return CliRun.copyOf("fe-critical", dir.resolve("ws"));
    }

    private static void addRule(Path ws, String consequence) throws IOException {
        addRule(ws, "payload", "TaskFact()", consequence);
    }

    /** A rule {@code name} matching {@code $t : pattern}, then {@code consequence}, after the file's rules. */
    private static void addRule(Path ws, String name, String pattern, String consequence) throws IOException {
        Path file = ws.resolve(CRITICAL);
        Files.writeString(file, Files.readString(file) + "\nrule \"" + name + "\"\nwhen\n    $t : " + pattern + "\nthen\n    "
                + consequence + "\nend\n", StandardCharsets.UTF_8);
    }

    private static String[] gate(Path ws) {
        return new String[] {"gate", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
            "READY_FOR_HANDOFF"};
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void rulesTestRefusesEachPayloadOfTheIssueAtLoadWithItsLocation(int payload) throws IOException {
        Path ws = workspace();
        addRule(ws, PAYLOADS.get(payload));
        int lines = Files.readString(ws.resolve(CRITICAL)).split("\n", -1).length;

        CliRun run = CliRun.of("rules", "test", ws.resolve("rulebook").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).containsPattern("rules/critical\\.drl:" + (lines - 2) + ":\\d+: unicode escape")
                .doesNotContain("internal error");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void gateRefusesEachPayloadOfTheIssueAtLoad(int payload) throws IOException {
        Path ws = workspace();
        addRule(ws, PAYLOADS.get(payload));

        CliRun run = CliRun.of(gate(ws));

        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
        assertThat(run.out() + run.err()).contains("rules/critical.drl:").contains("unicode escape");
    }

    /**
     * attack31: a consequence that throws ({@code Report.violation} given a {@code null} message) ended the evaluation
     * with Drools' {@code ConsequenceException}: {@code rules test} an internal error (exit 3), {@code gate} a
     * "crashed" gate quoting the exception's class. Now a located {@code governance.evaluation} error: the gate fails
     * (exit 1, as for a rule that fires without end), and so does the rule test's case, each at the rule's
     * {@code rule "name"} line, naming the rule and what it threw; no stack trace.
     */
    @Test
    void aConsequenceThatThrowsFailsTheGateAndTheRuleTestsAtTheRuleNotAsAnInternalError() throws IOException {
        Path ws = workspace();
        addRule(ws, "insert(Report.violation(kcontext, $t, null));");
        int line = Files.readAllLines(ws.resolve(CRITICAL), StandardCharsets.UTF_8).indexOf("rule \"payload\"") + 1;

        CliRun gate = CliRun.of(gate(ws));
        CliRun tests = CliRun.of("rules", "test", ws.resolve("rulebook").toString());

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(1);
        assertThat(gate.out()).contains("governance.evaluation").contains(CRITICAL + ":" + line + ":1")
                .contains("rule 'payload' failed in its consequence (then): NullPointerException: message");
        assertThat(tests.exitCode()).as(tests.out() + tests.err()).isEqualTo(1);
        assertThat(tests.out()).contains("! error: rules/critical.drl:" + line + ":1: rule 'payload' failed in its"
                + " consequence");
        for (CliRun run : List.of(gate, tests)) {
            assertThat(run.out() + run.err()).doesNotContain("internal error").doesNotContain("ConsequenceException")
                    .doesNotContain("crashed");
            assertThat(run.printedStackTrace()).isFalse();
        }
    }

    /**
     * A condition that throws while matching (a substring past a task id's end) ended as Drools' {@code
     * ConstraintEvaluationException}: a crashed gate. Now a {@code governance.evaluation} error naming the
     * constraint and its rule, at the rule's line as for a throwing consequence; no stack trace.
     */
    @Test
    void aConditionThatThrowsWhileMatchingFailsTheGateNamingTheConstraintNotAsAnInternalError() throws IOException {
        Path ws = workspace();
        addRule(ws, "payload", "TaskFact(id.substring(1000).isEmpty())", "");
        int line = Files.readAllLines(ws.resolve(CRITICAL), StandardCharsets.UTF_8).indexOf("rule \"payload\"") + 1;

        CliRun gate = CliRun.of(gate(ws));

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(1);
        assertThat(gate.out()).contains(CRITICAL + ":" + line + ":1")
                .contains("governance.evaluation").contains("a rule's condition failed while matching")
                .contains("id.substring(1000)").contains("payload");
        assertThat(gate.out() + gate.err()).doesNotContain("internal error").doesNotContain("ConstraintEvaluationException")
                .doesNotContain("crashed");
        assertThat(gate.printedStackTrace()).isFalse();
    }

    @Test
    @Tag("slow")
    @Tag("hostile")
    void rulesTestStopsAnEvaluationPastTheRulebooksTimeLimitWithOneLineAndExit2() throws IOException {
        Path ws = workspace();
        echoForever(ws);

        CliRun run = CliRun.of("rules", "test", ws.resolve("rulebook").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n")
                .startsWith("error: rulebook " + ws.resolve("rulebook"))
                .contains("did not reach a decision within 1 s");
    }

    @Test
    void gateStopsAnEvaluationPastTheRulebooksTimeLimitWithOneLineAndExit2() throws IOException {
        Path ws = workspace();
        echoForever(ws);

        CliRun run = CliRun.of(gate(ws));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("did not reach a decision within 1 s");
    }

    @Test
    @Tag("slow")
    @Tag("hostile")
    void advanceStopsAnEvaluationPastTheRulebooksTimeLimitWithOneLineAndExit2() throws IOException {
        Path ws = workspace();
        echoForever(ws);
        String[] args = gate(ws);
        args[0] = "advance";

        CliRun run = CliRun.of(args);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("did not reach a decision within 1 s");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    @Tag("hostile")
    void gateRefusesARuleWhoseJoinExceedsTheOperatorsBoundBeforeEvaluatingWithOneLineAndExit2() throws Exception {
        Path ws = workspace();
        Path file = ws.resolve(CRITICAL);
        // Every task × every task × every task: 216 combinations of the workspace's 6 tasks.
        Files.writeString(file, Files.readString(file) + "\nrule \"cube\"\nwhen\n    $a : TaskFact()\n    $b : TaskFact()\n"
                + "    $c : TaskFact(approvals > $a.approvals() + $b.approvals() + 1000)\nthen\n"
                + "    insert(Report.violation(kcontext, $c, \"never\"));\nend\n", StandardCharsets.UTF_8);

        Child child = runCli(List.of("-Dplanning.rules.maxJoinCombinations=100"), gate(ws));

        assertThat(child.exit()).as(child.output()).isEqualTo(2);
        assertThat(child.output().strip()).doesNotContain("\n")
                .contains("rule 'cube' (rules/critical.drl) may join 216 combinations of facts"
                        + " (TaskFact 6 × TaskFact 6 × TaskFact 6), more than 100 (planning.rules.maxJoinCombinations)");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    @Tag("hostile")
    void theOperatorsTimeLimitBoundsARulebookThatAsksForADay() throws Exception {
        Path ws = workspace();
        echoForever(ws);
        Path yaml = ws.resolve("rulebook/rulebook.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("max_evaluation_seconds: 1", "max_evaluation_seconds: 86400"));

        Child child = runCli(List.of("-Dplanning.rules.maxEvaluationSeconds=1"), gate(ws));

        assertThat(child.exit()).as(child.output()).isEqualTo(2);
        assertThat(child.output().strip()).doesNotContain("\n")
                .contains("did not reach a decision within 1 s (the operator's planning.rules.maxEvaluationSeconds)");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void anOperatorLimitThatIsNotANumberEndsWithOneLineAndExit2() throws Exception {
        Child child = runCli(List.of("-Dplanning.rules.maxEvaluationSeconds=ten"), gate(workspace()));

        assertThat(child.exit()).as(child.output()).isEqualTo(2);
        assertThat(child.output().strip()).isEqualTo("error: operator limit planning.rules.maxEvaluationSeconds"
                + " (or PLANNING_RULES_MAX_EVALUATION_SECONDS) is 'ten'; expected a number of seconds from 0.001 to 86400");
    }

    @Test
    void rulesTestRefusesAPatternThatNeedsBacktrackingAtLoadWithItsLocation() throws IOException {
        Path ws = workspace();
        Path file = ws.resolve(CRITICAL);
        addRule(ws, "echo-owner", "TaskFact(owner matches \"(a+)\\\\1\")", "insert(Report.violation(kcontext, $t, \"x\"));");
        int lines = Files.readString(file).split("\n", -1).length;

        CliRun run = CliRun.of("rules", "test", ws.resolve("rulebook").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("rules/critical.drl:" + (lines - 4) + ":19: matches \"(a+)\\1\": pattern is not"
                + " RE2 syntax").contains("no back-references").doesNotContain("internal error");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void gateRefusesARulebookOverTheOperatorsRuleBoundBeforeCompilingWithOneLineAndExit2() throws Exception {
        Path ws = workspace();

        Child child = runCli(List.of("-Dplanning.rules.maxRules=1"), gate(ws));

        assertThat(child.exit()).as(child.output()).isEqualTo(2);
        assertThat(child.output().strip()).doesNotContain("\n")
                .containsPattern("rulebook .*rulebook: its rule files declare \\d+ rules \\(the words rule and query,"
                        + " counted before compiling\\), more than the operator's bound of 1 \\(planning.rules.maxRules"
                        + " or PLANNING_RULES_MAX_RULES\\); nothing was compiled");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void aCompileBoundThatIsNotAWholeNumberEndsWithOneLineAndExit2() throws Exception {
        Child child = runCli(List.of("-Dplanning.rules.maxRulebookBytes=8MiB"), gate(workspace()));

        assertThat(child.exit()).as(child.output()).isEqualTo(2);
        assertThat(child.output().strip()).isEqualTo("error: operator limit planning.rules.maxRulebookBytes"
                + " (or PLANNING_RULES_MAX_RULEBOOK_BYTES) is '8MiB'; expected a whole number of bytes from 1 to"
                + " 1000000000000");
    }

    @Test
    void gateFailsAPlanWhoseValuesAreOverTheOperatorsLengthBoundNamingEachBeforeAnyRule() throws IOException {
        Path ws = workspace();
        Path plan = ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        String text = Files.readString(plan, StandardCharsets.UTF_8);
        Files.writeString(plan, text.replace("title: Checkout redesign", "title: " + "a".repeat(10_001))
                .replace("title: Guest checkout", "title: " + "b".repeat(1_000_000)), StandardCharsets.UTF_8);

        CliRun run = CliRun.of(gate(ws));

        // A plan file that cannot be read is a failed gate, as a malformed one is: one finding per value.
        String bound = ", more than 10,000 characters (the operator's planning.documents.maxValueLength or"
                + " PLANNING_DOCUMENTS_MAX_VALUE_LENGTH) [yaml.value-too-long]";
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("2025-09-02-fe_task_breakdown.yaml:10:12: error: `tasks[0].title` is 10,001"
                        + " characters long" + bound)
                .contains("2025-09-02-fe_task_breakdown.yaml:20:12: error: `tasks[1].title` is 1,000,000 characters long"
                        + bound)
                .contains("governance needs the plan")
                .doesNotContain("aaaaaaaaaa").doesNotContain("internal error");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void theOperatorsLowerLengthBoundRefusesAValueTheDefaultAccepts() throws Exception {
        Child child = runCli(List.of("-Dplanning.documents.maxValueLength=10"), gate(workspace()));

        assertThat(child.exit()).as(child.output()).isEqualTo(2);
        // The first file read with a value over 10 characters is refused, whichever it is.
        assertThat(child.output()).containsPattern("\\.yaml:\\d+:\\d+: `[^`]+` is \\d+ characters long")
                .containsPattern("(longer|more) than 10 characters \\(the operator's planning\\.documents\\.maxValueLength");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void aLengthBoundThatIsNotAWholeNumberEndsWithOneLineAndExit2() throws Exception {
        Child child = runCli(List.of("-Dplanning.documents.maxValueLength=10k"), gate(workspace()));

        assertThat(child.exit()).as(child.output()).isEqualTo(2);
        assertThat(child.output().strip()).isEqualTo("error: operator limit planning.documents.maxValueLength"
                + " (or PLANNING_DOCUMENTS_MAX_VALUE_LENGTH) is '10k'; expected a whole number of characters from 1 to"
                + " 8388608");
    }

    private static void echoForever(Path ws) throws IOException {
        Path yaml = ws.resolve("rulebook/rulebook.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("max_rule_firings: 100000",
                "max_rule_firings: 1000000000\n  max_evaluation_seconds: 1"));
        Path file = ws.resolve(CRITICAL);
        Files.writeString(file, Files.readString(file).replace("import dev.planning.rules.facts.Report;",
                "import dev.planning.rules.facts.Report;\nimport dev.planning.rules.facts.ViolationFact;")
                + "\nrule \"echo\" when $v : ViolationFact() then insert(Report.violation(kcontext, $v.item(), $v.message())); end\n");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void aRuleThatExitsTheProcessCannotForgeAPass() throws Exception {
        Path ws = workspace();
        // Only a trusted-mode rulebook can reach System.exit; the exit code must still not read as a pass.
        addRule(ws, "System.exit(0);");

        Child child = runCli(List.of("-Dplanning.rules.mode=trusted"), gate(ws));

        assertThat(child.exit()).as(child.output()).isNotZero();
        assertThat(child.output()).contains("before the command reached its verdict");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void theHonestFailingRulebookStillExits1InAChildJvm() throws Exception {
        Child child = runCli(List.of(), gate(workspace()));

        assertThat(child.exit()).as(child.output()).isEqualTo(1);
        assertThat(child.output()).doesNotContain("verdict");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void aRuleThatExhaustsTheHeapEndsWithOneLineNamingItAndExit3() throws Exception {
        Path ws = workspace();
        StringBuilder doubling = new StringBuilder("String s = $t.id() + \"0123456789abcdef\";");
        for (int i = 0; i < 40; i++) {
            doubling.append(" s = s + s;");
        }
        addRule(ws, doubling + " insert(Report.violation(kcontext, $t, s));");

        Child child = runCli(List.of("-Xmx160m"), "rules", "test", ws.resolve("rulebook").toString());

        // No verdict, as any command out of heap (exit 2 before, as if the rulebook were bad input).
        assertThat(child.exit()).as(child.output()).isEqualTo(3);
        assertThat(child.output().strip()).doesNotContain("\n")
                .startsWith("error: `planning rules` ran out of memory (rulebook ")
                .contains("ran out of memory in rule 'payload'").contains("PLANNING_JAVA_OPTS=-Xmx2g");
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void aLintKeptWithTheCheckOffIsNotServedToALintWithTheCheckOn() throws Exception {
        Path ws = workspace();
        addRule(ws, "System.getProperties().setProperty(\"pwned\", \"yes\");");
        // Both runs keep lint results, in one cache directory of the test's own (docs/rules.md).
        Map<String, String> cache = Map.of("PLANNING_CACHE_DIR", dir.resolve("cache").toString());
        String[] lint = {"lint", "-w", ws.toString()};

        Child trusted = runCli(List.of("-Dplanning.rules.mode=trusted"), cache, lint);
        Child restricted = runCli(List.of(), cache, lint);

        assertThat(trusted.exit()).as(trusted.output()).isNotEqualTo(2);
        assertThat(restricted.exit()).as(restricted.output()).isEqualTo(2);
        assertThat(restricted.output()).contains("rules/critical.drl:").contains("outside the policy language");
    }

    private record Child(int exit, String output) {
    }

    private Child runCli(List<String> jvmOptions, String... args) throws Exception {
        return runCli(jvmOptions, Map.of(), args);
    }

    /** The CLI in a child JVM; with a cache directory in {@code cache}, it keeps lint results there. */
    private Child runCli(List<String> jvmOptions, Map<String, String> cache, String... args) throws Exception {
        List<String> command = new ArrayList<>(ChildProcesses.java(
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        command.addAll(List.of(args));
        Path output = dir.resolve("child.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (!cache.isEmpty()) {
            builder.environment().remove("PLANNING_NO_CACHE");
            builder.environment().putAll(cache);
        }
        Process process = builder.start();
        // A hang guard, not a measurement: a cold JVM compiling a rulebook can take minutes under load.
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the CLI did not end within 10 minutes");
        }
        return new Child(process.exitValue(), Files.readString(output));
    }
}
