package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JacocoXmlTest {

    /**
     * The shape JaCoCo writes, DOCTYPE included; nested counters must not count (the class's and the
     * package's disagree with the report's total on purpose; the source file's agree with its lines).
     */
    static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
            <report name="checkout">
              <sessioninfo id="host-1" start="1725264000000" dump="1725264060000"/>
              <package name="shop/checkout">
                <class name="shop/checkout/Form" sourcefilename="Form.java">
                  <counter type="LINE" missed="1000" covered="1"/>
                </class>
                <sourcefile name="Form.java">
                  <line nr="3" mi="0" ci="3" mb="0" cb="0"/>
                  <counter type="LINE" missed="0" covered="1"/>
                </sourcefile>
                <counter type="LINE" missed="1000" covered="1"/>
              </package>
              <counter type="INSTRUCTION" missed="40" covered="360"/>
              <counter type="BRANCH" missed="6" covered="18"/>
              <counter type="LINE" missed="15" covered="85"/>
            </report>
            """;

    private static CoverageReport parse(String xml) {
        return JacocoXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "jacoco.xml");
    }

    @Test
    void readsTheReportLevelLineAndBranchCounters() {
        CoverageReport report = parse(REPORT);

        assertThat(report.format()).isEqualTo(CoverageReport.Format.JACOCO_XML);
        assertThat(report.lines()).isEqualTo(new Coverage(85, 15));
        assertThat(report.branches()).isEqualTo(new Coverage(18, 6));
        assertThat(report.lines().percent()).hasValue(85.0);
    }

    @Test
    void anEmptyReportHasNothingToCover() {
        CoverageReport report = parse("<report name=\"empty\"><sessioninfo id=\"a\" start=\"1\" dump=\"2\"/></report>");

        assertThat(report.lines()).isEqualTo(Coverage.NONE);
        assertThat(report.lines().percent()).isEmpty();
    }

    @Test
    void aReportWithClassesButNoLineTotalIsRefusedRatherThanCountedAsNothing() {
        // The package's 1,000 missed lines counted as none: beside another report, coverage rose.
        String withoutTotals = REPORT.replace("  <counter type=\"LINE\" missed=\"15\" covered=\"85\"/>\n</report>",
                "</report>");
        assertThat(withoutTotals).isNotEqualTo(REPORT);

        assertThatThrownBy(() -> parse(withoutTotals))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<report> holds classes but no <counter type=\"LINE\"> total")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().map(SourceLocation::line)).contains(5));
        assertThatThrownBy(() -> parse("<report name=\"g\"><group name=\"m\"><counter type=\"LINE\" missed=\"9\""
                + " covered=\"1\"/></group></report>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no <counter type=\"LINE\"> total");
    }

    @Test
    void aSecondReportAfterTheFirstIsRefusedRatherThanSkipped() {
        // The second root's missed lines were never read.
        String twice = REPORT + "<report name=\"more\"><counter type=\"LINE\" missed=\"900\" covered=\"0\"/></report>\n";

        assertThatThrownBy(() -> parse(twice))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("following the root element")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().map(SourceLocation::line)).contains(19));
    }

    @Test
    void refusesAnotherRootElementNamingWhatWasExpected() {
        assertThatThrownBy(() -> parse("<testsuite name=\"x\"/>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("root element is <testsuite>, expected <report>");
    }

    @Test
    void locatesMalformedXmlAtItsLineAndColumn() {
        assertThatThrownBy(() -> parse("<report name=\"x\">\n  <counter type=\"LINE\" missed=\"1\" covered=\"2\">\n</report>"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).hasValueSatisfying(l -> {
                    assertThat(l.file()).isEqualTo("jacoco.xml");
                    assertThat(l.line()).isEqualTo(3);
                }));
    }

    @Test
    void refusesATotalStatedTwiceRatherThanPickingOne() {
        String twice = REPORT.replace("</report>", "  <counter type=\"LINE\" missed=\"0\" covered=\"100\"/>\n</report>");

        assertThatThrownBy(() -> parse(twice))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("second <counter type=\"LINE\">")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(18));
    }

    @Test
    void refusesACounterThatIsNotANumber() {
        assertThatThrownBy(() -> parse("<report name=\"x\">\n<counter type=\"LINE\" missed=\"-1\" covered=\"2\"/></report>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missed=\"-1\"").hasMessageContaining("whole number")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().map(SourceLocation::line)).hasValue(2));
    }

    @Test
    void neverReadsAFileThroughAnExternalEntity(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cr3t");
        String hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE report [<!ENTITY leak SYSTEM \"" + secret.toUri()
                + "\">]>\n<report name=\"&leak;\"><counter type=\"LINE\" missed=\"0\" covered=\"1\"/></report>";

        assertThatThrownBy(() -> parse(hostile))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("leak")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void doesNotExpandAnEntityBomb() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE report [<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 30; i++) {
            dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = dtd + "]>\n<report name=\"&a29;\"/>";

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThatThrownBy(() -> parse(bomb)).isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("a29"));
    }

    @Test
    void neverFetchesTheDoctypesDtd(@TempDir Path dir) throws Exception {
        // report.dtd next to the file would be loaded by a parser that reads DTDs; it would fail the parse.
        Files.writeString(dir.resolve("report.dtd"), "<!ENTITY % broken \"");
        Path file = Files.writeString(dir.resolve("jacoco.xml"), REPORT);

        assertThat(JacocoXml.read(file, "jacoco.xml").lines()).isEqualTo(new Coverage(85, 15));
        assertThat(JacocoXml.isReport(Files.readAllBytes(file))).isTrue();
    }

    @Test
    void aMissingFileIsALocatedInputError(@TempDir Path dir) {
        assertThatThrownBy(() -> JacocoXml.read(dir.resolve("nope.xml"), "outcomes/nope.xml"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location().map(SourceLocation::file))
                        .hasValue("outcomes/nope.xml"));
    }

    /** A report of one source file, its lines, its own counters and the report's totals as given. */
    private static String sourceFile(String lines, String counters, String totals) {
        return "<report name=\"r\">\n<package name=\"shop\">\n<sourcefile name=\"Cart.java\">\n" + lines + "\n"
                + counters + "\n</sourcefile>\n</package>\n" + totals + "\n</report>";
    }

    private static final String TWO_LINES = "<line nr=\"1\" mi=\"0\" ci=\"4\" mb=\"1\" cb=\"1\"/>"
            + "<line nr=\"2\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>";
    private static final String THEIR_COUNTERS = "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/>"
            + "<counter type=\"BRANCH\" missed=\"1\" covered=\"1\"/>";

    @Test
    void readsEachSourceFilesLinesKeyedByItsPackageAndName() {
        CoverageReport report = parse(sourceFile(TWO_LINES, THEIR_COUNTERS, THEIR_COUNTERS));

        assertThat(report.files()).singleElement().satisfies(file -> {
            assertThat(file.key()).containsExactly("JACOCO_XML", "shop", "Cart.java");
            assertThat(file.lineHits()).containsOnly(org.assertj.core.api.Assertions.entry(1L, true),
                    org.assertj.core.api.Assertions.entry(2L, false));
            assertThat(file.branchHits()).containsOnly(org.assertj.core.api.Assertions.entry("1", new Coverage(1, 1)));
            assertThat(file.location()).isEqualTo(new SourceLocation("jacoco.xml", 3, 30));
        });
    }

    @Test
    void linesThatDisagreeWithTheirSourceFilesCounterAreRefusedRatherThanEitherBelieved() {
        String counters = "<counter type=\"LINE\" missed=\"0\" covered=\"2\"/><counter type=\"BRANCH\" missed=\"1\""
                + " covered=\"1\"/>";

        assertThatThrownBy(() -> parse(sourceFile(TWO_LINES, counters, counters)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the <line>s of <sourcefile name=\"Cart.java\"> count 1 covered and 1 missed LINE but its"
                        + " <counter type=\"LINE\"> has covered=\"2\" missed=\"0\": expected the counter to count its lines")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(3));
        assertThatThrownBy(() -> parse(sourceFile(TWO_LINES, "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/>",
                THEIR_COUNTERS)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("count 1 covered and 1 missed BRANCH but its <counter type=\"BRANCH\"> is absent");
    }

    @Test
    void sourceFilesCountingMoreThanTheReportsTotalAreRefused() {
        assertThatThrownBy(() -> parse(sourceFile(TWO_LINES, THEIR_COUNTERS,
                "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/><counter type=\"BRANCH\" missed=\"1\" covered=\"1\"/>")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the <sourcefile>s of the report count 1 covered and 1 missed LINE but the report's"
                        + " <counter type=\"LINE\"> total has covered=\"1\" missed=\"0\": expected the total to hold at"
                        + " least its source files' counts");
    }

    @Test
    void aLineNumberListedTwiceInOneSourceFileIsRefused() {
        String twice = "<line nr=\"1\" mi=\"0\" ci=\"4\" mb=\"0\" cb=\"0\"/>\n<line nr=\"1\" mi=\"2\" ci=\"0\" mb=\"0\" cb=\"0\"/>";
        String counters = "<counter type=\"LINE\" missed=\"1\" covered=\"1\"/>";

        assertThatThrownBy(() -> parse(sourceFile(twice, counters, counters)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<line nr=\"1\"> appears a second time in <sourcefile name=\"Cart.java\">")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(5));
    }

    @Test
    void aSourceFileListedTwiceInOnePackageIsRefused() {
        String file = "<sourcefile name=\"A.java\"><line nr=\"1\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"0\"/>"
                + "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/></sourcefile>";

        assertThatThrownBy(() -> parse("<report name=\"r\"><package name=\"p\">" + file + file + "</package>"
                + "<counter type=\"LINE\" missed=\"0\" covered=\"2\"/></report>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<sourcefile name=\"A.java\"> appears a second time in package p");
    }

    @Test
    void refusesLineAttributesThatAreNotWholeNumbersOfAtMost18Digits() {
        for (String bad : new String[] {"nr=\"-1\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"0\"",
                "nr=\"1\" mi=\"0\" ci=\"1e3\" mb=\"0\" cb=\"0\"", "nr=\"1\" mi=\"0\" ci=\"1\" mb=\"0\"",
                "nr=\"1\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"9999999999999999999\""}) {
            // The report's total is there, so the line's attribute is the report's one mistake.
            assertThatThrownBy(() -> parse(sourceFile("<line " + bad + "/>", "",
                    "<counter type=\"LINE\" missed=\"0\" covered=\"1\"/>")))
                    .as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("expected a whole number of at most 18 digits")
                    .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(4));
        }
    }

    @Test
    void aLineWithNoInstructionIsRefusedRatherThanCountedAsNeitherCoveredNorMissed() {
        assertThatThrownBy(() -> parse(sourceFile("<line nr=\"1\" mi=\"0\" ci=\"0\" mb=\"0\" cb=\"0\"/>", "", "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<line nr=\"1\"> has no instruction");
    }

    @Test
    void branchCountsWhoseSumPassesALongAreRefusedRatherThanWrapped() {
        String huge = "<line nr=\"%d\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"999999999999999999\"/>";
        StringBuilder lines = new StringBuilder();
        for (int nr = 1; nr <= 10; nr++) {
            lines.append(String.format(Locale.ROOT, huge, nr));
        }

        assertThatThrownBy(() -> parse(sourceFile(lines.toString(), "", "")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the branches of <sourcefile name=\"Cart.java\"> cannot be added up: coverage"
                        + " counts too large");
    }

    @Test
    void refusesASourceFileNameHoldingADirectoryRatherThanNamingTheFileAnotherWay() {
        assertThatThrownBy(() -> parse("<report name=\"r\"><package name=\"shop\"><sourcefile name=\"cart/Cart.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"0\"/><counter type=\"LINE\" missed=\"0\" covered=\"1\"/>"
                + "</sourcefile></package><counter type=\"LINE\" missed=\"0\" covered=\"1\"/></report>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<sourcefile name=\"cart/Cart.java\"> is not a file name");
    }

    @Test
    void refusesAPackageWithAnEmptySegment() {
        assertThatThrownBy(() -> parse("<report name=\"r\"><package name=\"shop//cart\"><sourcefile name=\"Cart.java\">"
                + "<line nr=\"1\" mi=\"0\" ci=\"1\" mb=\"0\" cb=\"0\"/><counter type=\"LINE\" missed=\"0\" covered=\"1\"/>"
                + "</sourcefile></package><counter type=\"LINE\" missed=\"0\" covered=\"1\"/></report>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<package name=\"shop//cart\"> is not a package as JaCoCo names it");
    }
}
