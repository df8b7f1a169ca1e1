package dev.planning.engine.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class JUnitXmlTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void countsTestsFailuresAndSkipsPerSuiteAndOverall() throws Exception {
        String xml = JUnitXml.render("planning gate", List.of(
                new JUnitXml.Suite("fe/2025-09-02 PLANNED->READY_FOR_HANDOFF", List.of(
                        JUnitXml.TestCase.passed("planning.fe.2025-09-02", "schema_lint"),
                        JUnitXml.TestCase.failed("planning.fe.2025-09-02", "governance",
                                new JUnitXml.Failure("gate failed", "1 error", "a.yaml:3:5: error: boom [x]")),
                        new JUnitXml.TestCase("planning.fe.2025-09-02", "later", Optional.empty(),
                                Optional.of("not run"), ""))),
                new JUnitXml.Suite("empty", List.of())));

        Element root = parse(xml).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("3");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.hasAttribute("skipped")).as("the Jenkins/xunit schema rejects skipped on testsuites").isFalse();
        Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("name")).isEqualTo("fe/2025-09-02 PLANNED->READY_FOR_HANDOFF");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) root.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("1 error");
        assertThat(failure.getTextContent()).isEqualTo("a.yaml:3:5: error: boom [x]");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("governance");
    }

    @Test
    void everyElementHasATimeAndTheDocumentValidatesAgainstTheJenkinsJunitSchema() throws Exception {
        String xml = JUnitXml.render("planning gate", List.of(new JUnitXml.Suite("fe/2025-09-02", List.of(
                JUnitXml.TestCase.passed("planning.fe", "schema_lint").withSystemOut("warning: x"),
                JUnitXml.TestCase.failed("planning.fe", "governance", new JUnitXml.Failure("gate failed", "1 error", "boom")),
                new JUnitXml.TestCase("planning.fe", "later", Optional.empty(),
                        Optional.of("not run"), "")))));

        Element root = parse(xml).getDocumentElement();
        assertThat(root.getAttribute("time")).isEqualTo("0.000");
        assertThat(((Element) root.getElementsByTagName("testsuite").item(0)).getAttribute("time")).isEqualTo("0.000");
        assertThat(((Element) root.getElementsByTagName("testcase").item(0)).getAttribute("time")).isEqualTo("0.000");
        assertThat(JUnitSchema.violations(xml)).isEmpty();
    }

    @Test
    void theSchemaRejectsSkippedOnTestsuites() {
        String xml = "<testsuites name=\"x\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\"/>";

        assertThat(JUnitSchema.violations(xml)).anyMatch(v -> v.contains("skipped"));
    }

    @Test
    void escapesMarkupAndReplacesCharactersXmlCannotCarry() throws Exception {
        String xml = JUnitXml.render("s", List.of(new JUnitXml.Suite("<&>\"", List.of(
                JUnitXml.TestCase.failed("c", "n", new JUnitXml.Failure("t", "bell\u0007 & <tag>", "]]> end\u0000"))
                        .withSystemOut("warn: \"quoted\"")))));

        Document document = parse(xml);
        Element failure = (Element) document.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("bell? & <tag>");
        assertThat(failure.getTextContent()).isEqualTo("]]> end?");
        assertThat(document.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo("warn: \"quoted\"");
        assertThat(((Element) document.getElementsByTagName("testsuite").item(0)).getAttribute("name"))
                .isEqualTo("<&>\"");
    }

    /**
     * Out38: a JUnit document the command line prints may be a build's log; what a CI runner reads there as a
     * command is written as a character reference, which an XML reader reads as the character (the CLI's escape
     * {@code \u005cu005B} was literal text in the value).
     */
    @Test
    void aRunnersCommandInAValueIsACharacterReferenceThatReadsAsTheSameText() throws Exception {
        String details = "tasks/x.yaml: parent ##[stop-commands]planning\n::add-mask::y";
        String xml = JUnitXml.render("s", List.of(new JUnitXml.Suite("##vso[task.prependpath]bin", List.of(
                JUnitXml.TestCase.failed("c", "n", new JUnitXml.Failure("t", "##[group]m", details))))));

        assertThat(xml).contains("##&#91;stop-commands]planning\n&#58;:add-mask::y", "##vso&#91;task",
                "##&#91;group]m").doesNotContainPattern("##[A-Za-z]*\\[").doesNotContainPattern("(?m)^\\s*:");
        Document document = parse(xml);
        assertThat(document.getElementsByTagName("failure").item(0).getTextContent()).isEqualTo(details);
        assertThat(((Element) document.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("##[group]m");
        assertThat(((Element) document.getElementsByTagName("testsuite").item(0)).getAttribute("name"))
                .isEqualTo("##vso[task.prependpath]bin");
    }

    /**
     * A line break or tab in a name, a message or a type is read by an XML reader as written (review38b): StAX wrote
     * them as they are, and a reader takes each in an attribute value as a space ({@code "a\nb"} and {@code "a b"} one
     * name) and a carriage return in text as a line feed.
     */
    @Test
    void lineBreaksAndTabsInAValueReadAsWritten() throws Exception {
        String name = "a\nb\r\nc\rd\te";
        String details = "x\ry\r\nz\n";
        String xml = JUnitXml.render("s", List.of(new JUnitXml.Suite("fe", List.of(
                JUnitXml.TestCase.failed("c", name, new JUnitXml.Failure("t\n", "m\r", details))))));

        Document document = parse(xml);
        Element testCase = (Element) document.getElementsByTagName("testcase").item(0);
        Element failure = (Element) document.getElementsByTagName("failure").item(0);
        assertThat(testCase.getAttribute("name")).isEqualTo(name);
        assertThat(failure.getAttribute("type")).isEqualTo("t\n");
        assertThat(failure.getAttribute("message")).isEqualTo("m\r");
        assertThat(failure.getTextContent()).isEqualTo(details);
        assertThat(xml).doesNotContain("\r");
    }
}
