package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.workspace.Shown;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads the totals of an LCOV tracefile ({@code lcov.info}, as written by {@code lcov}, c8,
 * Istanbul/nyc, Jest, {@code cargo llvm-cov} and others), summed over its records.
 *
 * <pre>{@code
 * CoverageReport report = Lcov.read(Path.of("coverage/lcov.info"), "coverage/lcov.info");
 * }</pre>
 *
 * <p>Per record ({@code SF:} to {@code end_of_record}) lines are counted from its {@code DA} lines and
 * branches from its {@code BRDA} lines (a line listed twice counts once; a count must be a whole
 * number, {@code -} for a branch whose block never ran) and from its {@code LF}/{@code LH} and
 * {@code BRF}/{@code BRH} summary: where the two disagree, the most lines either names and the fewest hit. A source file in several records (one per test, or tracefiles
 * joined with {@code cat}) counts each of its lines once, hit when any record hit it, from the
 * records' {@code DA} and {@code BRDA} lines; a record that gives such a file's counts only as totals
 * cannot be merged and is refused. Each source file's listed lines and branches are kept
 * ({@link CoverageReport#files()}), so that another report of the same file is merged with it
 * ({@link CoverageReports#total}) rather than added to it, under its path in one spelling
 * ({@code canonicalPath}: {@code ./src/a.js} and {@code src\a.js} are {@code src/a.js}; a path with a
 * {@code ..} segment is refused). The other lines of the format ({@code TN}, {@code VER}, {@code FN*},
 * {@code MC*}) are read and carry nothing this reader totals; a line of any other kind, counts outside
 * a record ({@code DA:} before any {@code SF:}), a summary with more hits than lines ({@code LH > LF})
 * or given by half ({@code LF} without {@code LH}), a line longer than {@value #MAX_LINE} characters, a malformed number (a negative count,
 * {@code 1.5}), a record opened before the last one closed, or a file with no record is refused at
 * its line: every mistake of the file in one exception. Thread-safe.
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
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the LCOV tracefile: " + Shown.why(e),
                    SourceLocation.ofFile(displayPath), e);
        }
        return parse(content, displayPath);
    }

    /**
     * Parses a tracefile's bytes (UTF-8; bytes that are not UTF-8 are refused at their line and column,
     * never replaced).
     *
     * @throws InvalidInputException when it is not UTF-8 text or not an LCOV tracefile
     */
    public static CoverageReport parse(byte[] content, String displayPath) {
        try {
            return parse(new StringReader(YamlDocuments.decodeUtf8(content, displayPath)), displayPath);
        } catch (IOException e) {
            throw new UncheckedIOException("a string reader failed", e);
        }
    }

    /**
     * Parses a tracefile from a reader (not closed).
     *
     * @throws InvalidInputException when it is not an LCOV tracefile: every mistake of the file, each at its line
     * @throws IOException           when the reader fails
     */
    public static CoverageReport parse(Reader reader, String displayPath) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        Tracefile tracefile = new Tracefile(displayPath);
        int number = 0;
        try {
            for (String line = readLine(in, displayPath, number + 1); line != null;
                    line = readLine(in, displayPath, number + 1)) {
                number++;
                // A byte-order mark before the first record, as an editor on Windows writes one: not part of it.
                tracefile.accept((number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip(), number);
            }
        } catch (InvalidInputException tooLong) {
            // Not a tracefile from here on: the last mistake, listed after those found before it (errors23).
            throw tracefile.endedBy(tooLong);
        }
        return tracefile.report(number);
    }

    /**
     * A source file's path in the one spelling the reports' merge compares ({@link CoverageReports#total}):
     * backslashes (as Windows tools write them) read as {@code /}, empty and {@code .} segments dropped
     * ({@code ./src//a.js} is {@code src/a.js}), a leading {@code /} kept; empty for a path of no segment
     * ({@code ./}); {@code null} for a path with a {@code ..} segment, which names no file that can be told
     * apart from others without the file system. Letters keep their case.
     */
    static String canonicalPath(String path) {
        String slashed = path.replace('\\', '/');
        List<String> kept = new ArrayList<>();
        for (String segment : slashed.split("/", -1)) {
            if (segment.equals("..")) {
                return null;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        if (kept.isEmpty()) {
            return "";
        }
        return (slashed.startsWith("/") ? "/" : "") + String.join("/", kept);
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

    /**
     * The lines of a tracefile as they come: each classified against the format's allow-list, records
     * opened and closed, every mistake kept with its line.
     */
    private static final class Tracefile {
        /** Every line type of geninfo(1)'s format (LCOV 1.x and 2.x); {@code end_of_record} has no colon. */
        private static final Set<String> KEYS = Set.of("TN", "SF", "VER", "FN", "FNDA", "FNF", "FNH", "FNL", "FNA",
                "BRDA", "BRF", "BRH", "DA", "LF", "LH", "MCDC", "MCF", "MCH");

        private final String displayPath;
        /** The records of each source file, in the order of their first {@code SF:}. */
        private final Map<String, List<Record>> files = new LinkedHashMap<>();
        /** Bounded: a hostile file's millions of mistakes are counted, not kept (errors23). */
        private final ErrorList.Mistakes mistakes = new ErrorList.Mistakes();
        private Record record;

        Tracefile(String displayPath) {
            this.displayPath = displayPath;
        }

        void accept(String text, int number) {
            if (text.isEmpty()) {
                return;
            }
            if (text.equals("end_of_record")) {
                if (record == null) {
                    mistake("end_of_record without a record: expected SF:<file> first", number, 1);
                } else {
                    close();
                }
                return;
            }
            int colon = text.indexOf(':');
            String key = colon < 0 ? "" : text.substring(0, colon);
            if (!KEYS.contains(key)) {
                // A line this reader cannot classify might carry counts it would drop: refused, never skipped.
                mistake("not an LCOV tracefile line: expected TN:, SF:, DA:, LF:, LH:, BRDA:, BRF:, BRH:, FN..:, VER:,"
                        + " MC..: or end_of_record", number, 1);
                return;
            }
            String value = text.substring(colon + 1);
            if (key.equals("SF")) {
                if (record != null) {
                    // The open record would be dropped, its missed lines with it (a truncated file, or two joined).
                    mistake("a new SF: record starts before the record of line " + record.line
                            + " was closed by end_of_record", number, 1);
                    record = null;
                }
                String path = value.strip();
                String canonical = canonicalPath(path);
                if (canonical != null && canonical.isEmpty()) {
                    mistake("SF: names no source file", number, colon + 2);
                } else if (canonical == null) {
                    // Not normalised past a segment: "a/../b" is "b" only where "a" is no link, and "../b" leaves the root.
                    mistake("SF:" + Printable.line(path) + " has a \"..\" segment: which source file it names cannot be"
                            + " known, so it cannot be told from another report's spelling of it; expected a path"
                            + " without \"..\" (relative to the project, or absolute)", number, colon + 2);
                } else {
                    path = canonical;
                }
                record = new Record(path, number);
            } else if (record == null) {
                if (!key.equals("TN")) {
                    // Counts outside a record belong to no source file: dropping them would hide missed lines.
                    mistake(key + ": outside a record: expected SF:<file> first", number, 1);
                }
            } else if (key.equals("TN")) {
                mistake("TN: inside the record of line " + record.line + ": expected end_of_record first", number, 1);
            } else {
                try {
                    record.accept(key, value, displayPath, number, colon);
                } catch (InvalidInputException e) {
                    add(e);
                }
            }
        }

        private void close() {
            // Every mistake of the record, not its first alone (errors23).
            List<InvalidInputException> wrong = record.check(displayPath);
            if (wrong.isEmpty()) {
                files.computeIfAbsent(record.file, f -> new ArrayList<>()).add(record);
            }
            wrong.forEach(this::add);
            record = null;
        }

        /** The refusal of a file whose reading stopped at {@code last}: its mistakes before it, then it. */
        InvalidInputException endedBy(InvalidInputException last) {
            add(last);
            return mistakes.exception("invalid LCOV tracefile", SourceLocation.ofFile(displayPath));
        }

        CoverageReport report(int lines) {
            if (record != null) {
                mistake("the record opened by SF: on line " + record.line
                        + " is never closed by end_of_record (a truncated tracefile?)", record.line, 1);
            }
            Coverage lineTotals = Coverage.NONE;
            Coverage branchTotals = Coverage.NONE;
            List<SourceCoverage> sources = new ArrayList<>();
            for (List<Record> records : files.values()) {
                try {
                    Coverage fileLines = merged(() -> Record.lines(records, displayPath));
                    Coverage fileBranches = merged(() -> Record.branches(records, displayPath));
                    if (fileLines == null || fileBranches == null) {
                        continue;
                    }
                    lineTotals = lineTotals.plus(fileLines);
                    branchTotals = branchTotals.plus(fileBranches);
                    // Kept per file, so that another report of the same file is merged with it, not added to it.
                    sources.add(new SourceCoverage(List.of(CoverageReport.Format.LCOV.name(), records.get(0).file),
                            new SourceLocation(displayPath, records.get(0).line, 1), fileLines, fileBranches,
                            Record.listedLines(records), Record.listedBranches(records)));
                } catch (IllegalArgumentException e) {
                    // Counts summed past 2^63-1: refused at the file's first record, never wrapped.
                    mistake(e.getMessage(), records.get(0).line, 1);
                }
            }
            if (files.isEmpty() && mistakes.isEmpty()) {
                throw new InvalidInputException("not an LCOV tracefile: no record (SF:<file> ... end_of_record) found",
                        SourceLocation.ofFile(displayPath));
            }
            if (!mistakes.isEmpty()) {
                throw mistakes.exception("invalid LCOV tracefile", SourceLocation.ofFile(displayPath));
            }
            return new CoverageReport(displayPath, CoverageReport.Format.LCOV, lineTotals, branchTotals, sources);
        }

        /** A file's lines (or branches) merged over its records, or null when they cannot be (a mistake kept). */
        private Coverage merged(Supplier<Coverage> merge) {
            try {
                return merge.get();
            } catch (InvalidInputException e) {
                add(e);
                return null;
            }
        }

        private void mistake(String message, int line, int column) {
            mistakes.add(Finding.error("lcov.invalid", message, new SourceLocation(displayPath, line, column)));
        }

        private void add(InvalidInputException e) {
            mistakes.add(Finding.error("lcov.invalid", e.getMessage(),
                    e.location().orElse(SourceLocation.ofFile(displayPath))));
        }
    }

    /** One record's counts: a source file as one test (or all of them) saw it. */
    private static final class Record {
        private final String file;
        /** The line of its {@code SF:}. */
        private final int line;
        private Long linesFound;
        private Long linesHit;
        private Long branchesFound;
        private Long branchesHit;
        private final Map<Long, Boolean> lineHits = new HashMap<>();
        private final Map<String, Boolean> branchHits = new HashMap<>();

        Record(String file, int line) {
            this.file = file;
            this.line = line;
        }

        void accept(String key, String value, String file, int number, int colon) {
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
                    // VER, FN, FNDA, FNF, FNH, FNL, FNA and the MC/DC lines carry nothing this reader totals.
                }
            }
        }

        /**
         * A summary that claims more hits than there are lines (or branches), or is given by half (its
         * count found without its count hit, or the reverse), has no true reading.
         */
        List<InvalidInputException> check(String file) {
            List<InvalidInputException> wrong = new ArrayList<>();
            half(linesFound, "LF", linesHit, "LH", file, wrong);
            half(branchesFound, "BRF", branchesHit, "BRH", file, wrong);
            if (linesFound != null && linesHit != null && linesHit > linesFound) {
                wrong.add(new InvalidInputException("LH:" + linesHit + " is more than LF:" + linesFound
                        + " in the record of line " + line + ": expected at most as many lines hit as found",
                        new SourceLocation(file, line, 1)));
            }
            if (branchesFound != null && branchesHit != null && branchesHit > branchesFound) {
                wrong.add(new InvalidInputException("BRH:" + branchesHit + " is more than BRF:" + branchesFound
                        + " in the record of line " + line + ": expected at most as many branches hit as found",
                        new SourceLocation(file, line, 1)));
            }
            return wrong;
        }

        /**
         * Refuses a summary given by half: counted from its DA (or BRDA) lines instead, a record with none
         * counted no line at all, its lines found dropped (review18).
         */
        private void half(Long found, String foundKey, Long hit, String hitKey, String file,
                List<InvalidInputException> wrong) {
            if ((found == null) != (hit == null)) {
                String given = found != null ? foundKey + ":" + found : hitKey + ":" + hit;
                String missing = found != null ? hitKey : foundKey;
                wrong.add(new InvalidInputException(given + " without " + missing + " in the record of line " + line
                        + ": expected " + foundKey + " and " + hitKey + " together, or neither (counted from the "
                        + (foundKey.equals("LF") ? "DA" : "BRDA") + " lines)", new SourceLocation(file, line, 1)));
            }
        }

        /**
         * The lines of one source file over its records. One record: its {@code DA} lines and its
         * {@code LF}/{@code LH}, as {@link #counted} reads them. Several (a record per test, as {@code geninfo --test-name} runs write, or
         * tracefiles joined with {@code cat}): each line once, hit when any record hit it, which only
         * {@code DA} lines can tell, and at least as many lines as any record's {@code LF} names; a record
         * with summary counts alone cannot be merged and is refused (summing the records would count every
         * line once per record).
         */
        static Coverage lines(List<Record> records, String file) {
            Record first = records.get(0);
            if (records.size() == 1) {
                return counted(first.linesFound, first.linesHit, first.lineHits.values());
            }
            Map<Long, Boolean> merged = new HashMap<>();
            for (Record record : records) {
                if (record.lineHits.isEmpty() && (record.linesFound != null || record.linesHit != null)) {
                    throw unmergeable(records, record, "lines", "DA", file);
                }
                record.lineHits.forEach((line, hit) -> merged.merge(line, hit, Boolean::logicalOr));
            }
            // Each record's LH speaks of its test alone; its LF of the file's lines, which the merge does not lessen.
            return counted(mostFound(records, r -> r.linesFound), null, merged.values());
        }

        /** The branches of one source file over its records, merged as {@link #lines} merges lines. */
        static Coverage branches(List<Record> records, String file) {
            Record first = records.get(0);
            if (records.size() == 1) {
                return counted(first.branchesFound, first.branchesHit, first.branchHits.values());
            }
            Map<String, Boolean> merged = new HashMap<>();
            for (Record record : records) {
                if (record.branchHits.isEmpty() && (record.branchesFound != null && record.branchesFound > 0
                        || record.branchesHit != null && record.branchesHit > 0)) {
                    throw unmergeable(records, record, "branches", "BRDA", file);
                }
                record.branchHits.forEach((branch, hit) -> merged.merge(branch, hit, Boolean::logicalOr));
            }
            return counted(mostFound(records, r -> r.branchesFound), null, merged.values());
        }

        /** The {@code DA} lines of the records: each line once, hit when any record hit it. */
        static Map<Long, Boolean> listedLines(List<Record> records) {
            Map<Long, Boolean> merged = new HashMap<>();
            records.forEach(r -> r.lineHits.forEach((line, hit) -> merged.merge(line, hit, Boolean::logicalOr)));
            return merged;
        }

        /** The {@code BRDA} branches of the records: each once, taken when any record took it. */
        static Map<String, Coverage> listedBranches(List<Record> records) {
            Map<String, Boolean> merged = new HashMap<>();
            records.forEach(r -> r.branchHits.forEach((branch, hit) -> merged.merge(branch, hit, Boolean::logicalOr)));
            Map<String, Coverage> listed = new HashMap<>();
            merged.forEach((branch, hit) -> listed.put(branch, hit ? new Coverage(1, 0) : new Coverage(0, 1)));
            return listed;
        }

        /** The most lines (or branches) any of the records' summaries names; null when none has a summary. */
        private static Long mostFound(List<Record> records, Function<Record, Long> found) {
            return records.stream().map(found).filter(Objects::nonNull).max(Long::compare).orElse(null);
        }

        private static InvalidInputException unmergeable(List<Record> records, Record record, String what,
                String lines, String file) {
            return new InvalidInputException("SF:" + record.file + " has " + records.size() + " records (lines "
                    + records.stream().map(r -> String.valueOf(r.line)).collect(Collectors.joining(", "))
                    + ") and the record of line " + record.line + " gives its " + what + " as totals without "
                    + lines + " lines, so they cannot be merged: expected " + lines + " lines in every record, or one"
                    + " record per source file (merge the tracefiles with lcov --add-tracefile)",
                    new SourceLocation(file, record.line, 1));
        }

        /**
         * A record's own lines (its {@code DA} or {@code BRDA} lines, each once), and its summary where it has
         * one: the strictest reading of the two, the most lines either names and the fewest hit either names.
         * Neither is believed over the other: taken over the lines, {@code LH} raised to {@code LF} read ten
         * missed lines as covered and {@code LF:0} dropped them (attack19); taken under them, lines listing
         * only those that ran read as full coverage under a summary naming eight more (review19).
         */
        private static Coverage counted(Long found, Long hit, Collection<Boolean> listed) {
            long covered = listed.stream().filter(Boolean::booleanValue).count();
            long total = listed.size();
            if (found != null) {
                total = Math.max(total, found);
            }
            if (hit != null) {
                covered = listed.isEmpty() ? hit : Math.min(covered, hit);
            }
            return new Coverage(covered, total - covered);
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
