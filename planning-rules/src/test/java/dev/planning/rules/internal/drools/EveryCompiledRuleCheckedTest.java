package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * errors20: the compiler's checks on what Drools compiled (metadata Drools reads as its own annotation,
 * a constraint left to java.util.regex, a rule name used twice across compiled packages) stopped at the
 * first rule and named its file alone. Each now reports every rule in one refusal, each at the line and
 * column of its declaration.
 */
class EveryCompiledRuleCheckedTest {

    private static String file(String pkg, String... rules) {
        StringBuilder text = new StringBuilder("package dev.planning.rules." + pkg
                + ";\n\nimport dev.planning.rules.facts.TaskFact;\nimport dev.planning.rules.facts.Report;\n\n");
        for (String rule : rules) {
            text.append(rule);
        }
        return text.toString();
    }

    private static String rule(String name, String metadata, String constraint) {
        return "rule \"" + name + "\" " + metadata + " @severity(LOW)\nwhen\n    $t : TaskFact(" + constraint + ")\n"
                + "then\n    insert(Report.violation(kcontext, $t, \"m\"));\nend\n\n";
    }

    @Test
    void everyMetadataKeyDroolsReadsAsItsOwnIsReportedAtItsRuleInEveryFile() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> GovernanceTestKit.fromDrl(
                Map.of("rules/a.drl", file("a", rule("a1", "@direct", "criticality == 0"),
                                rule("a2", "@control(\"x\")", "criticality == 0"),
                                rule("a3", "@propagation(IMMEDIATE)", "criticality == 0")),
                        "rules/b.drl", file("b", rule("b1", "@all", "criticality == 0")))));

        assertThat(e).isNotNull();
        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 6, 1));
        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "rule 'a1': metadata @direct is read by Drools as org.kie.api.definition.rule.Direct, which changes how"
                        + " the rule runs, not as plain metadata; use another name (e.g. @direct_note)",
                "rules/a.drl:20:1: rule 'a3': metadata @propagation is read by Drools as"
                        + " org.kie.api.definition.rule.Propagation, which changes how the rule runs, not as plain"
                        + " metadata; use another name (e.g. @propagation_note)",
                "rules/b.drl:6:1: rule 'b1': metadata @all is read by Drools as org.kie.api.definition.rule.All, which"
                        + " changes how the rule runs, not as plain metadata; use another name (e.g. @all_note)");
    }

    @Test
    void everyRuleCompiledWithoutTheRewritingIsReportedAtItsDeclaration() {
        String a = file("a", rule("a1", "", "owner not matches \"a.b\""), rule("a2", "", "owner == \"x\""),
                rule("a3", "", "title matches \"c.d\""));
        String b = file("b", rule("b1", "", "owner matches \"e.f\""));
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(getClass().getClassLoader()));
        builder.add(ResourceFactory.newByteArrayResource(a.getBytes(StandardCharsets.UTF_8)).setSourcePath("rules/a.drl"),
                ResourceType.DRL);
        builder.add(ResourceFactory.newByteArrayResource(b.getBytes(StandardCharsets.UTF_8)).setSourcePath("rules/b.drl"),
                ResourceType.DRL);
        assertThat(builder.getErrors()).isEmpty();

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> LinearMatches.requireLinear(
                builder.getKnowledgePackages(), RulebookCompiler.declarations(List.of("rules/a.drl", "rules/b.drl"),
                        List.of(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)))));

        assertThat(e).isNotNull();
        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 6, 1));
        List<String> lines = e.getMessage().lines().toList();
        assertThat(lines).as(e.getMessage()).hasSize(3);
        assertThat(lines.get(0)).startsWith("rule 'a1' would match a regular expression with java.util.regex");
        assertThat(lines.get(1)).startsWith("rules/a.drl:20:1: rule 'a3' would match a regular expression");
        assertThat(lines.get(2)).startsWith("rules/b.drl:6:1: rule 'b1' would match a regular expression");
    }

    @Test
    void aRuleNameUsedAgainAcrossCompiledPackagesIsNamedAtBothDeclarations() {
        String one = file("one", rule("x", "", "criticality == 0"), rule("r", "", "criticality == 0"));
        String two = file("two", rule("r", "", "criticality == 1"));
        List<KiePackage> packages = new ArrayList<>();
        for (Map.Entry<String, String> f : List.of(Map.entry("rules/one.drl", one), Map.entry("rules/two.drl", two))) {
            GovernanceTestKit kit = GovernanceTestKit.fromDrl(Map.of(f.getKey(), f.getValue()));
            packages.addAll(new RulebookCompiler(getClass().getClassLoader())
                    .compile(kit.rulebook(), n -> f.getValue().getBytes(StandardCharsets.UTF_8)).kieBase().getKiePackages());
        }
        packages.sort((p, q) -> p.getName().compareTo(q.getName()));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> RulebookCompiler.requireDistinctCompiledNames(packages, RulebookCompiler.declarations(
                        List.of("rules/one.drl", "rules/two.drl"), List.of(one.getBytes(StandardCharsets.UTF_8),
                                two.getBytes(StandardCharsets.UTF_8)))));

        assertThat(e).isNotNull();
        assertThat(e.location()).contains(new SourceLocation("rules/two.drl", 6, 1));
        assertThat(e.getMessage()).startsWith("rule 'r' is declared again (first at rules/one.drl:13:1, both paths"
                + " relative to the rulebook directory)");
    }
}
