package dev.planning.engine.internal.outcome;

import dev.planning.api.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One source file's coverage in one report: its totals as the report counts them and, as far as the
 * report lists them, its lines and branches one by one, which is what a merge across reports needs
 * ({@link CoverageReports#total}).
 *
 * @param key        the file as reports name it: {@code [LCOV, <SF: path, canonical>]}, or
 *                   {@code [JACOCO_XML, <package>, <source file name>]} (the {@code <group>}s around it
 *                   left out, so that a module's report and an aggregate name one file alike); the
 *                   format is part of the key, so an LCOV path and a JaCoCo name are never one key
 *                   ({@link CoverageReports#total} refuses an LCOV path that ends as a JaCoCo name)
 * @param location   where the report names it (the {@code SF:} line, the {@code <sourcefile>} element)
 * @param lines      its lines as the report counts them
 * @param branches   its branches as the report counts them
 * @param lineHits   its listed lines: line number to whether it ran
 * @param branchHits its listed branches: an LCOV branch ({@code line,block,branch}) as 1 covered or 1
 *                   missed, a JaCoCo line's branches ({@code line}) as its covered and missed counts
 */
public record SourceCoverage(List<String> key, SourceLocation location, Coverage lines, Coverage branches,
        Map<Long, Boolean> lineHits, Map<String, Coverage> branchHits) {

    public SourceCoverage {
        key = List.copyOf(key);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(branches, "branches");
        lineHits = Map.copyOf(lineHits);
        branchHits = Map.copyOf(branchHits);
    }

    /**
     * The file as a path: an LCOV file's ({@code Lcov.canonicalPath}), a JaCoCo file's package and name
     * joined by {@code /} (its name alone in the default package).
     */
    public String name() {
        return String.join("/", key.subList(1, key.size()).stream().filter(part -> !part.isEmpty()).toList());
    }

    /** Whether its report is an LCOV tracefile (named by a path) rather than a JaCoCo report (package and name). */
    public boolean byPath() {
        return key.get(0).equals(CoverageReport.Format.LCOV.name());
    }

    /** Whether its listed lines are all its lines: only then can they be merged with another report's. */
    public boolean linesListed() {
        return lines.equals(countLines(lineHits));
    }

    /** Whether its listed branches are all its branches. */
    public boolean branchesListed() {
        return branches.equals(countBranches(branchHits));
    }

    /** The coverage of listed lines: each once, covered when it ran. */
    static Coverage countLines(Map<Long, Boolean> hits) {
        long covered = hits.values().stream().filter(Boolean::booleanValue).count();
        return new Coverage(covered, hits.size() - covered);
    }

    /**
     * The coverage of listed branches, summed.
     *
     * @throws IllegalArgumentException when the sum is more than a {@code long} holds
     */
    static Coverage countBranches(Map<String, Coverage> hits) {
        Coverage sum = Coverage.NONE;
        for (Coverage branch : hits.values()) {
            sum = sum.plus(branch);
        }
        return sum;
    }
}
