package dev.planning.engine.internal.lint;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import java.util.Comparator;

/** Findings in reading order: by file, line and column; findings without a place come first. */
final class FindingOrder {

    static final Comparator<Finding> READING = Comparator
            .comparing((Finding f) -> f.location().map(SourceLocation::file).orElse(""))
            .thenComparingInt(f -> f.location().map(SourceLocation::line).orElse(0))
            .thenComparingInt(f -> f.location().map(SourceLocation::column).orElse(0))
            .thenComparing(Finding::code)
            .thenComparing(Finding::message);

    private FindingOrder() {
    }
}
