package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.workspace.Shown;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the totals of an LCOV tracefile ({@code lcov.info}, as written by {@code lcov}, c8,
 * Istanbul/nyc, Jest, {@code cargo llvm-cov} and others), summed over its records.
 *
 * <pre>{@code
 * CoverageReport report = Lcov.read(Path.of("coverage/lcov.info"), "coverage/lcov.info");
 * }</pre>
 *
 * <p>Per record ({@code SF:} to {@code end_of_record}) lines come from {@code LF}/{@code LH} and
 * branches from {@code BRF}/{@code BRH}; a record without them is counted from its {@code DA} and
 * {@code BRDA} lines (a line listed twice counts once; a count must be a whole number, {@code -}
 * for a branch whose block never ran). Other lines ({@code TN}, {@code FN}, ...) are skipped. A line
 * longer than {@value #MAX_LINE} characters, a malformed number (a negative count, {@code 1.5}), a
 * record opened before the last one closed, or a file with no record is refused with its line
 * number. Thread-safe.
 */
public final class Lcov {

    /** The longest line accepted; real tracefiles stay far below it. */
    public static final int MAX_LINE = 64 * 1024;

    private Lcov() {
    }

    /**
     * Reads a tracefile (UTF-8).
     *
     * @throws InvalidInputException when it cannot be read or is not an LCOV tracefile
     */
    public static CoverageReport read(Path file, String displayPath) {
        try (InputStream in = Files.newInputStream(file)) {
            return parseUtf8(in, displayPath);
        } catch (IOException e) {
            throw unreadable(e, displayPath);
        }
    }

    /**
     * Parses a tracefile's bytes (UTF-8; bytes that are not UTF-8 are refused, never replaced).
     *
     * @throws InvalidInputException when it is not UTF-8 text or not an LCOV tracefile
     */
    public static CoverageReport parse(byte[] content, String displayPath) {
        try {
            return parseUtf8(new ByteArrayInputStream(content), displayPath);
        } catch (IOException e) {
            throw unreadable(e, displayPath);
        }
    }

    /** Parses UTF-8 from {@code in} (closed), refusing bytes that are not UTF-8 rather than replacing them. */
    private static CoverageReport parseUtf8(InputStream in, String displayPath) throws IOException {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return parse(reader, displayPath);
        }
    }

    private static InvalidInputException unreadable(IOException e, String displayPath) {
        if (e instanceof CharacterCodingException) {
            return new InvalidInputException("the LCOV tracefile is not UTF-8 text", SourceLocation.ofFile(displayPath), e);
        }
        return new InvalidInputException("cannot read the LCOV tracefile: " + Shown.why(e),
                SourceLocation.ofFile(displayPath), e);
    }

    /**
     * Parses a tracefile from a reader (not closed).
     *
     * @throws InvalidInputException when it is not an LCOV tracefile
     * @throws IOException           when the reader fails
     */
    public static CoverageReport parse(Reader reader, String displayPath) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        Coverage lines = Coverage.NONE;
        Coverage branches = Coverage.NONE;
        Record record = null;
        int records = 0;
        int number = 0;
        for (String line = readLine(in, displayPath, number + 1); line != null;
                line = readLine(in, displayPath, number + 1)) {
            number++;
            // A byte-order mark before the first record, as an editor on Windows writes one: not part of it.
            String text = (number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
            if (text.startsWith("SF:")) {
                if (record != null) {
                    // The open record would be dropped, its missed lines with it (a truncated file, or two joined).
                    throw new InvalidInputException("a new SF: record starts before the record of line " + record.line
                            + " was closed by end_of_record", new SourceLocation(displayPath, number, 1));
                }
                record = new Record(number);
            } else if (text.equals("end_of_record")) {
                if (record == null) {
                    throw new InvalidInputException("end_of_record without a record: expected SF:<file> first",
                            new SourceLocation(displayPath, number, 1));
                }
                lines = lines.plus(record.lines());
                branches = branches.plus(record.branches());
                records++;
                record = null;
            } else if (record != null) {
                record.accept(text, displayPath, number);
            }
        }
        if (record != null) {
            throw new InvalidInputException("the last record is not closed: expected end_of_record",
                    new SourceLocation(displayPath, number, 0));
        }
        if (records == 0) {
            throw new InvalidInputException("not an LCOV tracefile: no record (SF:<file> ... end_of_record) found",
                    SourceLocation.ofFile(displayPath));
        }
        return new CoverageReport(displayPath, CoverageReport.Format.LCOV, lines, branches);
    }

    private static String readLine(BufferedReader in, String displayPath, int number) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (line.length() == MAX_LINE) {
                throw new InvalidInputException("line longer than " + MAX_LINE + " characters; not an LCOV tracefile",
                        new SourceLocation(displayPath, number, 1));
            }
            line.append((char) c);
        }
        return c == -1 && line.length() == 0 ? null : line.toString();
    }

    /** One source file's counts. */
    private static final class Record {
        /** The line of its {@code SF:}. */
        private final int line;
        private Long linesFound;
        private Long linesHit;
        private Long branchesFound;
        private Long branchesHit;
        private final Map<Long, Boolean> lineHits = new HashMap<>();
        private final Map<String, Boolean> branchHits = new HashMap<>();

        Record(int line) {
            this.line = line;
        }

        void accept(String text, String file, int number) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                return;
            }
            String key = text.substring(0, colon);
            String value = text.substring(colon + 1);
            switch (key) {
                case "LF" -> linesFound = number(value, key, file, number, colon);
                case "LH" -> linesHit = number(value, key, file, number, colon);
                case "BRF" -> branchesFound = number(value, key, file, number, colon);
                case "BRH" -> branchesHit = number(value, key, file, number, colon);
                case "DA" -> {
                    String[] parts = value.split(",");
                    if (parts.length < 2) {
                        throw malformed("DA:<line>,<count>", file, number);
                    }
                    long line = number(parts[0], key, file, number, colon);
                    boolean hit = number(parts[1], key + " count", file, number, colon) > 0;
                    lineHits.merge(line, hit, Boolean::logicalOr);
                }
                case "BRDA" -> {
                    String[] parts = value.split(",");
                    if (parts.length != 4) {
                        throw malformed("BRDA:<line>,<block>,<branch>,<taken>", file, number);
                    }
                    // "-": the block never ran, so no branch of it was taken.
                    boolean hit = !parts[3].equals("-") && number(parts[3], key + " taken", file, number, colon) > 0;
                    branchHits.merge(parts[0] + "," + parts[1] + "," + parts[2], hit, Boolean::logicalOr);
                }
                default -> {
                    // TN, FN, FNDA, FNF, FNH and extensions carry nothing this reader totals.
                }
            }
        }

        Coverage lines() {
            return counted(linesFound, linesHit, lineHits.values());
        }

        Coverage branches() {
            return counted(branchesFound, branchesHit, branchHits.values());
        }

        private static Coverage counted(Long found, Long hit, Collection<Boolean> listed) {
            if (found != null && hit != null) {
                return new Coverage(Math.min(hit, found), Math.max(found - hit, 0));
            }
            long covered = listed.stream().filter(Boolean::booleanValue).count();
            return new Coverage(covered, listed.size() - covered);
        }

        private static long number(String text, String key, String file, int line, int colon) {
            if (!text.matches("\\d{1,18}")) {
                throw new InvalidInputException(key + " has \"" + text + "\"; expected a whole number",
                        new SourceLocation(file, line, colon + 2));
            }
            return Long.parseLong(text);
        }

        private static InvalidInputException malformed(String expected, String file, int line) {
            return new InvalidInputException("malformed line; expected " + expected, new SourceLocation(file, line, 1));
        }
    }
}
