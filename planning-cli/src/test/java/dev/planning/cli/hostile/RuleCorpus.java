package dev.planning.cli.hostile;

import static dev.planning.cli.hostile.HostileCorpus.BAD_INPUT;
import static dev.planning.cli.hostile.HostileCorpus.FAILS;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Hostile rulebooks: DRL that is oversized, never stops firing, reaches outside the facts, or does
 * not compile; a rulebook.yaml spoiled like any other YAML. Each runs the governance gate.
 */
final class RuleCorpus {

    private static final String HEAD = """
            package dev.planning.rules.hostile;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;

            """;

    private RuleCorpus() {
    }

    static List<HostileCase> cases() {
        List<HostileCase> cases = new ArrayList<>();
        drl(cases, "oversized DRL (2 MiB of rules)", HEAD + "rule \"r\" when $t : TaskFact(id == \"x\") then end\n// " + "p".repeat(2 * 1024 * 1024) + "\n");
        drl(cases, "rule that never stops firing", HEAD + "rule \"forever\" when $t : TaskFact() then update($t); end\n");
        drl(cases, "rules that feed each other forever", HEAD
                + "rule \"ping\" when $t : TaskFact() then insert(Report.violation(kcontext, $t, \"ping\")); update($t); end\n");
        drl(cases, "System.exit in a consequence", HEAD + "rule \"exit\" when $t : TaskFact() then System.exit(0); end\n");
        drl(cases, "Runtime.halt in a condition eval", HEAD
                + "rule \"halt\" when $t : TaskFact() eval(Runtime.getRuntime() != null) then end\n");
        drl(cases, "import java.io.File", HEAD.replace("import dev.planning.rules.facts.Report;",
                "import java.io.File;") + "rule \"f\" when $t : TaskFact() then new File(\"/tmp/x\").delete(); end\n");
        drl(cases, "fully qualified java.nio.file.Files", HEAD
                + "rule \"w\" when $t : TaskFact() then java.nio.file.Files.writeString(null, \"\"); end\n");
        drl(cases, "function block", HEAD + "function void boom() { }\nrule \"b\" when $t : TaskFact() then boom(); end\n");
        drl(cases, "reflection", HEAD + "rule \"r\" when $t : TaskFact() then $t.getClass().getMethod(\"id\"); end\n");
        drl(cases, "Thread.sleep forever", HEAD + "rule \"s\" when $t : TaskFact() then Thread.sleep(1000000); end\n");
        drl(cases, "syntax error", HEAD + "rule \"broken\" when $t : TaskFact( then end\n");
        drl(cases, "unknown fact type", HEAD + "rule \"u\" when $t : NoSuchFact() then end\n");
        drl(cases, "bad severity", HEAD + "rule \"s\" @severity(APOCALYPTIC) when $t : TaskFact() then end\n");
        drl(cases, "10000 nested parentheses", HEAD + "rule \"p\" when $t : TaskFact(" + "(".repeat(10_000) + "true"
                + ")".repeat(10_000) + ") then end\n");
        drl(cases, "unterminated rule", HEAD + "rule \"open\" when $t : TaskFact()\n");
        cases.add(new HostileCase("DRL: empty file (no rules: a clean pass)", "plain",
                dir -> Files.writeString(dir.resolve("ws/rulebook/rules/hostile.drl"), ""), RuleCorpus::gate,
                HostileCorpus.ANY, "hostile.drl", List.of()));
        cases.add(new HostileCase("DRL: invalid UTF-8", "plain",
                dir -> Files.write(dir.resolve("ws/rulebook/rules/hostile.drl"),
                        HostileCorpus.concat(HEAD.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, (byte) 0xFE})),
                dir -> gate(dir), FAILS, "hostile.drl", List.of()));
        rulebookYaml(cases, "alias bomb", s -> s + "bomb: &b [1, 2]\nmore: [*b, *b]\n");
        rulebookYaml(cases, "thresholds is a list", s -> s.replaceFirst("thresholds:\n", "thresholds: [1, 2]\nold_thresholds:\n"));
        rulebookYaml(cases, "max_rule_firings negative", s -> s.replace("max_rule_firings: 100000", "max_rule_firings: -1"));
        rulebookYaml(cases, "critical_approvals a fraction", s -> s.replace("critical_approvals: 3", "critical_approvals: 2.5"));
        rulebookYaml(cases, "max_rule_firings a string", s -> s.replace("max_rule_firings: 100000", "max_rule_firings: lots"));
        rulebookYaml(cases, "truncated", s -> s.substring(0, s.length() / 3));
        rulebookYaml(cases, "duplicate key", s -> s.replaceFirst("version: \"1.0.0\"\n", "version: \"1.0.0\"\nversion: \"2\"\n"));
        rulebookYaml(cases, "profiles missing", s -> s.replaceFirst("profiles:\n", "old_profiles:\n"));
        rulebookYaml(cases, "unknown gate in profile (named by the profile)", s -> s.replaceFirst("gates: \\[schema_lint,", "gates: [no_such_gate,"));
        rulebookYaml(cases, "transition to nowhere", s -> s.replaceFirst("PLANNED->READY_FOR_HANDOFF", "PLANNED->NOWHERE"));
        rulebookYaml(cases, "deep nesting", s -> s + "deep: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        return cases;
    }

    private static void drl(List<HostileCase> cases, String name, String text) {
        cases.add(new HostileCase("DRL: " + name, "plain",
                dir -> Files.writeString(dir.resolve("ws/rulebook/rules/hostile.drl"), text),
                RuleCorpus::gate, FAILS, "hostile.drl", List.of()));
    }

    private static void rulebookYaml(List<HostileCase> cases, String name, UnaryOperator<String> change) {
        cases.add(new HostileCase("rulebook.yaml: " + name, "plain", dir -> {
            var file = dir.resolve(HostileCorpus.RULEBOOK);
            Files.writeString(file, change.apply(Files.readString(file)));
        }, RuleCorpus::gate, BAD_INPUT, "rulebook|profile", List.of()));
    }

    private static String[] gate(Path dir) {
        return HostileCorpus.cycleArgs("gate", dir, "--to", "READY_FOR_HANDOFF");
    }
}
