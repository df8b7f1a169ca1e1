package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.engine.internal.artifact.ErrorList;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The coverage reports of one outcomes directory ({@code outcomes/{cycle}/} of a stream): the one
 * selection both the {@code parity_coverage} gate ({@link GateOutcomes}) and the coverage KPIs
 * ({@link OutcomeFiles} with {@link CoverageReader#STANDARD}) read, so the two cannot disagree. A file
 * {@code planning import} stored under {@code jacoco/} or {@code lcov/} is a report of that format
 * whatever its name; any other file is found by name and content: {@code *.xml} files named
 * {@code *jacoco*} or whose root element is {@code <report>} are JaCoCo reports (other XML, such as
 * JUnit results, is skipped), {@code *.info} and {@code *.lcov} files are LCOV tracefiles. The
 * directory is searched {@value #MAX_DEPTH} levels deep, each file read once ({@link OutcomeSnapshot});
 * symbolic links are not followed but reported as problems. Each report is unit or e2e by its path
 * ({@link CoverageKind#ofPath}).
 *
 * <p>The reports of one kind are merged per source file ({@link #total}), as {@code lcov -a} and
 * JaCoCo's merge do: a file in several reports counts each of its lines once, covered when any report
 * covered it. Files are matched by the name their format gives them: an LCOV {@code SF:} path in one
 * spelling ({@code Lcov.canonicalPath}: {@code ./src/a.js}, {@code src//a.js} and {@code src\a.js} are
 * {@code src/a.js}); a JaCoCo file by its package and source file name, whatever {@code <group>}s
 * hold it, so that a module's report and an aggregate of it name it alike. Names that may be one file
 * or two (an LCOV path ending with a JaCoCo file's package and name, a relative path an absolute one
 * ends with, a JaCoCo name that two groups of one report share and another report names) are refused
 * rather than added or merged.
 *
 * <pre>{@code
 * CoverageReports reports = CoverageReports.scan(workspace, layout.outcomesDir(cycle));
 * reports.total(CoverageKind.UNIT).map(r -> r.lines().percent());
 * }</pre>
 *
 * @param directory the workspace-relative directory scanned
 * @param reports   the reports read, by workspace-relative path order
 * @param problems  reports that could not be read, as located errors
 */
public record CoverageReports(String directory, List<Entry> reports, List<InvalidInputException> problems) {

    /** How deep below the outcomes directory reports are looked for. */
    public static final int MAX_DEPTH = OutcomeSnapshot.MAX_DEPTH;

    public CoverageReports {
        reports = List.copyOf(reports);
        problems = List.copyOf(problems);
    }

    /**
     * One report and its kind.
     *
     * @param kind   unit or e2e
     * @param report what it measured
     * @param sha256 the SHA-256 of the bytes it was parsed from
     */
    public record Entry(CoverageKind kind, CoverageReport report, String sha256) {
    }

    /**
     * Reads every coverage report under a workspace-relative directory; a missing directory has
     * none. Unreadable reports are collected as {@link #problems()}, not thrown.
     *
     * @throws InvalidInputException when the directory path leaves the workspace
     */
    public static CoverageReports scan(Path workspace, String directory) {
        return of(OutcomeSnapshot.read(workspace, directory));
    }

    /**
     * The coverage reports of a snapshot, each parsed from the bytes the snapshot read and carrying
     * their SHA-256. An entry the snapshot could not read (too large, a link, not a regular file) is
     * a problem, whatever its name: what it holds cannot be known, so it is not skipped.
     */
    public static CoverageReports of(OutcomeSnapshot snapshot) {
        List<Entry> reports = new ArrayList<>();
        List<InvalidInputException> problems = new ArrayList<>(snapshot.unreadable().values());
        for (OutcomeSnapshot.File file : snapshot.files()) {
            try {
                read(file).ifPresent(report -> reports.add(new Entry(CoverageKind.ofPath(file.relative()), report,
                        file.sha256())));
            } catch (InvalidInputException e) {
                problems.add(e);
            }
        }
        return new CoverageReports(snapshot.directory(), reports, problems);
    }

    /**
     * The coverage of one kind's reports merged per source file, when any report of that kind was read:
     * a file named by one report counts as that report counts it; a file named by several counts each
     * line (and branch) once, covered when any of them covered it, which only their listed lines can
     * tell (an LCOV record of {@code LF}/{@code LH} totals alone cannot be merged and is refused). A
     * JaCoCo report's lines in no {@code <sourcefile>} (a report of totals alone) are added as its own
     * beside LCOV reports, whose files a JaCoCo report never names, but refused beside another JaCoCo
     * report of the kind: they may be that report's lines, and added they would count twice. A
     * JaCoCo line's branches merge as the most any report took on that line, as the XML gives counts,
     * not which branch was taken; so reports of one JaCoCo file must list the same lines and each line's
     * branches as many (one build's class files), or they are two files of one name and are refused. A
     * JaCoCo name two {@code <group>}s of one report hold is two files of that report, refused when another
     * report names it too; names that may be one file or two across formats, or a relative LCOV path an
     * absolute one ends with, are refused. Named by its file when there is one report, by the directory
     * and the count when there are several.
     *
     * @throws InvalidInputException naming every source file that cannot be merged, each where a report
     *                               gives it as totals alone or where its name may be another's, and
     *                               every JaCoCo report counting lines outside its source files beside
     *                               another, or when the merged counts exceed a {@code long}
     */
    public Optional<CoverageReport> total(CoverageKind kind) {
        List<CoverageReport> ofKind = reports.stream().filter(e -> e.kind() == kind).map(Entry::report).toList();
        if (ofKind.isEmpty()) {
            return Optional.empty();
        }
        String source = ofKind.size() == 1 ? ofKind.get(0).source() : directory + " (" + ofKind.size() + " reports)";
        Map<List<String>, List<SourceCoverage>> byFile = new LinkedHashMap<>();
        // The reports naming each file; a report naming one twice (a JaCoCo name in two modules' groups) twice.
        Map<List<String>, List<Integer>> namedBy = new HashMap<>();
        Coverage lines = Coverage.NONE;
        Coverage branches = Coverage.NONE;
        long jacocoReports = ofKind.stream().filter(r -> r.format() == CoverageReport.Format.JACOCO_XML).count();
        List<Finding> unmergeable = new ArrayList<>();
        try {
            for (int index = 0; index < ofKind.size(); index++) {
                CoverageReport report = ofKind.get(index);
                int reportIndex = index;
                Coverage listedLines = Coverage.NONE;
                Coverage listedBranches = Coverage.NONE;
                for (SourceCoverage file : report.files()) {
                    byFile.computeIfAbsent(file.key(), k -> new ArrayList<>()).add(file);
                    namedBy.computeIfAbsent(file.key(), k -> new ArrayList<>()).add(reportIndex);
                    listedLines = listedLines.plus(file.lines());
                    listedBranches = listedBranches.plus(file.branches());
                }
                // What the report counts outside its source files (a JaCoCo report of totals only): its own.
                Coverage unlistedLines = new Coverage(report.lines().covered() - listedLines.covered(),
                        report.lines().missed() - listedLines.missed());
                Coverage unlistedBranches = new Coverage(report.branches().covered() - listedBranches.covered(),
                        report.branches().missed() - listedBranches.missed());
                if (jacocoReports > 1) {
                    // Another JaCoCo report may hold the same lines: added as its own, they would count twice.
                    unlisted(report, "lines", unlistedLines, kind, jacocoReports, unmergeable);
                    unlisted(report, "branches", unlistedBranches, kind, jacocoReports, unmergeable);
                }
                lines = lines.plus(unlistedLines);
                branches = branches.plus(unlistedBranches);
            }
            unmergeable.addAll(ambiguous(byFile, kind));
            for (Map.Entry<List<String>, List<SourceCoverage>> named : byFile.entrySet()) {
                List<SourceCoverage> copies = named.getValue();
                List<Integer> by = namedBy.get(named.getKey());
                if (copies.size() == 1 || by.stream().distinct().count() == 1) {
                    // Named by one report alone (twice only in two groups of an aggregate): its own files.
                    for (SourceCoverage copy : copies) {
                        lines = lines.plus(copy.lines());
                        branches = branches.plus(copy.branches());
                    }
                } else if (by.stream().distinct().count() < by.size()) {
                    twoFilesOfOneName(copies, by, kind, unmergeable);
                } else if (mergeable(copies, kind, unmergeable)) {
                    lines = lines.plus(mergedLines(copies));
                    branches = branches.plus(mergedBranches(copies));
                }
            }
            if (unmergeable.size() == 1) {
                throw new InvalidInputException(unmergeable.get(0).message(), unmergeable.get(0).location().orElseThrow());
            }
            if (!unmergeable.isEmpty()) {
                throw ErrorList.exception("the " + kind.key() + " coverage reports of " + directory
                        + " cannot be merged per source file", unmergeable, SourceLocation.ofFile(directory));
            }
        } catch (IllegalArgumentException e) {
            // Fail closed: a sum wrapped past 2^63-1 was a negative percentage.
            throw new InvalidInputException("the " + kind.key() + " coverage reports of " + source
                    + " cannot be added up: " + e.getMessage(), SourceLocation.ofFile(directory), e);
        }
        return Optional.of(new CoverageReport(source, ofKind.get(0).format(), lines, branches));
    }

    /** A located error when a JaCoCo report, one of several of its kind, counts what no source file of it lists. */
    private static void unlisted(CoverageReport report, String measure, Coverage unlisted, CoverageKind kind,
            long jacocoReports, List<Finding> unmergeable) {
        if (unlisted.total() > 0) {
            unmergeable.add(Finding.error("coverage.unmergeable", "the report counts " + unlisted.covered()
                    + " covered and " + unlisted.missed() + " missed " + measure + " in no <sourcefile>, and it is"
                    + " one of " + jacocoReports + " " + kind.key() + " JaCoCo reports: which source files they are"
                    + " cannot be known, so the reports cannot be merged per source file (added as its own, a file"
                    + " in both would count twice): expected each <sourcefile> with its <line>s, as JaCoCo writes"
                    + " them, or the report alone", SourceLocation.ofFile(report.source())));
        }
    }

    /**
     * A located error for a JaCoCo name one report gives two files of (two modules' groups of an aggregate
     * report: the same package and source file name) that another report names too: which of the two the
     * other report's file is cannot be known, and merged with both it would count three files as two.
     */
    private static void twoFilesOfOneName(List<SourceCoverage> copies, List<Integer> by, CoverageKind kind,
            List<Finding> unmergeable) {
        for (int i = 0; i < copies.size(); i++) {
            Integer report = by.get(i);
            String source = copies.get(i).location().file();
            if (by.stream().filter(report::equals).count() > 1) {
                unmergeable.add(Finding.error("coverage.unmergeable", Printable.line(copies.get(i).name())
                        + " names two files of this report (in two <group>s: two modules' files of one package and"
                        + " name) and is named by another " + kind.key() + " coverage report too ("
                        + copies.stream().map(c -> c.location().file()).filter(f -> !f.equals(source))
                                .distinct().collect(Collectors.joining(", "))
                        + "): which of the two that report's file is cannot be known, so they cannot be merged per"
                        + " source file: expected the aggregate report alone, or the modules' reports alone",
                        copies.get(i).location()));
            }
        }
    }

    /**
     * Located errors for names of different keys that may be one file: an LCOV path that ends with a JaCoCo
     * file's package and name ({@code src/main/java/shop/Cart.java} and {@code shop/Cart.java}), and a
     * relative LCOV path that an absolute one ends with ({@code src/a.js} and {@code /ci/web/src/a.js}).
     * Added, one file would count twice; merged, two files might be mixed: neither is certain, so both are
     * refused. Two relative paths are two files: a path names its file from the one root its tools ran in.
     */
    private static List<Finding> ambiguous(Map<List<String>, List<SourceCoverage>> byFile, CoverageKind kind) {
        Collection<List<String>> keys = byFile.keySet();
        // Every segment-suffix of every LCOV path (the whole path too), to the files that end so.
        Map<String, List<SourceCoverage>> endings = new HashMap<>();
        for (List<String> key : keys) {
            SourceCoverage file = byFile.get(key).get(0);
            if (file.byPath()) {
                String path = file.name();
                endings.computeIfAbsent(path, p -> new ArrayList<>()).add(file);
                for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                    endings.computeIfAbsent(path.substring(slash + 1), p -> new ArrayList<>()).add(file);
                }
            }
        }
        List<Finding> found = new ArrayList<>();
        for (List<String> key : keys) {
            SourceCoverage file = byFile.get(key).get(0);
            if (file.byPath() && absolute(file.name())) {
                continue;
            }
            for (SourceCoverage longer : endings.getOrDefault(file.name(), List.of())) {
                if (!file.byPath() || absolute(longer.name())) {
                    found.add(Finding.error("coverage.unmergeable", Printable.line(file.name()) + " ("
                            + (file.byPath() ? "a relative LCOV path" : "a JaCoCo package and source file name")
                            + ") and " + Printable.line(longer.name()) + " in " + longer.location().file()
                            + " (an " + (file.byPath() ? "absolute " : "") + "LCOV path ending so) may be one file of"
                            + " the " + kind.key() + " coverage or two: added, one file would count twice, merged, two"
                            + " would be mixed, so neither is done: expected each source file in reports of one format,"
                            + " their paths spelt alike (all relative to the project, or all absolute)",
                            file.location()));
                }
            }
        }
        return found;
    }

    /** Whether a canonical path is absolute: {@code /} first, or a Windows drive ({@code C:/}). */
    private static boolean absolute(String path) {
        return path.startsWith("/") || path.length() > 2 && Character.isLetter(path.charAt(0))
                && path.charAt(1) == ':' && path.charAt(2) == '/';
    }

    /** Whether every copy lists its lines and branches one by one; a located error for each that does not. */
    private static boolean mergeable(List<SourceCoverage> copies, CoverageKind kind, List<Finding> unmergeable) {
        boolean mergeable = true;
        for (SourceCoverage copy : copies) {
            String missing = !copy.linesListed() ? "lines (LF/LH without a DA line for each)"
                    : !copy.branchesListed() ? "branches (BRF/BRH without a BRDA line for each)" : null;
            if (missing != null) {
                mergeable = false;
                unmergeable.add(Finding.error("coverage.unmergeable", Printable.line(copy.name()) + " is in "
                        + copies.size() + " " + kind.key() + " coverage reports (" + copies.stream()
                                .map(c -> c.location().file()).collect(Collectors.joining(", "))
                        + ") and this one gives its " + missing + " as totals, so the reports cannot be merged"
                        + " per source file: expected every line listed in each report (DA lines), or the file in"
                        + " one report", copy.location()));
            } else if (copy.key().get(0).equals(CoverageReport.Format.JACOCO_XML.name())
                    && !sameCode(copies.get(0), copy)) {
                // JaCoCo lists every line with code and its branches, ran or not: one file's reports list the same.
                mergeable = false;
                unmergeable.add(Finding.error("coverage.unmergeable", Printable.line(copy.name()) + " is in "
                        + copies.size() + " " + kind.key() + " coverage reports and this one lists other lines or"
                        + " branches than " + copies.get(0).location().file() + " does, so they are not one file"
                        + " (two modules' files of one package and name, or two builds of it) and cannot be merged"
                        + " line by line: expected every report of one build (a module's report and an aggregate of"
                        + " it list its lines alike), and one package and name per source file", copy.location()));
            }
        }
        return mergeable;
    }

    /** Whether two copies list the same lines and each line's branches as many: what one build's class files give. */
    private static boolean sameCode(SourceCoverage first, SourceCoverage copy) {
        return first.lineHits().keySet().equals(copy.lineHits().keySet())
                && branchTotals(first).equals(branchTotals(copy));
    }

    private static Map<String, Long> branchTotals(SourceCoverage file) {
        Map<String, Long> totals = new HashMap<>();
        file.branchHits().forEach((branch, hit) -> totals.put(branch, hit.total()));
        return totals;
    }

    /** Each line once, covered when any copy covered it. */
    private static Coverage mergedLines(List<SourceCoverage> copies) {
        Map<Long, Boolean> merged = new HashMap<>();
        copies.forEach(c -> c.lineHits().forEach((line, hit) -> merged.merge(line, hit, Boolean::logicalOr)));
        return SourceCoverage.countLines(merged);
    }

    /** Each branch (an LCOV branch, a JaCoCo line's branches) once: the most any copy took of the most any has. */
    private static Coverage mergedBranches(List<SourceCoverage> copies) {
        Map<String, Coverage> merged = new HashMap<>();
        copies.forEach(c -> c.branchHits().forEach((branch, hit) -> merged.merge(branch, hit, (a, b) -> {
            long covered = Math.max(a.covered(), b.covered());
            long total = Math.max(a.total(), b.total());
            return new Coverage(covered, total - covered);
        })));
        return SourceCoverage.countBranches(merged);
    }

    /** The merged coverage ({@link #total}) of each kind that has a report. */
    public Map<CoverageKind, CoverageReport> totals() {
        Map<CoverageKind, CoverageReport> totals = new EnumMap<>(CoverageKind.class);
        for (CoverageKind kind : CoverageKind.values()) {
            total(kind).ifPresent(report -> totals.put(kind, report));
        }
        return totals;
    }

    /** No report at all in {@code directory}. */
    public static CoverageReports none(String directory) {
        return new CoverageReports(directory, List.of(), List.of());
    }

    private static Optional<CoverageReport> read(OutcomeSnapshot.File file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        // What import stored is read as the format it was detected as, whatever its name (coverage.out).
        if (storedAs(file, OutcomeKind.LCOV)) {
            return Optional.of(Lcov.parse(file.content(), file.path()));
        }
        if (storedAs(file, OutcomeKind.JACOCO)) {
            return Optional.of(JacocoXml.parse(new ByteArrayInputStream(file.content()), file.path()));
        }
        if (name.endsWith(".info") || name.endsWith(".lcov")) {
            return Optional.of(Lcov.parse(file.content(), file.path()));
        }
        if (name.endsWith(".xml") && (name.contains("jacoco") || JacocoXml.isReport(file.content()))) {
            return Optional.of(JacocoXml.parse(new ByteArrayInputStream(file.content()), file.path()));
        }
        return Optional.empty();
    }

    /** Whether the file is one {@code planning import} stored as {@code kind}: directly in its directory. */
    private static boolean storedAs(OutcomeSnapshot.File file, OutcomeKind kind) {
        String prefix = kind.directory() + "/";
        return file.relative().startsWith(prefix) && file.relative().indexOf('/', prefix.length()) < 0;
    }
}
