package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.document.YamlDocuments;

/** The structural check of an LCOV tracefile that import needs: records open and close. */
final class TracefileStructure {

    private TracefileStructure() {
    }

    /**
     * Checks that the file has at least one record and that every {@code SF:} record is closed by
     * {@code end_of_record} before the next one starts and before the file ends.
     *
     * @throws InvalidInputException naming the line of the problem
     */
    static void check(byte[] content, String displayPath) {
        // Strict UTF-8, as the gates read the stored copy (a bad byte refused here, at its line and column,
        // not at the next gate); a leading byte-order mark dropped, as every planning file's.
        String[] lines = YamlDocuments.decodeUtf8(content, displayPath).split("\r?\n", -1);
        int open = 0;
        int records = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("SF:")) {
                if (open > 0) {
                    throw new InvalidInputException("a new SF: record starts before the record of line " + open
                            + " was closed by end_of_record", new SourceLocation(displayPath, i + 1, 1));
                }
                open = i + 1;
            } else if (line.equals("end_of_record")) {
                if (open == 0) {
                    throw new InvalidInputException("end_of_record without an SF: line opening the record",
                            new SourceLocation(displayPath, i + 1, 1));
                }
                open = 0;
                records++;
            }
        }
        if (open > 0) {
            throw new InvalidInputException("the record opened by SF: on line " + open
                    + " is never closed by end_of_record (a truncated tracefile?)", new SourceLocation(displayPath, open, 1));
        }
        if (records == 0) {
            throw new InvalidInputException("no SF: ... end_of_record record: expected an LCOV tracefile",
                    SourceLocation.ofFile(displayPath));
        }
    }
}
