package dev.planning.engine.internal.outcome;

import java.util.Locale;

/**
 * Which tests a coverage report measures. A report whose path below the outcomes directory
 * contains {@code e2e} (in any case: {@code e2e-lcov.info}, {@code e2e/jacoco.xml}) is
 * {@link #E2E}; every other report is {@link #UNIT}.
 */
public enum CoverageKind {
    /** Unit (and other in-process) tests. */
    UNIT,
    /** End-to-end tests. */
    E2E;

    /** The kind a report's relative path names. */
    public static CoverageKind ofPath(String relativePath) {
        return relativePath.toLowerCase(Locale.ROOT).contains("e2e") ? E2E : UNIT;
    }

    /** {@code unit} or {@code e2e}, as thresholds and evidence spell it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
