package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.planning.cli.PlanningCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** {@code planning lint} and {@code planning gate} in the formats CI reads, on the example workspaces. */
class CiOutputTest {

    /** The example workspaces, from planning-cli (the tests' working directory). */
    private static final String EXAMPLES = "../planning-examples/workspaces/";
    private static final String BROKEN = EXAMPLES + "multi-stream-broken";
    /**
     * Workspace-relative: the workspace lies outside the working directory (planning-cli), the base
     * SARIF paths are made relative to when it can (CiReportsTest covers a workspace inside it).
     */
    private static final String FE_PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static Schema sarifSchema;

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = CiOutputTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            JsonNode document = new ObjectMapper().readTree(in);
            sarifSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(SchemaLocation.of(document.path("id").asText()), document);
        }
    }

    private static Run planning(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PlanningCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run gate(String workspace, String stream, String format) {
        return planning("gate", "-w", workspace, "--stream", stream, "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF", "--format", format);
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    @Test
    void gateSarifIsValidAndPointsAtTheExactLinesOfTheBrokenPlan() throws Exception {
        Run run = gate(BROKEN, "fe", "sarif");

        assertThat(run.exit()).isEqualTo(1);
        JsonNode log = new ObjectMapper().readTree(run.out());
        assertThat(sarifSchema.validate(log)).isEmpty();
        JsonNode results = log.path("runs").get(0).path("results");
        List<String> where = new ArrayList<>();
        for (JsonNode result : results) {
            JsonNode location = result.path("locations").get(0).path("physicalLocation");
            where.add(result.path("ruleId").asText() + "@" + location.path("artifactLocation").path("uri").asText()
                    + ":" + location.path("region").path("startLine").asInt());
        }
        assertThat(where).containsExactlyInAnyOrder(
                "cross-stream.dangling@" + FE_PLAN + ":54",
                "cross-stream.cycle@" + FE_PLAN + ":59",
                "cross-stream.timeline@" + FE_PLAN + ":18",
                "cross-stream.capacity@" + FE_PLAN + ":31");
        Set<String> ruleIds = new HashSet<>();
        log.path("runs").get(0).path("tool").path("driver").path("rules")
                .forEach(rule -> ruleIds.add(rule.path("id").asText()));
        assertThat(ruleIds).containsExactlyInAnyOrder("cross-stream.dangling", "cross-stream.cycle",
                "cross-stream.timeline", "cross-stream.capacity");
    }

    @Test
    void lintSarifOfTheBrokenWorkspaceIsValidWithOneResultPerFinding() throws Exception {
        Run run = planning("lint", "-w", EXAMPLES + "broken", "--format", "sarif");

        assertThat(run.exit()).isEqualTo(1);
        JsonNode log = new ObjectMapper().readTree(run.out());
        assertThat(sarifSchema.validate(log)).isEmpty();
        Run json = planning("lint", "-w", EXAMPLES + "broken", "--format", "json");
        assertThat(log.path("runs").get(0).path("results").size())
                .isEqualTo(new ObjectMapper().readTree(json.out()).path("findings").size()).isPositive();
    }

    @Test
    void gateJunitHasOneUniquelyNamedCasePerGateAndFailsTheFailingOne() throws Exception {
        Run run = gate(BROKEN, "fe", "junit");

        assertThat(run.exit()).isEqualTo(1);
        Document document = xml(run.out());
        NodeList cases = document.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            names.add(testCase.getAttribute("classname") + "#" + testCase.getAttribute("name"));
        }
        assertThat(names).containsExactly("planning.gate.fe.2025-09-02#schema_lint",
                "planning.gate.fe.2025-09-02#cross_stream_consistency", "planning.gate.fe.2025-09-02#parity_coverage",
                "planning.gate.fe.2025-09-02#governance");
        assertThat(document.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) document.getElementsByTagName("failure").item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("cross_stream_consistency");
        assertThat(failure.getTextContent()).contains("fe_task_breakdown.yaml:59:9").contains("[cross-stream.cycle]");
    }

    @Test
    void thePassingExampleGivesAnEmptySarifLogAndAGreenJunitReport() throws Exception {
        Run sarif = gate(EXAMPLES + "multi-stream", "fe", "sarif");
        Run junit = gate(EXAMPLES + "multi-stream", "fe", "junit");

        assertThat(sarif.exit()).isZero();
        JsonNode log = new ObjectMapper().readTree(sarif.out());
        assertThat(sarifSchema.validate(log)).isEmpty();
        assertThat(log.path("runs").get(0).path("results")).isEmpty();
        assertThat(junit.exit()).isZero();
        assertThat(xml(junit.out()).getDocumentElement().getAttribute("tests")).isEqualTo("4");
        assertThat(xml(junit.out()).getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void lintJunitHasOneCasePerFile() throws Exception {
        Run run = planning("lint", "-w", EXAMPLES + "multi-stream", "--format", "junit");

        assertThat(run.exit()).isZero();
        NodeList cases = xml(run.out()).getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(8);
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("frameworks/capacity.yaml");
    }

    @Test
    void aCommandWithoutFindingsRefusesCiFormatsAsBadUsage() {
        Run run = planning("status", "-w", EXAMPLES + "multi-stream", "--format", "sarif");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'sarif' is not available for this command; use text or json").doesNotContain("Exception");
    }

    @Test
    void everyJunitReportValidatesAgainstTheJenkinsJunitSchema() throws Exception {
        javax.xml.validation.Schema schema = SchemaFactory.newDefaultInstance()
                .newSchema(CiOutputTest.class.getResource("/junit/jenkins-junit.xsd"));
        List<Run> runs = List.of(
                planning("lint", "-w", EXAMPLES + "broken", "--format", "junit"),
                planning("lint", "-w", EXAMPLES + "multi-stream", "--format", "junit"),
                gate(BROKEN, "fe", "junit"),
                gate(EXAMPLES + "fe-critical", "fe", "junit"),
                planning("rules", "test", EXAMPLES + "fe-2025-09-02/rulebook", "--format", "junit"));
        for (Run run : runs) {
            assertThat(run.out()).startsWith("<?xml");
            schema.newValidator().validate(new StreamSource(new StringReader(run.out())));
            assertThat(xml(run.out()).getDocumentElement().hasAttribute("time")).isTrue();
        }
    }
}
