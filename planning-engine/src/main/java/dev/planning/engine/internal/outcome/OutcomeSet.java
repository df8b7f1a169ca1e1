package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.schema.SchemaCatalog;
import dev.planning.engine.internal.workspace.Shown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcomes imported into one cycle, parsed, each with the workspace-relative path it is stored
 * at. Lists are sorted by path, so everything computed from them is deterministic.
 *
 * @param tests         JUnit reports
 * @param coverage      the JaCoCo and LCOV reports the {@link CoverageReader} read, merged per source file
 *                      by {@link CoverageReports#total} as the {@code parity_coverage} gate merges them
 * @param accessibility axe-core results
 * @param deployments   deployments / incidents / defects files
 */
public record OutcomeSet(List<Stored<TestReport>> tests, CoverageReports coverage,
        List<Stored<AccessibilityReport>> accessibility, List<Stored<DeploymentLog>> deployments) {

    public OutcomeSet {
        tests = List.copyOf(tests);
        Objects.requireNonNull(coverage, "coverage");
        accessibility = List.copyOf(accessibility);
        deployments = List.copyOf(deployments);
    }

    /** No outcomes at all. */
    public static OutcomeSet empty() {
        return new OutcomeSet(List.of(), CoverageReports.none(""), List.of(), List.of());
    }

    /**
     * One stored outcome file and what it holds.
     *
     * @param path   workspace-relative path
     * @param sha256 the SHA-256 of the bytes {@code report} was parsed from
     * @param report the parsed content
     * @param <T>    the content's type
     */
    public record Stored<T>(String path, String sha256, T report) {
        public Stored {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(report, "report");
        }

    }

    /**
     * Refuses deployments files that together count something twice: a deployment, incident or defect
     * listed in two files (two exports whose windows overlap), or two files whose periods overlap (a day
     * counted twice in deployment frequency). Each file checks its own ids when it is read; this checks
     * them across files, for the digest's figures and, before anything is stored, for {@code import}.
     * Every such mistake, each naming both files at the line and column of the entry (or period) in each.
     *
     * @param files the deployments files, each named as the message should name it
     * @throws InvalidInputException naming both files of each mistake, located at the later file's entry
     */
    public static void requireDistinctDeployments(List<Stored<DeploymentLog>> files) {
        Map<String, SourceLocation> seen = new HashMap<>();
        List<Stored<DeploymentLog>> periods = new ArrayList<>();
        List<Finding> mistakes = new ArrayList<>();
        for (Stored<DeploymentLog> file : files) {
            DeploymentLog log = file.report();
            log.deployments().forEach(d -> once(seen, "deployment", d.id(), file, mistakes));
            log.incidents().forEach(i -> once(seen, "incident", i.id(), file, mistakes));
            log.defects().forEach(d -> once(seen, "defect", d.id(), file, mistakes));
            if (log.period().isEmpty()) {
                continue;
            }
            DeploymentLog.Period period = log.period().get();
            for (Stored<DeploymentLog> other : periods) {
                DeploymentLog.Period earlier = other.report().period().orElseThrow();
                if (period.start().isBefore(earlier.end()) && earlier.start().isBefore(period.end())) {
                    SourceLocation here = place(file, "period");
                    mistakes.add(Finding.error(SchemaCatalog.INVALID, "the period of " + Shown.path(here) + " ("
                            + period.start() + " to " + period.end() + ") overlaps that of "
                            + Shown.path(place(other, "period")) + " ("
                            + earlier.start() + " to " + earlier.end() + "); deployment frequency counts each day once:"
                            + " give the files periods that do not overlap", here));
                }
            }
            periods.add(file);
        }
        if (mistakes.size() == 1) {
            throw new InvalidInputException(mistakes.get(0).message(), mistakes.get(0).location().orElseThrow());
        }
        if (!mistakes.isEmpty()) {
            throw ErrorList.exception("deployments files count the same thing twice", mistakes, null);
        }
    }

    /** Where {@code file} writes the entry {@code key} ({@link DeploymentLog#place}), named as the file is. */
    private static SourceLocation place(Stored<DeploymentLog> file, String key) {
        return file.report().place(key).map(l -> new SourceLocation(file.path(), l.line(), l.column()))
                .orElse(SourceLocation.ofFile(file.path()));
    }

    private static void once(Map<String, SourceLocation> seen, String kind, String id, Stored<DeploymentLog> file,
            List<Finding> mistakes) {
        SourceLocation here = place(file, kind + " " + id);
        SourceLocation first = seen.putIfAbsent(kind + " " + id, here);
        if (first != null) {
            // An id and a file name are whatever a contributor wrote: shown on one line (review17).
            mistakes.add(Finding.error(SchemaCatalog.INVALID, kind + " " + Printable.line(id) + " is listed in "
                    + Shown.path(first) + " and again in " + Shown.path(here)
                    + "; each deployment, incident and defect counts once: list it in one file", here));
        }
    }
}
