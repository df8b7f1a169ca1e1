package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * outcome27: a test's {@code time} was read with {@code Double.parseDouble}, which takes Java's literals
 * ({@code 0x1p3}, {@code 1d}, {@code 1f}, {@code 1e3}, white space around), and a count with
 * {@code Integer.parseInt}, which takes a sign and any script's digits ({@code ٣} is 3). Both are now held to
 * the form JUnit reports write: a plain decimal, ASCII digits only, nothing around it; the rest is refused at
 * the attribute's line and column.
 */
class JUnitNumbersTest {

    private final JUnitReportParser parser = new JUnitReportParser();

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "1d", "1f", "1D", " 1 ", "1 ", "+1", "1e3", "1E-3", ".5", "5.", "1_0", "NaN",
        "Infinity", "\u0661", "1.\u0665", "0x10", "1,5"})
    void aTimeThatIsNotAPlainDecimalIsRefusedAtItsAttribute(String time) {
        InvalidInputException e = refused("<testsuite>\n  <testcase name=\"a\" time=\"" + time + "\"/>\n</testsuite>");

        assertThat(e.getMessage()).contains("is not a duration: expected seconds as a plain decimal, such as 0.25");
        assertThat(e.location()).hasValueSatisfying(l -> {
            assertThat(l.file()).isEqualTo("TEST-s.xml");
            assertThat(l.line()).isEqualTo(2);
            assertThat(l.column()).isEqualTo(28);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.25", "12.345", "1000000", "0.000", "007.5"})
    void aPlainDecimalTimeIsRead(String time) {
        TestReport report = parser.parse(bytes("<testsuite><testcase name=\"a\" time=\"" + time + "\"/></testsuite>"),
                "TEST-s.xml");

        assertThat(report.timeSeconds()).isEqualTo(Double.parseDouble(time));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1", " 1", "1 ", "\u0661", "\uFF11", "1.0", "0x1", "1e0", "-0"})
    void aCountThatIsNotPlainAsciiDigitsIsRefusedAtItsAttribute(String count) {
        InvalidInputException e = refused("<testsuite tests=\"" + count + "\">\n<testcase name=\"a\"/></testsuite>");

        assertThat(e.getMessage()).contains("is not a count: expected a whole number from 0 to 2147483647");
        assertThat(e.location()).contains(new SourceLocation("TEST-s.xml", 1, 19));
    }

    /** Before, a suite whose failures was not a count had its errors left unread: one mistake of the two. */
    @Test
    void everyCountOfASuiteThatIsNotACountIsReported() {
        InvalidInputException e = refused("<testsuite tests=\"x\" failures=\"1d\" errors=\"+1\">\n"
                + "<testcase name=\"a\"/></testsuite>");

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JUnit XML report: 3 errors:",
                "  TEST-s.xml:1:19: tests=\"x\" is not a count: expected a whole number from 0 to 2147483647",
                "  TEST-s.xml:1:32: failures=\"1d\" is not a count: expected a whole number from 0 to 2147483647",
                "  TEST-s.xml:1:44: errors=\"+1\" is not a count: expected a whole number from 0 to 2147483647");
    }

    /** The count that is one is still held to the cases: errors="2" beside failures="x", and no failing case. */
    @Test
    void aValidCountBesideAnInvalidOneIsStillComparedWithTheCases() {
        InvalidInputException e = refused("<testsuite failures=\"x\" errors=\"2\">\n<testcase name=\"a\"/></testsuite>");

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JUnit XML report: 2 errors:",
                "  TEST-s.xml:1:22: failures=\"x\" is not a count: expected a whole number from 0 to 2147483647",
                "  TEST-s.xml:1:33: the <testsuite> declares 2 failure(s) and error(s) but its test cases hold 0"
                        + " <failure> or <error> element(s): a suite that failed outside its test cases, or a partial"
                        + " report");
    }

    /**
     * A case whose child element is none a report writes ({@code <Failure>}, {@code <failed>}) read as passed:
     * an outcome the reader cannot classify is now refused at the element.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Failure", "FAILURE", "failed", "errors", "Skipped", "assertion"})
    void aCaseChildThatIsNoKnownOutcomeIsRefusedNotReadAsPassed(String element) {
        InvalidInputException e = refused("<testsuite>\n<testcase name=\"a\"><" + element + " message=\"x\"/></testcase>"
                + "</testsuite>");

        assertThat(e.getMessage()).contains("<" + element + "> inside <testcase>").contains("expected one of");
        assertThat(e.location()).contains(new SourceLocation("TEST-s.xml", 2, 20));
    }

    @Test
    void theChildrenReportsWriteAreRead() {
        TestReport report = parser.parse(bytes("""
                <testsuite tests="3" failures="1">
                  <testcase name="a"><properties><property name="k" value="v"/></properties>
                    <system-out>out</system-out><system-err>err</system-err></testcase>
                  <testcase name="b"><flakyFailure message="m"><stackTrace>s</stackTrace></flakyFailure>
                    <flakyError/></testcase>
                  <testcase name="c"><failure/><rerunFailure/><rerunError/></testcase>
                </testsuite>
                """), "TEST-s.xml");

        assertThat(report.tests()).isEqualTo(3);
        assertThat(report.failures()).isEqualTo(1);
    }

    private InvalidInputException refused(String report) {
        return catchThrowableOfType(InvalidInputException.class, () -> parser.parse(bytes(report), "TEST-s.xml"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
