package dev.planning.engine.internal.outcome;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which tests a coverage report measures. A report whose path below the outcomes directory
 * contains {@code e2e} (in any case: {@code e2e-lcov.info}, {@code e2e/jacoco.xml}) is
 * {@link #E2E}; every other report is {@link #UNIT}. The prefix {@code planning import} puts before
 * a stored file's name (12 hex digits of its SHA-256 and a dash) is not read: hex digits spell
 * {@code e2e} in about 1 of 400 hashes. The gate and the KPI inputs both classify through this one
 * method ({@link CoverageReports}).
 */
public enum CoverageKind {
    /** Unit (and other in-process) tests. */
    UNIT,
    /** End-to-end tests. */
    E2E;

    /** The start of a name {@code planning import} stored: its hash prefix and the dash after it. */
    private static final Pattern IMPORT_PREFIX = Pattern.compile("[0-9a-f]{" + OutcomeImporter.PREFIX + "}-");

    /** The kind a report's relative path names. */
    public static CoverageKind ofPath(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        String name = relativePath.substring(slash + 1);
        if (IMPORT_PREFIX.matcher(name).lookingAt()) {
            name = name.substring(OutcomeImporter.PREFIX + 1);
        }
        return (relativePath.substring(0, slash + 1) + name).toLowerCase(Locale.ROOT).contains("e2e") ? E2E : UNIT;
    }

    /** {@code unit} or {@code e2e}, as thresholds and evidence spell it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
