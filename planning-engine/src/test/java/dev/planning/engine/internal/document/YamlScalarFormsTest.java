package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Severity;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** strict23: a scalar reads as the value written (YAML 1.2), never as YAML 1.1's other reading of it. */
class YamlScalarFormsTest {

    private static JsonNode value(String scalar) {
        return YamlDocuments.parse(("a: " + scalar + "\n").getBytes(StandardCharsets.UTF_8), "f.yaml").root().get("a");
    }

    @Test
    void numbersYaml11ReadsInAnotherBaseOrWithUnderscoresAreTheTextWritten() {
        for (String scalar : new String[] {"010", "-017", "0x10", "0b11", "1_000", "01.5"}) {
            JsonNode node = value(scalar);
            assertThat(node.isTextual()).as(scalar).isTrue();
            assertThat(node.textValue()).isEqualTo(scalar);
        }
    }

    @Test
    void decimalNumbersStillReadAsNumbers() {
        assertThat(value("10").intValue()).isEqualTo(10);
        assertThat(value("0").isIntegralNumber()).isTrue();
        assertThat(value("-3").intValue()).isEqualTo(-3);
        assertThat(value("+1").intValue()).isEqualTo(1);
        assertThat(value("1.5").doubleValue()).isEqualTo(1.5);
        assertThat(value("0.25").doubleValue()).isEqualTo(0.25);
        assertThat(value("1e2").doubleValue()).isEqualTo(100.0);
        assertThat(value(".5").doubleValue()).isEqualTo(0.5);
    }

    @Test
    void yesNoOnAndOffAreTextOnlyTrueAndFalseAreBooleans() {
        for (String word : new String[] {"yes", "no", "on", "off", "Yes", "ON"}) {
            assertThat(value(word).isTextual()).as(word).isTrue();
        }
        assertThat(value("true").booleanValue()).isTrue();
        assertThat(value("false").isBoolean()).isTrue();
        assertThat(value("'true'").isTextual()).isTrue();
    }

    @Test
    void anOctalLookingThresholdIsRefusedWhereItStandsNotReadAsEight() {
        LocatedDocument rulebook = YamlDocuments.parseWithExactDecimals(
                "version: '1.0'\nthresholds:\n  critical_approvals: 010\n".getBytes(StandardCharsets.UTF_8), "rulebook.yaml");

        assertThat(SchemaCatalog.standard().validate(rulebook, ArtifactSchema.RULEBOOK)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("critical_approvals", "integer", "\"010\"");
            assertThat(f.location()).contains(new SourceLocation("rulebook.yaml", 3, 23));
        });
    }

    @Test
    void aYesWhereABooleanIsExpectedIsRefusedWhereItStands() {
        LocatedDocument plan = YamlDocuments.parse(("version: '1.0'\ncycle_id: c1\nstream: fe\ntasks:\n  - id: FE-1\n"
                + "    title: t\n    controls:\n      change_freeze_checked: yes\n").getBytes(StandardCharsets.UTF_8), "plan.yaml");

        assertThat(SchemaCatalog.standard().validate(plan, ArtifactSchema.TASK_BREAKDOWN))
                .filteredOn(f -> f.message().contains("change_freeze_checked")).singleElement().satisfies(f -> {
                    assertThat(f.message()).contains("true or false", "\"yes\"");
                    assertThat(f.location()).contains(new SourceLocation("plan.yaml", 8, 30));
                });
    }
}
