package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads JUnit XML test results: Maven Surefire/Failsafe reports ({@code TEST-*.xml}, root
 * {@code <testsuite>}) and the generic aggregate form (root {@code <testsuites>} holding
 * {@code <testsuite>} elements, possibly nested), as written by Gradle, Jest, pytest, Cypress and
 * most CI tools.
 *
 * <p>Counts come from the {@code <testcase>} elements: a case with a {@code <failure>} child
 * failed, with an {@code <error>} child errored, with a {@code <skipped>} child was skipped; each case
 * is kept by name ({@code classname.name}; a case without a {@code name} is refused). A suite
 * whose {@code tests} attribute disagrees with the cases it holds is refused as a partial report,
 * as is a truncated or malformed file. A suite (or {@code <testsuites>}) whose {@code failures} plus
 * {@code errors} say more than the {@code <failure>} and {@code <error>} elements of its cases is
 * refused too (a suite that failed outside its cases, such as one whose class did not load, must not
 * read as a pass), and so is a case or suite inside a {@code <testcase>} (the outer case's outcome
 * would be lost), and an entity reference (DTDs are not processed, so a {@code <failure>} an entity
 * holds would be skipped). Thread-safe.
 */
public final class JUnitReportParser {

    /** The outcomes a test case can carry, strictest first; none (passed) last. */
    private static final List<String> STRICTNESS = Arrays.asList("error", "failure", "skipped", null);

    /**
     * Parses a report.
     *
     * @throws InvalidInputException naming the file and line when the report is not JUnit XML,
     *                               is malformed, or is partial
     */
    public TestReport parse(byte[] content, String displayPath) {
        XMLStreamReader reader = SecureXml.open(content, displayPath);
        try {
            String root = SecureXml.rootElement(reader, displayPath);
            if (!root.equals("testsuites") && !root.equals("testsuite")) {
                throw new InvalidInputException("expected JUnit XML with root element <testsuites> or <testsuite>, found <"
                        + root + ">", SecureXml.locate(reader.getLocation(), displayPath));
            }
            return read(reader, displayPath);
        } catch (XMLStreamException e) {
            throw SecureXml.malformed(e, displayPath);
        } finally {
            close(reader);
        }
    }

    private TestReport read(XMLStreamReader reader, String displayPath) throws XMLStreamException {
        Deque<Suite> suites = new ArrayDeque<>();
        Totals totals = new Totals();
        Case current = null;
        int depth = 0;
        // The reader stands on the root element: handle it like any other start tag.
        int event = XMLStreamReader.START_ELEMENT;
        while (true) {
            if (event == XMLStreamReader.START_ELEMENT) {
                SecureXml.requireDepth(++depth, reader, displayPath);
                String name = reader.getLocalName();
                if (current != null && (name.equals("testsuite") || name.equals("testsuites")
                        || name.equals("testcase"))) {
                    // The open case would be replaced, its failure lost, and the inner element counted instead.
                    throw new InvalidInputException("<" + name + "> inside <testcase>: a test case holds its outcome"
                            + " (<failure>, <error>, <skipped>) and output, never another case or suite",
                            SecureXml.locate(reader.getLocation(), displayPath));
                }
                if (name.equals("testsuite") || name.equals("testsuites")) {
                    boolean aggregate = name.equals("testsuites");
                    suites.push(new Suite(aggregate, aggregate ? -1 : declaredTests(reader, displayPath),
                            declaredFailed(reader, displayPath), SecureXml.locate(reader.getLocation(), displayPath)));
                    if (!aggregate) {
                        totals.suites++;
                    }
                } else if (name.equals("testcase")) {
                    if (suites.stream().allMatch(s -> s.aggregate)) {
                        throw new InvalidInputException("<testcase> outside any <testsuite>",
                                SecureXml.locate(reader.getLocation(), displayPath));
                    }
                    current = new Case(time(reader, displayPath), caseName(reader, displayPath));
                } else if (current != null && (name.equals("failure") || name.equals("error")
                        || name.equals("skipped"))) {
                    // The strictest outcome counts, whatever the order: error, then failure, then skipped.
                    current.failedElements += name.equals("skipped") ? 0 : 1;
                    current.outcome = STRICTNESS.indexOf(name) < STRICTNESS.indexOf(current.outcome) ? name
                            : current.outcome;
                }
            } else if (event == XMLStreamReader.ENTITY_REFERENCE) {
                // DTDs are not processed, so an entity is never expanded: a <failure> declared in one
                // would be skipped and its case read as passed. Refused, as the JaCoCo reader does.
                throw new InvalidInputException("the report uses the entity &" + reader.getLocalName()
                        + "; entities other than XML's own (&amp; &lt; &gt; &quot; &apos;) are not accepted in"
                        + " test reports", SecureXml.locate(reader.getLocation(), displayPath));
            } else if (event == XMLStreamReader.END_ELEMENT) {
                depth--;
                String name = reader.getLocalName();
                if (name.equals("testcase") && current != null) {
                    int failed = current.failedElements;
                    totals.add(current);
                    suites.forEach(s -> {
                        s.counted++;
                        s.countedFailed += failed;
                    });
                    current = null;
                } else if (name.equals("testsuite") || name.equals("testsuites")) {
                    Suite suite = suites.pop();
                    if (suite.declared >= 0 && suite.declared != suite.counted) {
                        throw new InvalidInputException("the <testsuite> declares tests=\"" + suite.declared
                                + "\" but holds " + suite.counted + " <testcase> elements (a partial report?)",
                                suite.location);
                    }
                    if (suite.declaredFailed > suite.countedFailed) {
                        // A suite that failed to run (a class that did not load, a collection error) says so
                        // in its counts and may hold no case: its failures must not read as a pass.
                        throw new InvalidInputException("the <" + name + "> declares " + suite.declaredFailed
                                + " failure(s) and error(s) but its test cases hold " + suite.countedFailed
                                + " <failure> or <error> element(s): a suite that failed outside its test"
                                + " cases, or a partial report", suite.location);
                    }
                }
            }
            if (!reader.hasNext()) {
                break;
            }
            event = reader.next();
        }
        if (totals.suites == 0) {
            throw new InvalidInputException("the report has no <testsuite>: expected at least one test suite",
                    SourceLocation.ofFile(displayPath));
        }
        return new TestReport(totals.suites, totals.tests, totals.failures, totals.errors, totals.skipped,
                totals.time, totals.cases);
    }

