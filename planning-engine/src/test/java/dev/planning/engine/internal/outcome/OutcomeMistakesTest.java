package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.internal.artifact.ErrorList;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * errors23: the refusals of the readers of tool-written outcome files. A JaCoCo mistake is at its
 * attribute's value (it was at the end of the element's start tag); an LCOV record's every mistake is
 * listed (its first alone was); a file of very many mistakes keeps {@value ErrorList#MAX_SHOWN} and
 * counts the rest (all were kept); a name quoted from the file cannot print a line of its own.
 */
class OutcomeMistakesTest {

    private static InvalidInputException jacoco(String xml) {
        return catchThrowableOfType(InvalidInputException.class,
                () -> JacocoXml.parse(xml.getBytes(StandardCharsets.UTF_8), "jacoco.xml"));
    }

    private static InvalidInputException lcov(String text) {
        return catchThrowableOfType(InvalidInputException.class,
                () -> Lcov.parse(new StringReader(text), "lcov.info"));
    }

    private static InvalidInputException junit(String xml) {
        return catchThrowableOfType(InvalidInputException.class,
                () -> new JUnitReportParser().parse(xml.getBytes(StandardCharsets.UTF_8), "TEST-x.xml"));
    }

    /** JaCoCo writes its report on one line: the end of a start tag can be hundreds of columns past the attribute. */
    @Test
    void aJacocoMistakeIsAtItsAttributesValueOnTheOneLineJacocoWrites() {
        String report = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><!DOCTYPE report PUBLIC"
                + " \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report name=\"x\"><package name=\"p\">"
                + "<sourcefile name=\"A.java\"><line nr=\"1\" mi=\"0\" ci=\"x\" mb=\"0\" cb=\"0\"/></sourcefile>"
                + "</package><counter type=\"LINE\" missed=\"0\" covered=\"-3\"/></report>";

        InvalidInputException e = jacoco(report);

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JaCoCo XML report: 2 errors:",
                "  jacoco.xml:1:" + (report.indexOf("ci=\"x\"") + 5) + ": <line> has ci=\"x\"; expected a whole number"
                        + " of at most 18 digits",
                "  jacoco.xml:1:" + (report.indexOf("covered=\"-3\"") + 10) + ": <counter type=\"LINE\"> has"
                        + " covered=\"-3\"; expected a whole number of at most 18 digits");
    }

    /** A tag written over several lines: the attribute's own line, not the line the tag ends on. */
    @Test
    void aJacocoMistakeInATagOverSeveralLinesIsOnTheAttributesLine() {
        InvalidInputException e = jacoco("""
                <report name="x">
                  <counter
                      type="LINE"
                      missed="many"
                      covered="1"
                  />
                </report>
                """);

        assertThat(e.getMessage()).isEqualTo("<counter type=\"LINE\"> has missed=\"many\"; expected a whole number of"
                + " at most 18 digits");
        assertThat(e.location().orElseThrow()).hasToString("jacoco.xml:4:15");
    }

    /** A mistake of a whole element (a source file whose lines disagree with its counter) is at its {@code <}. */
    @Test
    void aJacocoMistakeOfAWholeElementIsAtItsOpeningBracket() {
        InvalidInputException e = jacoco("""
                <report name="x">
                  <package name="p">
                    <sourcefile name="A.java"><line nr="1" mi="1" ci="0" mb="0" cb="0"/>
                      <counter type="LINE" missed="0" covered="1"/></sourcefile>
                    <sourcefile name="A.java"/>
                  </package>
                  <counter type="LINE" missed="1" covered="0"/>
                </report>
                """);

        assertThat(e.getMessage()).contains("the <line>s of <sourcefile name=\"A.java\"> count 0 covered and 1 missed");
        assertThat(e.location().orElseThrow()).hasToString("jacoco.xml:3:5");
    }

    @Test
    void aSecondJacocoSourceFileIsNamedAtItsName() {
        InvalidInputException e = jacoco("""
                <report name="x">
                  <package name="p">
                    <sourcefile name="A.java"/>
                    <sourcefile
                       name="A.java"/>
                  </package>
                  <counter type="LINE" missed="0" covered="0"/>
                </report>
                """);

        assertThat(e.getMessage()).contains("appears a second time in package p");
        assertThat(e.location().orElseThrow()).hasToString("jacoco.xml:5:14");
    }

    /** Each of a record's mistakes, in both records: before, a record's first alone was listed. */
    @Test
    void everyMistakeOfEveryLcovRecordIsListed() {
        InvalidInputException e = lcov("""
                SF:a.c
                LF:3
                BRF:1
                BRH:2
                end_of_record
                SF:b.c
                LF:1
                LH:4
                BRH:1
                end_of_record
                """);

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid LCOV tracefile: 4 errors:",
                "  lcov.info:1:1: LF:3 without LH in the record of line 1: expected LF and LH together, or neither"
                        + " (counted from the DA lines)",
                "  lcov.info:1:1: BRH:2 is more than BRF:1 in the record of line 1: expected at most as many branches"
                        + " hit as found",
                "  lcov.info:6:1: BRH:1 without BRF in the record of line 6: expected BRF and BRH together, or neither"
                        + " (counted from the BRDA lines)",
                "  lcov.info:6:1: LH:4 is more than LF:1 in the record of line 6: expected at most as many lines hit"
                        + " as found");
    }

    /** A line too long to read ends the reading: the mistakes before it are listed still, then it. */
    @Test
    void theLcovMistakesBeforeAnEndlessLineAreListedThenIt() {
        InvalidInputException e = lcov("SF:a.c\nDA:x,1\nend_of_record\nSF:" + "b".repeat(Lcov.MAX_LINE + 1) + "\n");

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid LCOV tracefile: 2 errors:",
                "  lcov.info:2:4: DA has \"x\"; expected a whole number",
                "  lcov.info:4:1: line longer than " + Lcov.MAX_LINE + " characters; not an LCOV tracefile");
    }

    /** Hostile: 200,000 mistakes; the first fifty kept and shown, the rest counted, not kept. */
    @Test
    void anLcovFileOfVeryManyMistakesKeepsFiftyAndCountsTheRest() {
        int many = 200_000;
        InvalidInputException e = lcov("SF:a.c\n" + "DA:x,1\n".repeat(many) + "end_of_record\n");

        assertManyRefused(e, "invalid LCOV tracefile: ", many);
        assertThat(e.getMessage().lines().toList().get(1)).isEqualTo("  lcov.info:2:4: DA has \"x\"; expected a whole number");
    }

    @Test
    void aJacocoReportOfVeryManyMistakesKeepsFiftyAndCountsTheRest() {
        int many = 100_000;
        // The first counter's count, then every further one a second total.
        InvalidInputException e = jacoco("<report name=\"x\">"
                + "<counter type=\"LINE\" missed=\"x\" covered=\"0\"/>".repeat(many) + "</report>");

        assertManyRefused(e, "invalid JaCoCo XML report: ", many);
    }

    @Test
    void aJUnitReportOfVeryManyMistakesKeepsFiftyAndCountsTheRest() {
        int many = 100_000;
        InvalidInputException e = junit("<testsuite tests=\"" + many + "\">"
                + "<testcase time=\"x\" name=\"t\"/>".repeat(many) + "</testsuite>");

        assertManyRefused(e, "invalid JUnit XML report: ", many);
    }

    private static void assertManyRefused(InvalidInputException e, String lead, int many) {
        List<String> lines = e.getMessage().lines().toList();
        assertThat(lines).hasSize(1 + ErrorList.MAX_SHOWN + 1);
        assertThat(lines.get(0)).isEqualTo(lead + many + " errors:");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  and " + (many - ErrorList.MAX_SHOWN) + " more");
        // Kept: fifty; the rest a count (a caller gathering several files' mistakes keeps the count true).
        assertThat(ErrorList.errors(e)).hasSize(ErrorList.MAX_SHOWN);
        assertThat(ErrorList.unlisted(e)).isEqualTo(many - ErrorList.MAX_SHOWN);
    }

    /**
     * A source file's name with a line break (a character reference in XML, {@code &#10;}) printed a line of its
     * own that read as another located error; shown on one line now.
     */
    @Test
    void aJacocoNameWithALineBreakCannotForgeAnotherError() {
        InvalidInputException e = jacoco("""
                <report name="x">
                  <package name="p">
                    <sourcefile name="A.java&#10;jacoco.xml:9:1: all good&#13;&#x2028;"/>
                    <sourcefile name="A.java&#10;jacoco.xml:9:1: all good&#13;&#x2028;"/>
                  </package>
                  <counter type="LINE" missed="x" covered="0"/>
                </report>
                """);

        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "invalid JaCoCo XML report: 2 errors:",
                "  jacoco.xml:4:23: <sourcefile name=\"A.java\\u000Ajacoco.xml:9:1: all good\\u000D\\u2028\"> appears a"
                        + " second time in package p: a report lists each source file once",
                "  jacoco.xml:6:32: <counter type=\"LINE\"> has missed=\"x\"; expected a whole number of at most 18"
                        + " digits");
    }

    /** One mistake alone is shown on one line too; an escape sequence (ESC) is written as its escape. */
    @Test
    void anLcovPathWithControlCharactersIsShownOnOneLine() {
        InvalidInputException e = lcov("SF:a\u001B[2K\r.c\u2028x\nLF:1\nLH:1\nend_of_record\n"
                + "SF:a\u001B[2K\r.c\u2028x\nLF:1\nLH:0\nend_of_record\n");

        assertThat(e.getMessage()).startsWith("SF:a\\u001B[2K\\u000D.c\\u2028x has 2 records")
                .doesNotContain("\u001B", "\r", "\u2028", "\n");
    }

    /** A test-case name is quoted by no message; a suite's count mistake names no name: nothing to forge. */
    @Test
    void aJUnitValueWithALineBreakIsShownOnOneLine() {
        InvalidInputException e = junit("<testsuite><testcase name=\"t\" time=\"1&#10;TEST-x.xml:9:1: ok\"/></testsuite>");

        assertThat(e.getMessage()).isEqualTo("time=\"1\\u000ATEST-x.xml:9:1: ok\" is not a duration: expected seconds"
                + " as a plain decimal, such as 0.25");
    }

    /**
     * outcome27 (held): an LCOV count, a JaCoCo line's value and a source file's name, quoted as written by their
     * readers, are shown escaped, a terminal's control sequence (ESC, CSI) and all.
     */
    @Test
    void anLcovCountAndAJacocoLineValueOrFileNameAreShownEscaped() {
        InvalidInputException count = lcov("SF:a.c\nDA:1,1\nLF:1\u001B[2K\rok\nLH:1\nend_of_record\n");
        InvalidInputException value = jacoco("<report name=\"r\"><package name=\"p\"><sourcefile name=\"a.java\">"
                + "<line nr=\"1\" mi=\"&#x9B;2K\" ci=\"1\" mb=\"0\" cb=\"0\"/></sourcefile></package></report>");
        InvalidInputException name = jacoco("<report name=\"r\"><package name=\"p\"><sourcefile name=\"a&#x9B;2K.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"0\"/><counter type=\"LINE\" missed=\"0\" covered=\"2\"/>"
                + "</sourcefile></package></report>");

        assertThat(count.getMessage()).contains("\\u001B[2K\\u000Dok").doesNotContain("\u001B", "\r");
        assertThat(value.getMessage()).contains("\\u009B2K").doesNotContain("\u009B");
        assertThat(name.getMessage()).contains("\\u009B2K").doesNotContain("\u009B");
    }
}
