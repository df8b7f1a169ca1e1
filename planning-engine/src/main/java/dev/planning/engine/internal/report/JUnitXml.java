package dev.planning.engine.internal.report;

import dev.planning.api.Printable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes JUnit XML, the test report format every CI system reads ({@code <testsuites>} of
 * {@code <testsuite>} of {@code <testcase>}, with {@code <failure>} and {@code <skipped>}). Generic:
 * a suite is any group of named checks, so gate runs, lint and rule tests can all be reported.
 *
 * <pre>{@code
 * String xml = JUnitXml.render("planning gate", List.of(new JUnitXml.Suite("fe/2025-09-02", List.of(
 *         JUnitXml.TestCase.passed("planning.fe", "schema_lint"),
 *         JUnitXml.TestCase.failed("planning.fe", "governance", new JUnitXml.Failure("gate failed", "1 error", "...")))));
 * }</pre>
 *
 * <p>Counts ({@code tests}, {@code failures}, {@code errors}, and {@code skipped} per suite) are
 * computed; every element has a {@code time} attribute. The output validates against the common
 * Jenkins/xunit JUnit schema (no attribute that schema rejects, such as {@code skipped} on
 * {@code <testsuites>}). Text
 * is escaped by a real XML writer (JDK StAX); characters XML 1.0 cannot carry (most control
 * characters) are replaced with {@code ?}; a line break or tab in an attribute value, and a carriage return
 * anywhere, is a character reference, so that an XML reader reads the value as given ({@link #breaksKept}). Names should be stable and unique within a suite (a
 * CI system matches runs by {@code classname} and {@code name}).
 */
public final class JUnitXml {

    /**
     * The {@code time} of every element: planning's checks are not timed one by one, and a report
     * must not differ between two runs over the same inputs, so it is a constant zero seconds.
     */
    static final String TIME = "0.000";

    private JUnitXml() {
    }

    /**
     * A suite of test cases.
     *
     * @param name  the suite's name
     * @param cases its cases, in order
     */
    public record Suite(String name, List<TestCase> cases) {
        public Suite {
            Objects.requireNonNull(name, "name");
            cases = List.copyOf(cases);
        }

        long failures() {
            return cases.stream().filter(c -> c.failure().isPresent()).count();
        }

        long skipped() {
            return cases.stream().filter(c -> c.skipped().isPresent()).count();
        }
    }

    /**
     * One check.
     *
     * @param className the group it belongs to (JUnit's {@code classname})
     * @param name      its name, unique within the class name
     * @param failure   why it failed, when it did
     * @param skipped   why it was skipped, when it was
     * @param systemOut further output (warnings, notes); may be empty
     */
    public record TestCase(String className, String name, Optional<Failure> failure, Optional<String> skipped,
            String systemOut) {
        public TestCase {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(skipped, "skipped");
            Objects.requireNonNull(systemOut, "systemOut");
        }

        /** A passing check. */
        public static TestCase passed(String className, String name) {
            return new TestCase(className, name, Optional.empty(), Optional.empty(), "");
        }

        /** A failed check. */
        public static TestCase failed(String className, String name, Failure failure) {
            return new TestCase(className, name, Optional.of(failure), Optional.empty(), "");
        }

        /** The same case with further output. */
        public TestCase withSystemOut(String text) {
            return new TestCase(className, name, failure, skipped, text);
        }
    }

    /**
     * Why a check failed.
     *
     * @param type    a short kind, e.g. {@code gate failed}
     * @param message one line
     * @param details the full explanation (one finding per line)
     */
    public record Failure(String type, String message, String details) {
        public Failure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(details, "details");
        }
    }

    /**
     * The document for these suites, as a string, with what a CI runner reads as a command in a build's log written
     * as a character reference ({@link Printable#inertInBuildLogsAsXml}; out38): the command line prints it, and a
     * job may print it into its log. An XML reader reads the same text.
     */
    public static String render(String name, List<Suite> suites) {
        StringWriter out = new StringWriter();
        document(out, name, suites);
        return Printable.inertInBuildLogsAsXml(breaksKept(out.toString()));
    }

    /**
     * The document with each line break and tab an XML reader would not read as written, as a character reference
     * (review38b): a reader replaces a line feed, carriage return or tab in an attribute value by a space, and a
     * carriage return in text by a line feed, where StAX writes them as they are. The document's own markup holds
     * no carriage return, and a value's {@code <} and {@code "} are StAX's references, so a {@code "} inside a tag
     * opens or closes an attribute value.
     */
    static String breaksKept(String xml) {
        StringBuilder out = new StringBuilder(xml.length());
        boolean tag = false;
        boolean value = false;
        for (int i = 0; i < xml.length(); i++) {
            char c = xml.charAt(i);
            if (c == '\r' || value && (c == '\n' || c == '\t')) {
                out.append("&#").append((int) c).append(';');
                continue;
            }
            if (c == '<' && !tag) {
                tag = true;
            } else if (c == '"' && tag) {
                value = !value;
            } else if (c == '>' && tag && !value) {
                tag = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Writes the document for these suites, as {@link #render} gives it. */
    public static void write(Writer out, String name, List<Suite> suites) {
        try {
            out.write(render(name, suites));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void document(Writer out, String name, List<Suite> suites) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml, 0);
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", clean(name));
            // No `skipped` here: the Jenkins/xunit JUnit schema allows it on <testsuite> only.
            xml.writeAttribute("time", TIME);
            xml.writeAttribute("tests", Long.toString(suites.stream().mapToLong(s -> s.cases().size()).sum()));
            xml.writeAttribute("failures", Long.toString(suites.stream().mapToLong(Suite::failures).sum()));
            xml.writeAttribute("errors", "0");
            for (Suite suite : suites) {
                suite(xml, suite);
            }
            newline(xml, 0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
            out.write('\n');
            out.flush();
        } catch (XMLStreamException | IOException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void suite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
        newline(xml, 1);
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(suite.name()));
        xml.writeAttribute("time", TIME);
        counts(xml, suite.cases().size(), suite.failures(), suite.skipped());
        for (TestCase testCase : suite.cases()) {
            newline(xml, 2);
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", clean(testCase.className()));
            xml.writeAttribute("name", clean(testCase.name()));
            xml.writeAttribute("time", TIME);
            if (testCase.failure().isPresent()) {
                Failure failure = testCase.failure().get();
                newline(xml, 3);
                xml.writeStartElement("failure");
                xml.writeAttribute("type", clean(failure.type()));
                xml.writeAttribute("message", clean(failure.message()));
                xml.writeCharacters(clean(failure.details()));
                xml.writeEndElement();
            }
            if (testCase.skipped().isPresent()) {
                newline(xml, 3);
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", clean(testCase.skipped().get()));
                xml.writeEndElement();
            }
            if (!testCase.systemOut().isEmpty()) {
                newline(xml, 3);
                xml.writeStartElement("system-out");
                xml.writeCharacters(clean(testCase.systemOut()));
                xml.writeEndElement();
            }
            if (testCase.failure().isPresent() || testCase.skipped().isPresent() || !testCase.systemOut().isEmpty()) {
                newline(xml, 2);
            }
            xml.writeEndElement();
        }
        newline(xml, 1);
        xml.writeEndElement();
    }

    private static void counts(XMLStreamWriter xml, long tests, long failures, long skipped) throws XMLStreamException {
        xml.writeAttribute("tests", Long.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Long.toString(skipped));
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** XML 1.0 allows tab, newline, carriage return and characters from U+0020; the rest become '?'. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            out.appendCodePoint(allowed ? c : '?');
        });
        return out.toString();
    }
}
