package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LcovTest {

    private static CoverageReport parse(String text) throws IOException {
        return Lcov.parse(new StringReader(text), "lcov.info");
    }

    private static int lineOf(Throwable e) {
        return ((InvalidInputException) e).location().map(SourceLocation::line).orElse(-1);
    }

    @Test
    void sumsTheSummaryCountsOfEveryRecord() throws IOException {
        CoverageReport report = parse("""
                TN:
                SF:src/a.ts
                FN:1,a
                FNDA:1,a
                LF:10
                LH:8
                BRF:4
                BRH:3
                end_of_record
                SF:src/b.ts
                LF:10
                LH:2
                end_of_record
                """);

        assertThat(report.format()).isEqualTo(CoverageReport.Format.LCOV);
        assertThat(report.lines()).isEqualTo(new Coverage(10, 10));
        assertThat(report.branches()).isEqualTo(new Coverage(3, 1));
    }

    @Test
    void countsDaAndBrdaLinesWhenARecordHasNoSummary() throws IOException {
        CoverageReport report = parse("SF:a.js\r\nDA:1,3\r\nDA:2,0\r\nDA:2,1\r\nDA:3,0\r\nBRDA:1,0,0,1\r\n"
                + "BRDA:1,0,1,-\r\nend_of_record\r\n");

        assertThat(report.lines()).isEqualTo(new Coverage(2, 1));
        assertThat(report.branches()).isEqualTo(new Coverage(1, 1));
    }

    @Test
    void refusesAMalformedNumberAtItsLine() {
        assertThatThrownBy(() -> parse("SF:a.js\nLF:ten\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LF has \"ten\"")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(2));
    }

    @Test
    void refusesAnExecutionCountThatIsNotAWholeNumberRatherThanCountingTheLineAsHit() {
        // gcov's overflowed counters come out negative; none of these says the line ran.
        for (String count : new String[] {"-1", "-", "0.0", "x", ""}) {
            assertThatThrownBy(() -> parse("SF:a.c\nDA:1," + count + "\nend_of_record\n"))
                    .as("DA count %s", count)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("DA")
                    .satisfies(e -> assertThat(lineOf(e)).isEqualTo(2));
        }
        for (String taken : new String[] {"-1", "0.0", "x"}) {
            assertThatThrownBy(() -> parse("SF:a.c\nBRDA:1,0,0," + taken + "\nend_of_record\n"))
                    .as("BRDA taken %s", taken)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("BRDA taken");
        }
    }

    @Test
    void aCountOfZeroSpeltWithLeadingZerosIsNotAHit() throws IOException {
        CoverageReport report = parse("SF:a.c\nDA:1,00\nDA:2,007\nBRDA:1,0,0,00\nend_of_record\n");

        assertThat(report.lines()).isEqualTo(new Coverage(1, 1));
        assertThat(report.branches()).isEqualTo(new Coverage(0, 1));
    }

    @Test
    void refusesARecordOpenedBeforeTheLastOneClosedRatherThanDroppingIt() {
        // Record a.c, all missed, is never closed; b.c alone would read as fully covered.
        assertThatThrownBy(() -> parse("SF:a.c\nDA:1,0\nDA:2,0\nSF:b.c\nDA:1,5\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a new SF: record starts before the record of line 1 was closed")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(4));
    }

    @Test
    void refusesAFileWithoutRecords() {
        assertThatThrownBy(() -> parse("just some text\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not an LCOV tracefile");
    }

    @Test
    void refusesAnUnclosedRecord() {
        assertThatThrownBy(() -> parse("SF:a.js\nDA:1,1\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("end_of_record");
    }

    @Test
    void refusesAnEndlessLineWithoutReadingItAll() {
        String huge = "SF:" + "a".repeat(Lcov.MAX_LINE + 10) + "\nend_of_record\n";

        assertThatThrownBy(() -> parse(huge))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(1));
    }

    @Test
    void refusesBytesThatAreNotUtf8(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("lcov.info"), new byte[] {'S', 'F', ':', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> Lcov.read(file, "lcov.info"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid UTF-8 byte 0xC3");
    }

    @Test
    void readsAFileAndItsBytesAlikeAndRefusesBytesThatAreNotUtf8InBoth(@TempDir Path dir) throws IOException {
        byte[] tracefile = "SF:a.js\nLF:4\nLH:3\nend_of_record\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("lcov.info"), tracefile);
        byte[] notUtf8 = {'S', 'F', ':', (byte) 0xC3, (byte) 0x28, '\n'};

        assertThat(Lcov.parse(tracefile, "lcov.info")).isEqualTo(Lcov.read(file, "lcov.info"));
        assertThatThrownBy(() -> Lcov.parse(notUtf8, "lcov.info"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid UTF-8 byte 0xC3")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().map(SourceLocation::file)).contains("lcov.info"));
        assertThatThrownBy(() -> Lcov.read(dir.resolve("missing.info"), "missing.info"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot read the LCOV tracefile");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstRecordIsNotPartOfIt() throws IOException {
        byte[] text = "SF:src/a.ts\nDA:1,1\nDA:2,0\nend_of_record\n".getBytes(StandardCharsets.UTF_8);
        byte[] marked = new byte[text.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(text, 0, marked, 3, text.length);

        assertThat(Lcov.parse(marked, "lcov.info").lines()).isEqualTo(Lcov.parse(text, "lcov.info").lines())
                .isNotEqualTo(Coverage.NONE);
    }

    @Test
    void aSourceFileInARecordPerTestCountsEachLineOnceHitWhenAnyTestHitIt() throws IOException {
        // geninfo --test-name writes a record per test; summing them counted line 1 and 2 twice (2 of 4).
        CoverageReport report = parse("""
                TN:unit
                SF:src/a.c
                DA:1,1
                DA:2,0
                BRDA:1,0,0,1
                BRDA:1,0,1,0
                LF:2
                LH:1
                end_of_record
                TN:integration
                SF:src/a.c
                DA:1,0
                DA:2,3
                BRDA:1,0,0,0
                BRDA:1,0,1,-
                LF:2
                LH:1
                end_of_record
                SF:src/b.c
                LF:4
                LH:1
                end_of_record
                """);

        assertThat(report.lines()).isEqualTo(new Coverage(2 + 1, 0 + 3));
        assertThat(report.branches()).isEqualTo(new Coverage(1, 1));
    }

    @Test
    void aSourceFileInSeveralRecordsWithTotalsAloneIsRefusedForItsLinesCannotBeMerged() {
        assertThatThrownBy(() -> parse("SF:a.c\nLF:10\nLH:10\nend_of_record\nSF:a.c\nLF:10\nLH:0\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SF:a.c has 2 records (lines 1, 5)")
                .hasMessageContaining("without DA lines")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(1));
    }

    @Test
    void countsOutsideARecordAreRefusedRatherThanDropped() {
        // Line 1's missed line belongs to no source file; the record alone read 100 %.
        assertThatThrownBy(() -> parse("DA:1,0\nSF:a.c\nDA:1,1\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DA: outside a record: expected SF:<file> first")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(1));
        assertThatThrownBy(() -> parse("SF:a.c\nDA:1,1\nend_of_record\nLF:5\nLH:0\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LF: outside a record")
                .hasMessageContaining("LH: outside a record");
    }

    @Test
    void aLineOfNoKindOfTheFormatIsRefusedRatherThanSkipped() {
        for (String line : new String[] {"garbage", "DA 1,0", "da:1,0", "XYZ:1", "# a comment", "LINES:3"}) {
            assertThatThrownBy(() -> parse("SF:a.c\nDA:1,1\n" + line + "\nend_of_record\n"))
                    .as(line)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("not an LCOV tracefile line")
                    .satisfies(e -> assertThat(lineOf(e)).isEqualTo(3));
        }
    }

    @Test
    void theFormatsOtherLinesAreReadAndCountNothing() throws IOException {
        // LCOV 2.x: the version, functions by index, MC/DC conditions.
        CoverageReport report = parse("""
                TN:
                SF:src/a.c
                VER:#1
                FNL:0,1,4
                FNA:0,1,main
                FN:1,main
                FNDA:1,main
                FNF:1
                FNH:1
                MCDC:2,2,t,1,0,a
                MCF:2
                MCH:1
                DA:1,1
                DA:2,0

                LF:2
                LH:1
                end_of_record
                """);

        assertThat(report.lines()).isEqualTo(new Coverage(1, 1));
    }

    @Test
    void aSummaryWithMoreHitsThanLinesIsRefusedRatherThanReadAsFullCoverage() {
        assertThatThrownBy(() -> parse("SF:a.c\nLF:10\nLH:50\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LH:50 is more than LF:10")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(1));
        assertThatThrownBy(() -> parse("SF:a.c\nBRF:2\nBRH:3\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("BRH:3 is more than BRF:2");
    }

    /**
     * attack19: a record's summary that says more than its own lines. A real tracefile whose DA lines show
     * 2 of 10 lines hit, its LH raised to its LF (or LF:0 over ten missed lines, or BRH raised over the
     * BRDA lines), read as the summary said: full coverage (or the missed lines dropped), while every line
     * of the record, and lcov's per-line view, shows them missed. A record's lines and branches are now
     * counted from its DA and BRDA lines whenever it has them, as records of one file are merged; the
     * summary counts only where a record has no such lines.
     */
    @Test
    void aSummaryThatClaimsMoreThanTheRecordsOwnLinesIsNotBelieved() throws IOException {
        String lines = "DA:1,1\nDA:2,1\nDA:3,0\nDA:4,0\nDA:5,0\nDA:6,0\nDA:7,0\nDA:8,0\nDA:9,0\nDA:10,0\n";
        assertThat(parse("SF:a.c\n" + lines + "LF:10\nLH:10\nend_of_record\n").lines()).isEqualTo(new Coverage(2, 8));
        assertThat(parse("SF:a.c\n" + lines.replace(",1\n", ",0\n") + "LF:0\nLH:0\nend_of_record\n"
                + "SF:b.c\nDA:1,1\nLF:1\nLH:1\nend_of_record\n").lines()).isEqualTo(new Coverage(1, 10));
        assertThat(parse("SF:a.c\nDA:1,1\nBRDA:1,0,0,1\nBRDA:1,0,1,0\nBRDA:1,0,2,-\nBRF:3\nBRH:3\nLF:1\nLH:1\n"
                + "end_of_record\n").branches()).isEqualTo(new Coverage(1, 2));
    }

    /**
     * review19: the other way round. A record whose DA lines list only the lines that ran (2, both hit) under a
     * summary of LF:10 LH:2 read as 2 of 2 once the lines outweighed the summary (before attack19 the summary
     * gave 2 of 10). Where a record's summary and its lines disagree, neither is believed over the other: the
     * strictest reading of the two counts (the most lines either names, the fewest hit either names).
     */
    @Test
    void aRecordWhoseLinesListFewerThanItsSummaryCountsTheSummarysMissedLines() throws IOException {
        assertThat(parse("SF:a.c\nDA:1,1\nDA:2,1\nLF:10\nLH:2\nend_of_record\n").lines()).isEqualTo(new Coverage(2, 8));
        assertThat(parse("SF:a.c\nDA:1,1\nBRDA:1,0,0,1\nBRF:4\nBRH:1\nLF:1\nLH:1\nend_of_record\n").branches())
                .isEqualTo(new Coverage(1, 3));
        assertThat(parse("SF:a.c\nDA:1,1\nLF:10\nLH:1\nend_of_record\nSF:a.c\nDA:2,1\nLF:10\nLH:1\nend_of_record\n")
                .lines()).as("two records of one file, merged").isEqualTo(new Coverage(2, 8));
    }

    /** The same record with its summary in agreement, and a record with a summary alone, read as before. */
    @Test
    void aSummaryThatAgreesWithItsLinesOrStandsAloneIsReadAsBefore() throws IOException {
        assertThat(parse("SF:a.c\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\nSF:b.c\nLF:10\nLH:7\nend_of_record\n")
                .lines()).isEqualTo(new Coverage(8, 4));
    }

    /**
     * A summary given by half (LF without LH, BRF without BRH) cannot be read: the record was counted
     * from its DA lines, none, so its lines found were dropped and another file's full coverage was
     * the report's (review18).
     */
    @Test
    void aSummaryGivenByHalfIsRefusedRatherThanItsLinesDropped() {
        assertThatThrownBy(() -> parse("SF:a.c\nLF:100\nend_of_record\nSF:b.c\nLF:10\nLH:10\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LF:100 without LH")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(1));
        assertThatThrownBy(() -> parse("SF:a.c\nDA:1,1\nLH:1\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("LH:1 without LF");
        assertThatThrownBy(() -> parse("SF:a.c\nDA:1,1\nBRF:8\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("BRF:8 without BRH");
    }

    @Test
    void aTestNameInsideARecordOrASourceFileWithoutANameIsRefused() {
        assertThatThrownBy(() -> parse("SF:a.c\nTN:unit\nDA:1,1\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("TN: inside the record of line 1")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(2));
        assertThatThrownBy(() -> parse("SF: \nDA:1,1\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SF: names no source file");
    }

    @Test
    void everyMistakeOfTheFileIsReportedAtOnceEachAtItsLine() {
        assertThatThrownBy(() -> parse("DA:1,0\nSF:a.c\nDA:1,x\nLF:ten\nbogus\nend_of_record\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid LCOV tracefile: 5 errors")
                .hasMessageContaining("lcov.info:1:1: DA: outside a record")
                .hasMessageContaining("lcov.info:3:4: DA count has \"x\"")
                .hasMessageContaining("lcov.info:4:4: LF has \"ten\"")
                .hasMessageContaining("lcov.info:5:1: not an LCOV tracefile line")
                .hasMessageContaining("lcov.info:7:1: end_of_record without a record")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(1));
    }

    @Test
    void recordsOfOneFileSpeltTwoWaysInOneTracefileAreOneFileMergedLineByLine() throws IOException {
        // Summed as two files, 2 of 4 lines; one file, lines 1 and 2 both ran.
        CoverageReport report = parse("SF:./src/a.js\nDA:1,1\nDA:2,0\nend_of_record\n"
                + "SF:src\\a.js\nDA:1,0\nDA:2,1\nend_of_record\n");

        assertThat(report.lines()).isEqualTo(new Coverage(2, 0));
        assertThat(report.files()).singleElement().satisfies(file -> assertThat(file.name()).isEqualTo("src/a.js"));
    }

    @Test
    void refusesAPathWithADotDotSegmentAtItsSfValueEvenWhereItWouldStayInsideTheRoot() {
        assertThatThrownBy(() -> parse("SF:../shared/a.js\nDA:1,1\nend_of_record\n"
                + "SF:src/lib/../a.js\nDA:1,1\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("lcov.info:1:4: SF:../shared/a.js has a \"..\" segment")
                .hasMessageContaining("lcov.info:4:4: SF:src/lib/../a.js has a \"..\" segment");
    }

    @Test
    void aPathOfNoSegmentNamesNoSourceFile() {
        assertThatThrownBy(() -> parse("SF:./\nDA:1,1\nend_of_record\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SF: names no source file")
                .satisfies(e -> assertThat(lineOf(e)).isEqualTo(1));
    }

    @Test
    void keepsAnAbsolutePathAbsoluteAndLettersInTheirCase() {
        assertThat(Lcov.canonicalPath("//ci/./Web//src\\A.js")).isEqualTo("/ci/Web/src/A.js");
        assertThat(Lcov.canonicalPath("a/../b")).isNull();
        assertThat(Lcov.canonicalPath("src/..a.js")).isEqualTo("src/..a.js");
    }
}
