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
                DA:1,1
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
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void readsAFileAndItsBytesAlikeAndRefusesBytesThatAreNotUtf8InBoth(@TempDir Path dir) throws IOException {
        byte[] tracefile = "SF:a.js\nLF:4\nLH:3\nend_of_record\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("lcov.info"), tracefile);
        byte[] notUtf8 = {'S', 'F', ':', (byte) 0xC3, (byte) 0x28, '\n'};

        assertThat(Lcov.parse(tracefile, "lcov.info")).isEqualTo(Lcov.read(file, "lcov.info"));
        assertThatThrownBy(() -> Lcov.parse(notUtf8, "lcov.info"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not UTF-8")
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
}
