package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.InvalidInputException;
import dev.planning.rules.Inputs;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eighteenth review: the policy language admits a value method by its name, whatever the receiver.
 * Two names did what the language must not. {@code values()} on a violation's {@code severity} (an
 * enum) is the enum's static {@code values()}, which Java lets an instance call: an array, whose text
 * ({@code toString()}, {@code String.valueOf}, {@code "" + ...}) is {@code [Ldev...ViolationSeverity;@}
 * and the JVM's identity hash, another number in every process, so {@code advance} and {@code verify}
 * could judge one plan two ways. And {@code toLowerCase()}/{@code toUpperCase()} case-map in the JVM's
 * default locale: under a Turkish locale {@code "PII".toLowerCase()} holds dotless i's, so a rule
 * looking for {@code "pii"} in a description fires under one locale and not under another.
 * {@code values()} is now checked by its receiver: a map only. The case-mapping methods are refused.
 */
class ReceiverTypeAttackTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.ViolationFact;
            import dev.planning.rules.facts.Report;
            import java.util.Map;
            """;

    private static void check(String drl) {
        PolicyLanguage.check("rules/x.drl", drl.getBytes(StandardCharsets.UTF_8));
    }

    private static String rule(String when, String then) {
        return HEAD + "rule \"r\" when\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    private static final String INSERT = "insert(Report.violation(kcontext, $t, \"x\"));";

    /** Each reads an array of severities, whose text is the identity hash; refused on the line it is written (line 8 or 10). */
    @ParameterizedTest
    @ValueSource(strings = {
        // In a consequence, through a violation the consequence builds and does not insert.
        "$t : TaskFact()|ViolationFact probe = Report.violation(kcontext, $t, \"x\");\n"
                + "    if (String.valueOf(probe.severity().values()).endsWith(\"0\")) { " + INSERT + " }",
        "$t : TaskFact()|ViolationFact probe = Report.violation(kcontext, $t, \"x\");\n"
                + "    if (probe.toViolation().severity().values().toString().endsWith(\"0\")) { " + INSERT + " }",
        // In a condition, on a violation's field, a binding of it, or as a property.
        "$t : TaskFact()\n    ViolationFact(severity.values().toString().endsWith(\"0\"))|" + INSERT,
        "$t : TaskFact()\n    ViolationFact($s : severity)\n    eval(String.valueOf($s.values()).endsWith(\"0\"))|" + INSERT,
        "$t : TaskFact()\n    ViolationFact(severity.values.length > 0)|" + INSERT,
        "$t : TaskFact()\n    ViolationFact(values != null)|" + INSERT,
    })
    void valuesOfWhatIsNotAMapIsRefused(String rule) {
        String[] parts = rule.split("\\|");
        String drl = rule(parts[0], parts[1]);

        Throwable thrown = catchThrowable(() -> check(drl));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("values() is allowed on a map only")
                .hasMessageContaining("identity hash");
        int line = ((InvalidInputException) thrown).location().orElseThrow().line();
        assertThat(drl.lines().toList().get(line - 1)).contains("values");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$t : TaskFact(tags.values() contains \"x\")|" + INSERT,
        "$a : TaskFact()\n    $t : TaskFact($a.tags().values().size() > 1)|" + INSERT,
        "$t : TaskFact($m : tags)\n    eval($m.values().isEmpty())|" + INSERT,
        "$t : TaskFact()\n    Map(values contains \"x\", this.values().size() > 0) from $t.tags()|" + INSERT,
        "$t : TaskFact()\n    $m : Map() from $t.tags()\n    eval($m.values().size() > 0)|" + INSERT,
        "$t : TaskFact()\n    $v : ViolationFact(metadata.values() contains \"x\", facts.values.size() > 0)|" + INSERT,
        "$t : TaskFact()|Map m = $t.tags();\n    if (m.values().size() > 0 && ((Map) $t.tags()).values().size() > 0) { "
                + INSERT + " }",
    })
    void valuesOfAMapStays(String rule) {
        String[] parts = rule.split("\\|");

        assertThatCode(() -> check(rule(parts[0], parts[1]))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$t : TaskFact(description.toLowerCase() contains \"pii\")|" + INSERT,
        "$t : TaskFact(title.toUpperCase == \"X\")|" + INSERT,
        "$t : TaskFact()|if ($t.title().toLowerCase().startsWith(\"x\")) { " + INSERT + " }",
        "$t : TaskFact()\n    eval($t.owner().toUpperCase().equals(\"BOT\"))|" + INSERT,
    })
    void caseMappingInTheDefaultLocaleIsRefused(String rule) {
        String[] parts = rule.split("\\|");

        Throwable thrown = catchThrowable(() -> check(rule(parts[0], parts[1])));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("case-maps in the JVM's default locale")
                .hasMessageContaining("equalsIgnoreCase")
                .hasMessageContaining("(?i)");
    }

    /** What the refusal offers instead matches regardless of case, and in no locale's way. */
    @Test
    void aCaseInsensitiveMatchIsWhatToWriteInstead() {
        var kit = GovernanceTestKit.fromDrl(rule("$t : TaskFact(description matches \"(?i).*pii.*\")", INSERT));

        assertThat(kit.evaluate(Inputs.goodTask("FE-1").description("Stores PII in the vault").build()).violations())
                .hasSize(1);
        assertThat(kit.evaluate(Inputs.goodTask("FE-2").description("Stores nothing").build()).violations()).isEmpty();
        // Why toLowerCase() is refused: the same text lower-cased under two locales.
        assertThat("PII".toLowerCase(Locale.forLanguageTag("tr-TR"))).isNotEqualTo("PII".toLowerCase(Locale.ROOT));
    }

    /**
     * Text40: docs/rules.md's advice for a tag key in one's own rules. The facts' look-ups fold the key as every
     * check does ({@code Tag.fold}): {@code tag("COMPLIANCE")} reads {@code Compliance: gdpr}, and a key that only
     * {@code equalsIgnoreCase} takes for {@code compliance} (with a dotted {@code İ}) is another key.
     */
    @Test
    void aTagKeyIsComparedThroughTheFactsLookUpsWhichFoldItAsEveryCheckDoes() {
        var kit = GovernanceTestKit.fromDrl(rule("$t : TaskFact(tag(\"COMPLIANCE\") == \"gdpr\", hasTagValue(\"Compliance\"))",
                INSERT));

        assertThat(kit.evaluate(Inputs.goodTask("FE-1").tags(Inputs.tags("Compliance:gdpr")).build()).violations())
                .hasSize(1);
        assertThat(kit.evaluate(Inputs.goodTask("FE-2").tags(Inputs.tags("compl\u0130ance:gdpr")).build()).violations())
                .isEmpty();
        assertThat("compl\u0130ance".equalsIgnoreCase("COMPLIANCE")).isTrue();
    }
}
