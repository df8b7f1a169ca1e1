package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The coverage reports of one outcomes directory ({@code outcomes/{cycle}/} of a stream), found
 * by name and content: {@code *.xml} files named {@code *jacoco*} or whose root element is
 * {@code <report>} are JaCoCo reports (other XML, such as JUnit results, is skipped), {@code *.info} and {@code *.lcov} files
 * are LCOV tracefiles. The directory is searched {@value #MAX_DEPTH} levels deep, each file read once
 * ({@link OutcomeSnapshot}); symbolic links are not followed but reported as problems. Each report is unit or e2e by its path ({@link CoverageKind#ofPath}), and the
 * reports of one kind are summed.
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

    /** The summed coverage of one kind, when any report of that kind was read. */
    public Optional<CoverageReport> total(CoverageKind kind) {
        List<CoverageReport> ofKind = reports.stream().filter(e -> e.kind() == kind).map(Entry::report).toList();
        if (ofKind.isEmpty()) {
            return Optional.empty();
        }
        Coverage lines = Coverage.NONE;
        Coverage branches = Coverage.NONE;
        for (CoverageReport report : ofKind) {
            lines = lines.plus(report.lines());
            branches = branches.plus(report.branches());
        }
        String source = ofKind.size() == 1 ? ofKind.get(0).source() : directory + " (" + ofKind.size() + " reports)";
        return Optional.of(new CoverageReport(source, ofKind.get(0).format(), lines, branches));
    }

    /** The summed coverage of each kind that has a report. */
    public Map<CoverageKind, CoverageReport> totals() {
        Map<CoverageKind, CoverageReport> totals = new EnumMap<>(CoverageKind.class);
        for (CoverageKind kind : CoverageKind.values()) {
            total(kind).ifPresent(report -> totals.put(kind, report));
        }
        return totals;
    }

    private static Optional<CoverageReport> read(OutcomeSnapshot.File file) {
        String name = file.name().toLowerCase(Locale.ROOT);
        if (name.endsWith(".info") || name.endsWith(".lcov")) {
            return Optional.of(Lcov.parse(file.content(), file.path()));
        }
        if (name.endsWith(".xml") && (name.contains("jacoco") || JacocoXml.isReport(file.content()))) {
            return Optional.of(JacocoXml.parse(new ByteArrayInputStream(file.content()), file.path()));
        }
        return Optional.empty();
    }
}
