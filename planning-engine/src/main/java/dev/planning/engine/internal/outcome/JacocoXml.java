package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.workspace.Shown;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the totals of a JaCoCo XML report: the {@code LINE} and {@code BRANCH} counters that are
 * direct children of {@code <report>} (a report that states one of them twice is refused).
 *
 * <pre>{@code
 * CoverageReport report = JacocoXml.read(Path.of("target/site/jacoco/jacoco.xml"), "jacoco.xml");
 * report.lines().percent();
 * }</pre>
 *
 * <p>The report is streamed (memory does not grow with its size) with DTD processing and external
 * entities switched off: JaCoCo's {@code <!DOCTYPE report ... "report.dtd">} is skipped, never
 * fetched, and a document that declares or uses entities is refused rather than expanded.
 * Thread-safe.
 */
public final class JacocoXml {

    private static final XMLInputFactory FACTORY = hardenedFactory();

    private JacocoXml() {
    }

    /**
     * Reads a report file.
     *
     * @param displayPath how errors name the file
     * @throws InvalidInputException when the file cannot be read or is not a well-formed JaCoCo
     *                               report, located at the offending line and column
     */
    public static CoverageReport read(Path file, String displayPath) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, displayPath);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the JaCoCo report: " + Shown.why(e),
                    SourceLocation.ofFile(displayPath), e);
        }
    }

    /** Whether bytes are a JaCoCo XML report: well-formed up to a root element named {@code report}. */
    public static boolean isReport(byte[] content) {
        try (InputStream in = new ByteArrayInputStream(content)) {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
            try {
                return firstElement(xml) && "report".equals(xml.getLocalName());
            } finally {
                xml.close();
            }
        } catch (IOException | XMLStreamException e) {
            return false;
        }
    }

    /**
     * Parses a report from a stream (not closed).
     *
     * @throws InvalidInputException when it is not a well-formed JaCoCo report: every mistake, each at its element
     */
    public static CoverageReport parse(InputStream in, String displayPath) {
        XMLStreamReader xml = null;
        try {
            xml = FACTORY.createXMLStreamReader(in);
            if (!firstElement(xml)) {
                throw new InvalidInputException("not a JaCoCo XML report: no root element, expected <report>",
                        located(displayPath, xml));
            }
            if (!"report".equals(xml.getLocalName())) {
                throw new InvalidInputException("not a JaCoCo XML report: the root element is <" + xml.getLocalName()
                        + ">, expected <report>", located(displayPath, xml));
            }
            // Every mistake of the report, each at its element, in one refusal (errors21: the first alone was).
            List<Finding> mistakes = new ArrayList<>();
            Coverage lines = Coverage.NONE;
            Coverage branches = Coverage.NONE;
            Set<String> totals = new HashSet<>();
            SourceLocation firstClasses = null;
            int depth = 1;
            while (depth > 0) {
                int event;
                try {
                    event = xml.next();
                } catch (XMLStreamException e) {
                    // Not XML from here on: the parser cannot go on, so this is the last mistake found.
                    mistakes.add(Finding.error("outcome.invalid", "not a well-formed JaCoCo XML report: " + reason(e),
                            malformedAt(e, displayPath)));
                    break;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (++depth > SecureXml.MAX_DEPTH) {
                        mistakes.add(Finding.error("outcome.invalid", "elements nested more than " + SecureXml.MAX_DEPTH
                                + " deep; a test or coverage report nests a few levels", located(displayPath, xml)));
                        break;
                    }
                    if (depth == 2 && firstClasses == null
                            && ("package".equals(xml.getLocalName()) || "group".equals(xml.getLocalName()))) {
                        firstClasses = located(displayPath, xml);
                    }
                    if (depth == 2 && "counter".equals(xml.getLocalName())) {
                        String type = xml.getAttributeValue(null, "type");
                        if (("LINE".equals(type) || "BRANCH".equals(type)) && !totals.add(type)) {
                            // JaCoCo writes each total once; which of two would count is a guess.
                            mistakes.add(Finding.error("outcome.invalid", "<report> has a second <counter type=\""
                                    + type + "\">: a report states each total once", located(displayPath, xml)));
                        } else if ("LINE".equals(type)) {
                            lines = counter(xml, displayPath, mistakes);
                        } else if ("BRANCH".equals(type)) {
                            branches = counter(xml, displayPath, mistakes);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    mistakes.add(Finding.error("outcome.invalid", "the report uses the entity &" + xml.getLocalName()
                            + "; entities are not accepted in coverage reports", located(displayPath, xml)));
                }
            }
            if (depth == 0 && firstClasses != null && !totals.contains("LINE")) {
                // Its lines would count as none: the missed lines of every class in it gone from the totals.
                mistakes.add(Finding.error("outcome.invalid", "<report> holds classes but no <counter type=\"LINE\">"
                        + " total: expected the totals JaCoCo writes at the end of <report>", firstClasses));
            }
            // Read to the end, so that a second root (another report's missed lines) is refused by the parser, not skipped.
            try {
                while (depth == 0 && xml.hasNext()) {
                    xml.next();
                }
            } catch (XMLStreamException e) {
                mistakes.add(Finding.error("outcome.invalid", "not a well-formed JaCoCo XML report: " + reason(e),
                        malformedAt(e, displayPath)));
            }
            // Document order: the missing total is found at the end, named at the first classes.
            mistakes.sort(Comparator.comparingInt((Finding f) -> f.location().orElseThrow().line())
                    .thenComparingInt(f -> f.location().orElseThrow().column()));
            if (mistakes.size() == 1) {
                throw new InvalidInputException(mistakes.get(0).message(), mistakes.get(0).location().orElseThrow());
            }
            if (!mistakes.isEmpty()) {
                throw ErrorList.exception("invalid JaCoCo XML report", mistakes, SourceLocation.ofFile(displayPath));
            }
            return new CoverageReport(displayPath, CoverageReport.Format.JACOCO_XML, lines, branches);
        } catch (XMLStreamException e) {
            throw new InvalidInputException("not a well-formed JaCoCo XML report: " + reason(e), malformedAt(e, displayPath),
                    e);
        } finally {
            close(xml);
        }
    }

    /** Moves to the root element past the prolog (declaration, DOCTYPE, comments); false if there is none. */
    private static boolean firstElement(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                return false;
            }
        }
        return false;
    }

    private static Coverage counter(XMLStreamReader xml, String displayPath, List<Finding> mistakes) {
        long missed = count(xml, "missed", displayPath, mistakes);
        long covered = count(xml, "covered", displayPath, mistakes);
        return missed < 0 || covered < 0 ? Coverage.NONE : new Coverage(covered, missed);
    }

    /** The count, or -1 when it is not one (a mistake added). */
    private static long count(XMLStreamReader xml, String attribute, String displayPath, List<Finding> mistakes) {
        String value = xml.getAttributeValue(null, attribute);
        if (value == null || !value.matches("\\d{1,18}")) {
            mistakes.add(Finding.error("outcome.invalid", "<counter type=\"" + xml.getAttributeValue(null, "type")
                    + "\"> has " + attribute + "=" + (value == null ? "nothing" : "\"" + Printable.line(value) + "\"")
                    + "; expected a whole number of at most 18 digits", located(displayPath, xml)));
            return -1;
        }
        return Long.parseLong(value);
    }

    private static SourceLocation malformedAt(XMLStreamException e, String displayPath) {
        return e.getLocation() == null ? SourceLocation.ofFile(displayPath)
                : new SourceLocation(displayPath, Math.max(e.getLocation().getLineNumber(), 0),
                        Math.max(e.getLocation().getColumnNumber(), 0));
    }

    private static SourceLocation located(String displayPath, XMLStreamReader xml) {
        return new SourceLocation(displayPath, Math.max(xml.getLocation().getLineNumber(), 0),
                Math.max(xml.getLocation().getColumnNumber(), 0));
    }

    private static String reason(XMLStreamException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[l,c]\nMessage: "; the location is reported apart.
        int at = message.indexOf("Message: ");
        return at >= 0 ? message.substring(at + "Message: ".length()).trim() : message.trim();
    }

    private static XMLInputFactory hardenedFactory() {
        // The JDK's own parser, whatever StAX implementation the class path brings: its hardening is known.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static void close(XMLStreamReader xml) {
        if (xml == null) {
            return;
        }
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // The underlying stream is closed by the caller; nothing else is held.
        }
    }
}
