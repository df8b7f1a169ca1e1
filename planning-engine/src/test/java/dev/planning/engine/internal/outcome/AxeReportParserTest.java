package dev.planning.engine.internal.outcome;

import static dev.planning.engine.internal.outcome.JUnitReportParserTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AxeReportParserTest {

    private final AxeReportParser parser = new AxeReportParser();

    static final String RESULTS = """
            {
              "testEngine": {"name": "axe-core", "version": "4.10.2"},
              "url": "http://localhost:3000/checkout",
              "timestamp": "2025-08-29T10:00:00.000Z",
              "passes": [
                {"id": "color-contrast", "impact": null, "nodes": [{"target": ["button"]}]},
                {"id": "label", "nodes": []},
                {"id": "image-alt", "nodes": []}
              ],
              "violations": [
                {"id": "region", "impact": "moderate", "nodes": [{"target": ["div.promo"]}, {"target": ["footer"]}]},
                {"id": "button-name", "impact": "critical", "nodes": [{"target": ["#pay"]}]}
              ],
              "incomplete": [{"id": "aria-valid-attr-value", "impact": "serious", "nodes": []}],
              "inapplicable": [{"id": "video-caption", "nodes": []}]
            }
            """;

    @Test
    void countsRuleResultsByGroupAndViolationsByImpact() {
        AccessibilityReport report = parser.parse(bytes(RESULTS), "axe.json");

        assertThat(report.pages()).isEqualTo(1);
        assertThat(report.passes()).isEqualTo(3);
        assertThat(report.violations()).isEqualTo(2);
        assertThat(report.incomplete()).isEqualTo(1);
        assertThat(report.inapplicable()).isEqualTo(1);
        assertThat(report.violationsByImpact()).isEqualTo(Map.of("critical", 1, "moderate", 1));
        assertThat(report.violatedNodes()).isEqualTo(3);
        assertThat(report.passRatePercent()).contains(60.0);
    }

    @Test
    void addsUpAnArrayOfPages() {
        AccessibilityReport report = parser.parse(bytes("[" + RESULTS + "," + RESULTS + "]"), "axe-cli.json");

        assertThat(report.pages()).isEqualTo(2);
        assertThat(report.passes()).isEqualTo(6);
        assertThat(report.violations()).isEqualTo(4);
    }

    @Test
    void refusesJsonWithoutPassesAndViolations() {
        assertThatThrownBy(() -> parser.parse(bytes("{\"violations\": []}"), "axe.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected an object with \"passes\" and \"violations\" arrays");
    }

    @Test
    void refusesARuleResultWithoutId() {
        assertThatThrownBy(() -> parser.parse(bytes("{\"passes\": [{}], \"violations\": []}"), "axe.json"))
                .hasMessageContaining("passes[0] is not a rule result");
    }

    /**
     * keys27: a violation's {@code nodes} that was not an array was counted by its size (an object's fields, a
     * string as none), so {@code violatedNodes} counted what is no element. Anything but an array is refused,
     * at its line and column; a missing {@code nodes} still counts none, as before.
     */
    @Test
    void refusesAViolationsNodesThatIsNotAnArray() {
        for (String nodes : new String[] {"{\"a\": 1, \"b\": 2}", "\"div\"", "3", "null", "true"}) {
            String results = "{\"passes\": [],\n \"violations\": [{\"id\": \"region\", \"impact\": \"minor\",\n"
                    + "   \"nodes\": " + nodes + "}]}";

            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> parser.parse(bytes(results), "axe.json"));

            assertThat(e).as(nodes).isNotNull();
            assertThat(e.getMessage()).as(nodes).contains("the results object.violations[0] (region) has nodes")
                    .contains("expected an array of the elements concerned");
            assertThat(e.location()).as(nodes).contains(new SourceLocation("axe.json", 3, 13));
        }
        assertThat(parser.parse(bytes("{\"passes\": [], \"violations\": [{\"id\": \"x\", \"impact\": \"minor\"}]}"),
                "axe.json").violatedNodes()).isZero();
    }

    @Test
    void refusesAViolationWhoseImpactIsNoneOfAxesFourRatherThanCountingItNowhere() {
        for (String impact : new String[] {"\"critical \"", "\"crit\"", "\"blocker\"", "null", "1"}) {
            String results = "{\"passes\": [], \"violations\": [{\"id\": \"button-name\", \"impact\": " + impact
                    + ", \"nodes\": []}]}";

            assertThatThrownBy(() -> parser.parse(bytes(results), "axe.json"))
                    .as("impact %s", impact)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("the results object.violations[0] (button-name) has impact");
        }
        assertThatThrownBy(() -> parser.parse(bytes("{\"passes\": [], \"violations\": [{\"id\": \"x\"}]}"), "axe.json"))
                .hasMessageContaining("expected one of [critical, serious, moderate, minor]");
        assertThat(parser.parse(bytes("{\"passes\": [], \"violations\": [{\"id\": \"x\", \"impact\": \"CRITICAL\"}]}"),
                "axe.json").violationsByImpact()).isEqualTo(Map.of("critical", 1));
    }

    /** errors20: the first mistake alone was refused, at the file only; now every one, each at its value. */
    @Test
    void everyMistakeOfTheFileIsRefusedAtItsLineAndColumn() {
        String results = """
                [
                  {"passes": []},
                  {"passes": [], "violations": [
                    {"impact": "minor"},
                    {"id": "region", "impact": "huge"}
                  ]}
                ]
                """;

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(bytes(results), "axe.json"));

        assertThat(e).isNotNull();
        assertThat(e.location()).contains(new SourceLocation("axe.json", 2, 3));
        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly("3 errors:",
                "  axe.json:2:3: results[0] is not axe-core results: expected an object with \"passes\" and"
                        + " \"violations\" arrays",
                "  axe.json:4:5: results[1].violations[0] is not a rule result: expected an object with a string \"id\"",
                "  axe.json:5:32: results[1].violations[1] (region) has impact \"huge\": expected one of [critical,"
                        + " serious, moderate, minor], as axe-core writes for every violation");
    }

    @Test
    void refusesTruncatedJsonNamingTheLine() {
        assertThatThrownBy(() -> parser.parse(bytes("{\n  \"passes\": [\n"), "axe.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("malformed JSON")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().hasLine()).isTrue());
    }
}
