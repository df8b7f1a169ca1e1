package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
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
 * holds would be skipped). Every such mistake of a file is reported in one refusal, each at its place
 * (an attribute's at its value, {@link XmlPlaces}); XML that is not well-formed ends the reading there.
 * Thread-safe.
 */
public final class JUnitReportParser {

    /**
     * What a {@code <testcase>} holds in the reports of Surefire, Gradle, pytest, Jest, Go and the JUnit XSD
     * Jenkins reads: its outcome, its output and properties, and Surefire's reruns ({@code flaky*}: passed on
     * a rerun; {@code rerun*}: beside the {@code <failure>} or {@code <error>} of a test that failed every run).
     */
    private static final List<String> CASE_CHILDREN = List.of("failure", "error", "skipped", "system-out",
            "system-err", "properties", "flakyFailure", "flakyError", "rerunFailure", "rerunError");

    /** The outcomes a test case can carry, strictest first; none (passed) last. */
    private static final List<String> STRICTNESS = Arrays.asList("error", "failure", "skipped", null);

    /**
     * Parses a report.
     *
     * @throws InvalidInputException when the report is not JUnit XML, is malformed, or is partial: every
     *                               mistake of the file, each at its line and column (an attribute's at its
     *                               value); XML that is not well-formed ends the reading at the place the
     *                               parser stopped
     */
    public TestReport parse(byte[] content, String displayPath) {
        XMLStreamReader reader = SecureXml.open(content, displayPath);
        try {
            String root = SecureXml.rootElement(reader, displayPath);
            if (!root.equals("testsuites") && !root.equals("testsuite")) {
                throw new InvalidInputException("expected JUnit XML with root element <testsuites> or <testsuite>, found <"
                        + root + ">", SecureXml.locate(reader.getLocation(), displayPath));
            }
            return new Reading(reader, new XmlPlaces(content, reader.getEncoding(), displayPath), displayPath).read();
        } finally {
            close(reader);
        }
    }

    /**
     * One report read to its end (or to where it stops being XML), every mistake collected: a report a
     * tool wrote wrong once is wrong throughout, and a user who fixes the first mistake should not
     * meet the next one on the next run (errors21).
     */
    private static final class Reading {

        private final XMLStreamReader reader;
        private final XmlPlaces places;
        private final String displayPath;
        /** Bounded: a hostile report's millions of mistakes are counted, not kept (errors23). */
        private final ErrorList.Mistakes mistakes = new ErrorList.Mistakes();

        Reading(XMLStreamReader reader, XmlPlaces places, String displayPath) {
            this.reader = reader;
            this.places = places;
            this.displayPath = displayPath;
        }

        TestReport read() {
            Deque<Suite> suites = new ArrayDeque<>();
            Totals totals = new Totals();
            Case current = null;
            int depth = 0;
            // An element refused with all it holds (a case inside a case, a case outside any suite): its
            // content is skipped, so that it neither counts nor reports mistakes of an element it is not.
            int skipping = 0;
            try {
                // The reader stands on the root element: handle it like any other start tag.
                int event = XMLStreamReader.START_ELEMENT;
                while (true) {
                    if (event == XMLStreamReader.START_ELEMENT) {
                        depth++;
                        if (depth > SecureXml.MAX_DEPTH) {
                            // The parser and this reader keep one entry per open element: reading on is the cost
                            // the bound prevents.
                            mistake(places.attribute(reader.getLocation(), null), "elements nested more than "
                                    + SecureXml.MAX_DEPTH + " deep; a test or coverage report nests a few levels");
                            break;
                        }
                        String name = reader.getLocalName();
                        if (skipping > 0) {
                            skipping++;
                        } else if (current != null && (name.equals("testsuite") || name.equals("testsuites")
                                || name.equals("testcase"))) {
                            // The open case would be replaced, its failure lost, and the inner element counted instead.
                            mistake(places.attribute(reader.getLocation(), null), "<" + name + "> inside <testcase>: a"
                                    + " test case holds its outcome (<failure>, <error>, <skipped>) and output, never"
                                    + " another case or suite");
                            skipping = 1;
                        } else if (name.equals("testsuite") || name.equals("testsuites")) {
                            boolean aggregate = name.equals("testsuites");
                            int declared = aggregate ? -1 : declaredTests();
                            String failedAttribute = count(String.valueOf(reader.getAttributeValue(null, "failures")))
                                    .isPresent() ? "failures" : "errors";
                            suites.push(new Suite(aggregate, depth, declared, declaredFailed(), failedAttribute,
                                    XmlPlaces.End.of(reader.getLocation())));
                            if (!aggregate) {
                                totals.suites++;
                            }
                        } else if (name.equals("testcase")) {
                            if (suites.stream().allMatch(s -> s.aggregate)) {
                                mistake(places.attribute(reader.getLocation(), null), "<testcase> outside any"
                                        + " <testsuite>");
                                skipping = 1;
                            } else {
                                current = new Case(depth, time(), caseName());
                            }
                        } else if (current != null && (name.equals("failure") || name.equals("error")
                                || name.equals("skipped"))) {
                            // The strictest outcome counts, whatever the order: error, then failure, then skipped.
                            current.failedElements += name.equals("skipped") ? 0 : 1;
                            current.outcome = STRICTNESS.indexOf(name) < STRICTNESS.indexOf(current.outcome) ? name
                                    : current.outcome;
                        } else if (current != null && depth == current.depth + 1 && !CASE_CHILDREN.contains(name)) {
                            // An outcome this reader cannot classify (<Failure>, <failed>) read as a pass (outcome27).
                            mistake(places.attribute(reader.getLocation(), null), "<" + Printable.line(name)
                                    + "> inside <testcase> is no element a test report writes there: expected one of "
                                    + String.join(", ", CASE_CHILDREN.stream().map(c -> "<" + c + ">").toList()));
                            skipping = 1;
                        }
                    } else if (event == XMLStreamReader.ENTITY_REFERENCE) {
                        // DTDs are not processed, so an entity is never expanded: a <failure> declared in one
                        // would be skipped and its case read as passed. Refused, as the JaCoCo reader does.
                        mistake(places.last('&', reader.getLocation()), "the report uses the entity &"
                                + reader.getLocalName() + "; entities other than XML's own (&amp; &lt; &gt; &quot;"
                                + " &apos;) are not accepted in test reports");
                    } else if (event == XMLStreamReader.END_ELEMENT) {
                        String name = reader.getLocalName();
                        if (skipping > 0) {
                            skipping--;
                        } else if (current != null && current.depth == depth) {
                            int failed = current.failedElements;
                            totals.add(current);
                            suites.forEach(s -> {
                                s.counted++;
                                s.countedFailed += failed;
                            });
                            current = null;
                        } else if (!suites.isEmpty() && suites.peek().depth == depth) {
                            closed(suites.pop(), name);
                        }
                        depth--;
                    }
                    if (!reader.hasNext()) {
                        break;
                    }
                    event = reader.next();
                }
            } catch (XMLStreamException e) {
                // Not XML from here on: the parser cannot go on, so this is the last mistake found.
                InvalidInputException malformed = SecureXml.malformed(e, displayPath);
                mistake(malformed.location().orElse(null), malformed.getMessage());
            }
            if (totals.suites == 0 && mistakes.isEmpty()) {
                throw new InvalidInputException("the report has no <testsuite>: expected at least one test suite",
                        SourceLocation.ofFile(displayPath));
            }
            // Document order: a suite's counts are checked at its end, and named at its start.
            mistakes.sortByLocation();
            if (!mistakes.isEmpty()) {
                throw mistakes.exception("invalid JUnit XML report", SourceLocation.ofFile(displayPath));
            }
            return new TestReport(totals.suites, totals.tests, totals.failures, totals.errors, totals.skipped,
                    totals.time, totals.cases);
        }

        /** The checks of a suite's counts against the cases it held, at its end. */
        private void closed(Suite suite, String name) {
            if (suite.declared >= 0 && suite.declared != suite.counted) {
                mistake(places.attribute(suite.endOfTag, "tests"), "the <testsuite> declares tests=\"" + suite.declared
                        + "\" but holds " + suite.counted + " <testcase> elements (a partial report?)");
            }
            if (suite.declaredFailed > suite.countedFailed) {
                // A suite that failed to run (a class that did not load, a collection error) says so in its
                // counts and may hold no case: its failures must not read as a pass.
                mistake(places.attribute(suite.endOfTag, suite.failedAttribute), "the <" + name
                        + "> declares " + suite.declaredFailed + " failure(s) and error(s) but its test cases hold "
                        + suite.countedFailed + " <failure> or <error> element(s): a suite that failed outside its"
                        + " test cases, or a partial report");
            }
        }

        private void mistake(SourceLocation location, String message) {
            mistakes.add(Finding.error("outcome.invalid", message,
                    location == null ? SourceLocation.ofFile(displayPath) : location));
        }

        private int declaredTests() {
            String tests = reader.getAttributeValue(null, "tests");
            if (tests == null) {
                return -1;
            }
            OptionalInt n = count(tests);
            if (n.isEmpty()) {
                notACount("tests", tests);
                return -1; // not compared with the cases: the mistake is the value
            }
            return n.getAsInt();
        }

        /**
         * The suite's own {@code failures} plus {@code errors} attributes (tools swap the two, so only their
         * sum is compared); 0 when it states neither. One that is not a count is reported, each of the two
         * (outcome27: the first alone was), and the other still counts: the suite declares at least that many.
         */
        private int declaredFailed() {
            long sum = 0;
            for (String attribute : List.of("failures", "errors")) {
                String value = reader.getAttributeValue(null, attribute);
                if (value == null) {
                    continue;
                }
                OptionalInt n = count(value);
                if (n.isEmpty()) {
                    notACount(attribute, value);
                    continue;
                }
                sum += n.getAsInt();
            }
            return (int) Math.min(sum, Integer.MAX_VALUE);
        }

        private void notACount(String attribute, String value) {
            mistake(places.attribute(reader.getLocation(), attribute), attribute + "=\"" + Printable.line(value)
                    + "\" is not a count: expected a whole number from 0 to " + Integer.MAX_VALUE);
        }

        /** {@code classname.name}, or {@code name} alone; a case without a name cannot be listed and is refused. */
        private String caseName() {
            String name = reader.getAttributeValue(null, "name");
            if (name == null || name.isBlank()) {
                mistake(places.attribute(reader.getLocation(), "name"), "<testcase> has no name attribute: expected"
                        + " the test's name, as in <testcase classname=\"com.example.CartTest\" name=\"addsItem\">");
                return "";
            }
            String className = reader.getAttributeValue(null, "classname");
            return className == null || className.isBlank() ? name.strip() : className.strip() + "." + name.strip();
        }

        private double time() {
            String time = reader.getAttributeValue(null, "time");
            if (time == null || time.isBlank()) {
                return 0;
            }
            // The form reports write, judged before parsing: Double.parseDouble takes Java's literals too
            // (0x1p3, 1d, 1e3, white space around), none of which a test report holds (outcome27).
            if (PLAIN_DECIMAL.matcher(time).matches()) {
                double seconds = Double.parseDouble(time);
                if (Double.isFinite(seconds)) {
                    return seconds;
                }
            }
            mistake(places.attribute(reader.getLocation(), "time"), "time=\"" + Printable.line(time)
                    + "\" is not a duration: expected seconds as a plain decimal, such as 0.25");
            return 0;
        }
    }

    /** Seconds as reports write them: ASCII digits, then a fraction or not; no sign, exponent or suffix. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]{1,18}(\\.[0-9]{1,18})?");

    /** A whole number as reports write it: ASCII digits, nothing around them. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

    /**
     * A whole number from 0 to {@link Integer#MAX_VALUE} in ASCII digits; empty otherwise: Integer.parseInt takes
     * a sign and any script's digits (outcome27).
     */
    private static OptionalInt count(String value) {
        if (!DIGITS.matcher(value).matches()) {
            return OptionalInt.empty();
        }
        long n = Long.parseLong(value);
        return n <= Integer.MAX_VALUE ? OptionalInt.of((int) n) : OptionalInt.empty();
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
        /** How deep its element is: its end tag is the one at this depth. */
        final int depth;
        final int declared;
        final int declaredFailed;
        /** The attribute a disagreeing failure count is named at. */
        final String failedAttribute;
        /** Where the parser ended its start tag (its attributes are found from there). */
        final XmlPlaces.End endOfTag;
        int counted;
        int countedFailed;

        Suite(boolean aggregate, int depth, int declared, int declaredFailed, String failedAttribute,
                XmlPlaces.End endOfTag) {
            this.aggregate = aggregate;
            this.depth = depth;
            this.declared = declared;
            this.declaredFailed = declaredFailed;
            this.failedAttribute = failedAttribute;
            this.endOfTag = endOfTag;
        }
    }

    private static final class Case {
        /** How deep its element is: its end tag is the one at this depth. */
        final int depth;
        final double time;
        final String name;
        String outcome;
        /** The {@code <failure>} and {@code <error>} elements it holds (pytest writes both for a test that failed, then erred in teardown, and counts each). */
        int failedElements;

        Case(int depth, double time, String name) {
            this.depth = depth;
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
