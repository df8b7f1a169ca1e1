package dev.planning.engine.internal.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Tells which {@link OutcomeKind} a file is from its content, not its name, and validates it by
 * parsing it: XML by its root element ({@code <testsuites>}/{@code <testsuite>}: JUnit,
 * {@code <report>}: JaCoCo), LCOV by its {@code SF:} records, JSON with {@code passes} and
 * {@code violations}: axe-core, YAML with a {@code deployments} list: deployments. Thread-safe.
 */
public final class OutcomeDetector {

    private final JUnitReportParser junit = new JUnitReportParser();
    private final AxeReportParser axe = new AxeReportParser();
    private final DeploymentLogReader deployments = new DeploymentLogReader();

    /**
     * Detects and validates one file.
     *
     * @throws InvalidInputException naming the file (and line where known) when the kind cannot be
     *                               told or the file is malformed or partial
     */
    public OutcomeKind inspect(byte[] content, String displayPath) {
        String head = head(content);
        if (head.isEmpty()) {
            throw new InvalidInputException("the file is empty: " + EXPECTED, SourceLocation.ofFile(displayPath));
        }
        char first = head.charAt(0);
        if (first == '<') {
            return xml(content, displayPath);
        }
        if (first == '{' || first == '[') {
            JsonNode json = AxeReportParser.readJson(content, displayPath);
            if (AxeReportParser.isResults(json) || json.isArray() && json.size() > 0
                    && AxeReportParser.isResults(json.get(0))) {
                axe.parse(content, displayPath);
                return OutcomeKind.AXE;
            }
            if (!json.path("deployments").isArray()) {
                throw new InvalidInputException("JSON that is not axe-core results (no \"passes\" and \"violations\""
                        + " arrays) nor a deployments file: " + EXPECTED, SourceLocation.ofFile(displayPath));
            }
        }
        if (looksLikeLcov(head)) {
            // The gates' own reader, so that what import takes the next gate can read.
            Lcov.parse(content, displayPath);
            return OutcomeKind.LCOV;
        }
        LocatedDocument yaml = YamlDocuments.parse(content, displayPath);
        if (yaml.root().isObject() && yaml.root().has("deployments")) {
            deployments.read(yaml);
            return OutcomeKind.DEPLOYMENTS;
        }
        throw new InvalidInputException("unrecognised outcome file: " + EXPECTED, SourceLocation.ofFile(displayPath));
    }

    private static final String EXPECTED = "expected JUnit XML, JaCoCo XML, LCOV, axe-core JSON results,"
            + " or a deployments YAML file (see docs/metrics.md)";

    private OutcomeKind xml(byte[] content, String displayPath) {
        XMLStreamReader reader = SecureXml.open(content, displayPath);
        String root;
        try {
            root = SecureXml.rootElement(reader, displayPath);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // In-memory input.
            }
        }
        switch (root) {
            case "testsuites", "testsuite" -> {
                junit.parse(content, displayPath);
                return OutcomeKind.JUNIT;
            }
            case "report" -> {
                JacocoXml.parse(new ByteArrayInputStream(content), displayPath);
                return OutcomeKind.JACOCO;
            }
            default -> throw new InvalidInputException("XML with root element <" + root + ">: expected JUnit XML"
                    + " (<testsuites> or <testsuite>) or JaCoCo XML (<report>)", SourceLocation.ofFile(displayPath));
        }
    }

    private static boolean looksLikeLcov(String head) {
        return head.startsWith("TN:") || head.startsWith("SF:");
    }

    /** The start of the text, without a byte-order mark or leading white space. */
    private static String head(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 512), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.stripLeading();
    }
}