    private static int declaredTests(XMLStreamReader reader, String displayPath) {
        String tests = reader.getAttributeValue(null, "tests");
        if (tests == null) {
            return -1;
        }
        try {
            int n = Integer.parseInt(tests.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException("tests=\"" + tests + "\" is not a count: expected a whole number from 0 to "
                + Integer.MAX_VALUE, SecureXml.locate(reader.getLocation(), displayPath));
    }

    /**
     * The suite's own {@code failures} plus {@code errors} attributes (tools swap the two, so only
     * their sum is compared); 0 when it states neither.
     */
    private static int declaredFailed(XMLStreamReader reader, String displayPath) {
        long sum = 0;
        for (String attribute : List.of("failures", "errors")) {
            String value = reader.getAttributeValue(null, attribute);
            if (value == null) {
                continue;
            }
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 0) {
                    sum += n;
                    continue;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new InvalidInputException(attribute + "=\"" + value + "\" is not a count: expected a whole number"
                    + " from 0 to " + Integer.MAX_VALUE, SecureXml.locate(reader.getLocation(), displayPath));
        }
        return (int) Math.min(sum, Integer.MAX_VALUE);
    }

    /** {@code classname.name}, or {@code name} alone; a case without a name cannot be listed and is refused. */
    private static String caseName(XMLStreamReader reader, String displayPath) {
        String name = reader.getAttributeValue(null, "name");
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("<testcase> has no name attribute: expected the test's name, as in"
                    + " <testcase classname=\"com.example.CartTest\" name=\"addsItem\">",
                    SecureXml.locate(reader.getLocation(), displayPath));
        }
        String className = reader.getAttributeValue(null, "classname");
        return className == null || className.isBlank() ? name.strip() : className.strip() + "." + name.strip();
    }

    private static double time(XMLStreamReader reader, String displayPath) {
        String time = reader.getAttributeValue(null, "time");
        if (time == null || time.isBlank()) {
            return 0;
        }
        try {
            double seconds = Double.parseDouble(time.strip());
            if (seconds >= 0 && Double.isFinite(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException("time=\"" + time + "\" is not a duration: expected seconds such as 0.25",
                SecureXml.locate(reader.getLocation(), displayPath));
    }

    private static void close(XMLStreamReader reader) {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // In-memory input: nothing to release.
        }
    }

    private static final class Suite {
        final boolean aggregate;
        final int declared;
        final int declaredFailed;
        final SourceLocation location;
        int counted;
        int countedFailed;

        Suite(boolean aggregate, int declared, int declaredFailed, SourceLocation location) {
            this.aggregate = aggregate;
            this.declared = declared;
            this.declaredFailed = declaredFailed;
            this.location = location;
        }
    }

    private static final class Case {
        final double time;
        final String name;
        String outcome;
        /** The {@code <failure>} and {@code <error>} elements it holds (pytest writes both for a test that failed, then erred in teardown, and counts each). */
        int failedElements;

        Case(double time, String name) {
            this.time = time;
            this.name = name;
        }
    }

    private static final class Totals {
        int suites;
        int tests;
        int failures;
        int errors;
        int skipped;
        double time;
        final List<TestReport.TestCase> cases = new ArrayList<>();

        void add(Case c) {
            tests++;
            time += c.time;
            TestReport.Result result = TestReport.Result.PASSED;
            if ("failure".equals(c.outcome)) {
                failures++;
                result = TestReport.Result.FAILED;
            } else if ("error".equals(c.outcome)) {
                errors++;
                result = TestReport.Result.ERROR;
            } else if ("skipped".equals(c.outcome)) {
                skipped++;
                result = TestReport.Result.SKIPPED;
            }
            cases.add(new TestReport.TestCase(c.name, result));
        }
    }
}
