package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.internal.workspace.SafePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The coverage reports of one outcomes directory ({@code outcomes/{cycle}/} of a stream), found
 * by name and content: {@code *.xml} files named {@code *jacoco*} or whose root element is
 * {@code <report>} are JaCoCo reports (other XML, such as JUnit results, is skipped), {@code *.info} and {@code *.lcov} files
 * are LCOV tracefiles. The directory is searched {@value #MAX_DEPTH} levels deep; symbolic links
 * are not followed. Each report is unit or e2e by its path ({@link CoverageKind#ofPath}), and the
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
    public static final int MAX_DEPTH = 4;

    public CoverageReports {
        reports = List.copyOf(reports);
        problems = List.copyOf(problems);
    }

    /**
     * One report and its kind.
     *
     * @param kind   unit or e2e
     * @param report what it measured
     */
    public record Entry(CoverageKind kind, CoverageReport report) {
    }

    /**
     * Reads every coverage report under a workspace-relative directory; a missing directory has
     * none. Unreadable reports are collected as {@link #problems()}, not thrown.
     *
     * @throws InvalidInputException when the directory path leaves the workspace
     */
    public static CoverageReports scan(Path workspace, String directory) {
        Path dir = SafePaths.resolve(workspace, directory);
        List<Entry> reports = new ArrayList<>();
        List<InvalidInputException> problems = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return new CoverageReports(directory, reports, problems);
        }
        for (Path file : files(dir)) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            String shown = directory + "/" + relative;
            try {
                read(file, shown).ifPresent(report -> reports.add(new Entry(CoverageKind.ofPath(relative), report)));
            } catch (InvalidInputException e) {
                problems.add(e);
            }
        }
        return new CoverageReports(directory, reports, problems);
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

    private static Optional<CoverageReport> read(Path file, String shown) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".info") || name.endsWith(".lcov")) {
            return Optional.of(Lcov.read(file, shown));
        }
        if (name.endsWith(".xml") && (name.contains("jacoco") || JacocoXml.isReport(file))) {
            return Optional.of(JacocoXml.read(file, shown));
        }
        return Optional.empty();
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
