package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JUnitReportParserTest {

    private final JUnitReportParser parser = new JUnitReportParser();

    static final String SUREFIRE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="dev.shop.CheckoutTest" time="0.412" tests="4" errors="1" skipped="1" failures="1">
              <properties>
                <property name="java.version" value="17.0.15"/>
              </properties>
              <testcase name="paysByCard" classname="dev.shop.CheckoutTest" time="0.101"/>
              <testcase name="refusesExpiredCard" classname="dev.shop.CheckoutTest" time="0.2">
                <failure message="expected: 402" type="org.opentest4j.AssertionFailedError">stack</failure>
                <system-out><![CDATA[log]]></system-out>
              </testcase>
              <testcase name="appliesVoucher" classname="dev.shop.CheckoutTest" time="0.011">
                <error message="NPE" type="java.lang.NullPointerException">stack</error>
              </testcase>
              <testcase name="splitsPayment" classname="dev.shop.CheckoutTest" time="0">
                <skipped message="not yet"/>
              </testcase>
            </testsuite>
            """;

    @Test
    void countsASurefireReportFromItsTestCases() {
        TestReport report = parser.parse(bytes(SUREFIRE), "TEST-CheckoutTest.xml");

        assertThat(report).isEqualTo(new TestReport(1, 4, 1, 1, 1, 0.101 + 0.2 + 0.011, List.of(
                new TestReport.TestCase("dev.shop.CheckoutTest.paysByCard", TestReport.Result.PASSED),
                new TestReport.TestCase("dev.shop.CheckoutTest.refusesExpiredCard", TestReport.Result.FAILED),
                new TestReport.TestCase("dev.shop.CheckoutTest.appliesVoucher", TestReport.Result.ERROR),
                new TestReport.TestCase("dev.shop.CheckoutTest.splitsPayment", TestReport.Result.SKIPPED))));
        assertThat(report.passed()).isEqualTo(1);
    }

    @Test
    void aCaseSkippedAndFailedCountsAsFailedWhateverTheOrder() {
        String both = """
                <testsuite name="s" tests="2">
                  <testcase classname="c" name="skippedThenFailed"><skipped/><failure message="x"/></testcase>
                  <testcase classname="c" name="failedThenErred"><failure message="x"/><error message="y"/></testcase>
                </testsuite>
                """;

        TestReport report = parser.parse(bytes(both), "TEST-c.xml");

        assertThat(report.cases()).extracting(TestReport.TestCase::result)
                .containsExactly(TestReport.Result.FAILED, TestReport.Result.ERROR);
        assertThat(report.skipped()).isZero();
    }

    @Test
    void refusesATestCaseWithoutANameAtItsLine() {
        String nameless = """
                <testsuite name="s" tests="1">
                  <testcase classname="dev.shop.CheckoutTest"/>
                </testsuite>
                """;

        assertThatThrownBy(() -> parser.parse(bytes(nameless), "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no name attribute")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(2));
    }

    @Test
    void sumsTheNestedSuitesOfAGenericAggregateReport() {
        String jest = """
                <testsuites name="jest tests" tests="3" failures="0">
                  <testsuite name="cart" tests="2">
                    <testcase classname="cart adds" name="adds" time="0.003"/>
                    <testcase classname="cart removes" name="removes" time="0.001"/>
                  </testsuite>
                  <testsuite name="outer">
                    <testsuite name="inner" tests="1">
                      <testcase name="nested"><failure/></testcase>
                    </testsuite>
                  </testsuite>
                </testsuites>
                """;

        TestReport report = parser.parse(bytes(jest), "junit.xml");

        assertThat(report.suites()).isEqualTo(3);
        assertThat(report.tests()).isEqualTo(3);
        assertThat(report.failures()).isEqualTo(1);
        assertThat(report.passed()).isEqualTo(2);
    }

    @Test
    void refusesASuiteWhoseDeclaredCountDisagreesAsPartial() {
        String partial = """
                <testsuite name="s" tests="3">
                  <testcase name="a"/>
                </testsuite>
                """;

        assertThatThrownBy(() -> parser.parse(bytes(partial), "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declares tests=\"3\" but holds 1")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(1));
    }

    @Test
    void refusesASuiteThatDeclaresFailuresItsCasesDoNotHold() {
        // A suite whose class did not load: it says so in its counts and holds no failing case.
        String notLoaded = """
                <testsuite name="dev.shop.CheckoutTest" tests="1" failures="0" errors="1">
                  <testcase classname="dev.shop.CheckoutTest" name="paysByCard"/>
                </testsuite>
                """;
        String aggregate = """
                <testsuites tests="1" failures="2">
                  <testsuite name="s" tests="1"><testcase name="a"/></testsuite>
                </testsuites>
                """;

        assertThatThrownBy(() -> parser.parse(bytes(notLoaded), "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("declares 1 failure(s) and error(s) but its test cases hold 0")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(1));
        assertThatThrownBy(() -> parser.parse(bytes(aggregate), "junit.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<testsuites> declares 2 failure(s)");
    }

    @Test
    void acceptsDeclaredFailuresThatItsCasesHoldWhateverTheirKind() {
        // pytest: a test that failed, then erred in teardown, is one case counted in failures and in errors.
        String pytest = """
                <testsuites><testsuite name="pytest" tests="2" failures="1" errors="2">
                  <testcase classname="t" name="a"><failure message="x"/><error message="teardown"/></testcase>
                  <testcase classname="t" name="b"><failure message="y"/></testcase>
                </testsuite></testsuites>
                """;

        TestReport report = parser.parse(bytes(pytest), "junit.xml");

        assertThat(report.cases()).extracting(TestReport.TestCase::result)
                .containsExactly(TestReport.Result.ERROR, TestReport.Result.FAILED);
    }

    @Test
    void refusesACaseOrSuiteInsideATestCaseRatherThanLosingItsFailure() {
        String nestedCase = """
                <testsuite name="s" tests="1">
                  <testcase name="fails"><failure message="x"/>
                    <testcase name="passes"/>
                  </testcase>
                </testsuite>
                """;
        String nestedSuite = """
                <testsuite name="s">
                  <testcase name="fails"><failure message="x"/><testsuite name="t"/></testcase>
                </testsuite>
                """;

        assertThatThrownBy(() -> parser.parse(bytes(nestedCase), "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<testcase> inside <testcase>")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(3));
        assertThatThrownBy(() -> parser.parse(bytes(nestedSuite), "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<testsuite> inside <testcase>");
    }

    @Test
    void refusesATruncatedReportNamingTheLine() {
        String truncated = "<testsuite name=\"s\" tests=\"1\">\n  <testcase name=\"a\">\n";

        assertThatThrownBy(() -> parser.parse(bytes(truncated), "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("malformed XML")
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).startsWith("TEST-s.xml:"));
    }

    @Test
    void neverExpandsExternalEntities() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <testsuite name="&secret;" tests="1"><testcase name="&secret;"/></testsuite>
                """;

        // Either refused or parsed without the file's content: never a read of /etc/passwd.
        try {
            TestReport report = parser.parse(bytes(xxe), "x.xml");
            assertThat(report.tests()).isEqualTo(1);
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).doesNotContain("root:");
        }
    }

    @Test
    void refusesAnEntityRatherThanSkippingTheFailureItHolds() {
        String hidden = """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY f "<failure message='x'/>">]>
                <testsuite name="s" tests="1"><testcase name="a">&f;</testcase></testsuite>
                """;
        String undeclared = "<testsuite name=\"s\" tests=\"1\">\n<testcase name=\"a\">&f;</testcase></testsuite>";

        assertThatThrownBy(() -> parser.parse(bytes(hidden), "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the report uses the entity &f;")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(3));
        assertThatThrownBy(() -> parser.parse(bytes(undeclared), "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the report uses the entity &f;");
        // XML's own five are characters, not entities the parser leaves unexpanded.
        assertThat(parser.parse(bytes("<testsuite><testcase name=\"a&amp;b&lt;&gt;&quot;&apos;\">&amp;</testcase></testsuite>"),
                "TEST-s.xml").cases()).extracting(TestReport.TestCase::name).containsExactly("a&b<>\"'");
    }

    @Test
    void refusesXmlThatIsNotJUnit() {
        assertThatThrownBy(() -> parser.parse(bytes("<report name=\"x\"/>"), "jacoco.xml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected JUnit XML with root element <testsuites> or <testsuite>, found <report>");
    }

    @Test
    void refusesAnUnreadableTime() {
        String bad = "<testsuite><testcase name=\"a\" time=\"1,5\"/></testsuite>";

        assertThatThrownBy(() -> parser.parse(bytes(bad), "t.xml"))
                .hasMessageContaining("time=\"1,5\" is not a duration");
    }

    /**
     * A count past an int (or a time a double cannot hold) is refused at its line, saying the range: it
     * read "not a count: expected a whole number >= 0" for a whole number >= 0.
     */
    @Test
    void refusesACountPastAnIntSayingTheRange() {
        for (String attribute : List.of("tests", "failures", "errors")) {
            String bad = "<testsuite " + attribute + "=\"2147483648\">\n<testcase name=\"a\"/></testsuite>";

            assertThatThrownBy(() -> parser.parse(bytes(bad), "t.xml")).as(attribute)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(attribute + "=\"2147483648\" is not a count: expected a whole number from 0 to"
                            + " 2147483647");
        }
        assertThatThrownBy(() -> parser.parse(bytes("<testsuite><testcase name=\"a\" time=\"1e400\"/></testsuite>"),
                "t.xml")).hasMessageContaining("time=\"1e400\" is not a duration");
    }

    /**
     * errors21: every mistake of a report in one refusal, one line each, at its attribute's value (StAX
     * names the end of a start tag); before, the first alone (the failures count) was reported, at the
     * end of its tag.
     */
    @Test
    void everyMistakeOfAReportIsRefusedAtItsAttributesLineAndColumn() {
        String report = """
                <testsuite name="s" tests="3"
                           failures="x">
                  <testcase classname="c" name="a" time="-1"/>
                  <testcase classname="c"/>
                </testsuite>
                """;

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(bytes(report), "TEST-s.xml"));

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JUnit XML report: 4 errors:",
                "  TEST-s.xml:1:28: the <testsuite> declares tests=\"3\" but holds 2 <testcase> elements (a partial report?)",
                "  TEST-s.xml:2:22: failures=\"x\" is not a count: expected a whole number from 0 to 2147483647",
                "  TEST-s.xml:3:42: time=\"-1\" is not a duration: expected seconds as a plain decimal, such as 0.25",
                "  TEST-s.xml:4:3: <testcase> has no name attribute: expected the test's name, as in"
                        + " <testcase classname=\"com.example.CartTest\" name=\"addsItem\">");
        assertThat(e.location()).contains(new SourceLocation("TEST-s.xml", 1, 28));
    }

    /** A case inside a case is refused with all it holds, and the report is read on past it. */
    @Test
    void aCaseInsideACaseIsOneMistakeAndTheMistakesAfterItAreReportedToo() {
        String report = """
                <testsuite name="s" tests="2">
                  <testcase name="fails"><failure/>
                    <testcase name="inner" time="bad"><testcase/></testcase>
                  </testcase>
                  <testsuite name="t" tests="1" errors="-1"><testcase name="b"/></testsuite>
                </testsuite>
                """;

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(bytes(report), "TEST-s.xml"));

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JUnit XML report: 2 errors:",
                "  TEST-s.xml:3:5: <testcase> inside <testcase>: a test case holds its outcome (<failure>, <error>,"
                        + " <skipped>) and output, never another case or suite",
                "  TEST-s.xml:5:41: errors=\"-1\" is not a count: expected a whole number from 0 to 2147483647");
    }

    /** XML that stops being XML ends the reading: the mistakes before it, then the place the parser stopped. */
    @Test
    void theMistakesBeforeWhereTheXmlBreaksAreReportedThenTheBreak() {
        String truncated = "<testsuite name=\"s\">\n  <testcase name=\"a\" time=\"soon\"/>\n  <testcase name=\"b\">\n";

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(bytes(truncated), "TEST-s.xml"));

        List<String> lines = e.getMessage().lines().toList();
        assertThat(lines).as(e.getMessage()).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("  TEST-s.xml:2:28: time=\"soon\" is not a duration: expected seconds as a plain decimal, such as 0.25");
        assertThat(lines.get(2)).startsWith("  TEST-s.xml:4:1: malformed XML (truncated or partial report?): ");
    }

    /** Columns count code points, lines end at CR LF or CR too, and a UTF-16 report is located alike. */
    @Test
    void placesCountCodePointsAndEveryLineEndInAnyEncoding() {
        String report = "<testsuite name=\"\uD83D\uDE00\" tests=\"2\">\r\n<testcase name=\"a\"\r time=\"x\"/></testsuite>";

        String declaration = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>";
        Map<Integer, byte[]> byColumn = Map.of(28, bytes(report),
                declaration.length() + 28, (declaration + report).getBytes(StandardCharsets.UTF_16));
        byColumn.forEach((column, content) -> {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> parser.parse(content, "TEST-s.xml"));

            assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                    "invalid JUnit XML report: 2 errors:",
                    "  TEST-s.xml:1:" + column + ": the <testsuite> declares tests=\"2\" but holds 1 <testcase>"
                            + " elements (a partial report?)",
                    "  TEST-s.xml:3:8: time=\"x\" is not a duration: expected seconds as a plain decimal, such as 0.25");
        });
    }

    /** Hostile: a DOCTYPE's entity is still refused (at its &), a huge count is one mistake, an empty file one. */
    @Test
    void hostileReportsAreStillRefusedEachMistakeOnce() {
        String entities = """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY f "<failure/>">]>
                <testsuite name="s" tests="99999999999999999999999"><testcase name="a">&f;</testcase>
                <testcase name="b">&f;</testcase></testsuite>
                """;

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(bytes(entities), "TEST-s.xml"));

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JUnit XML report: 3 errors:",
                "  TEST-s.xml:3:28: tests=\"99999999999999999999999\" is not a count: expected a whole number from 0"
                        + " to 2147483647",
                "  TEST-s.xml:3:72: the report uses the entity &f; entities other than XML's own (&amp; &lt; &gt;"
                        + " &quot; &apos;) are not accepted in test reports",
                "  TEST-s.xml:4:20: the report uses the entity &f; entities other than XML's own (&amp; &lt; &gt;"
                        + " &quot; &apos;) are not accepted in test reports");
        assertThatThrownBy(() -> parser.parse(new byte[0], "TEST-s.xml"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(refused -> assertThat(refused.getMessage()).doesNotContain("\n"));
    }

    /** Hostile: a report of many mistakes is refused listing the first 50 and counting the rest. */
    @Test
    void aReportOfManyMistakesListsTheFirstFiftyAndCountsTheRest() {
        String report = "<testsuite name=\"s\">\n" + "<testcase/>\n".repeat(20_000) + "</testsuite>\n";

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(bytes(report), "TEST-s.xml"));

        List<String> lines = e.getMessage().lines().toList();
        assertThat(lines).hasSize(52);
        assertThat(lines.get(0)).isEqualTo("invalid JUnit XML report: 20000 errors:");
        assertThat(lines.get(1)).startsWith("  TEST-s.xml:2:1: <testcase> has no name attribute");
        assertThat(lines.get(50)).startsWith("  TEST-s.xml:51:1: <testcase> has no name attribute");
        assertThat(lines.get(51)).isEqualTo("  and 19950 more");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
