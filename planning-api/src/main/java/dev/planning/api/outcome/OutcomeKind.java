package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The kinds of execution outcome {@code planning import} accepts, each stored in its own directory
 * under {@code outcomes/{cycle}/}.
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum OutcomeKind {
    /** JUnit XML test results, Surefire or generic ({@code <testsuites>} or {@code <testsuite>}). */
    JUNIT,
    /** JaCoCo XML coverage ({@code <report>}). */
    JACOCO,
    /** LCOV coverage tracefiles ({@code SF:} ... {@code end_of_record}). */
    LCOV,
    /** axe-core JSON accessibility results ({@code passes}, {@code violations}, ...). */
    AXE,
    /** The deployments / incidents / defects YAML file (schema {@code deployments/1.0.json}). */
    DEPLOYMENTS;

    /**
     * The directory name under {@code outcomes/{cycle}/}, e.g. {@code junit}.
     *
     * @return the directory name under {@code outcomes/{cycle}/}, e.g. {@code junit}
     */
    public String directory() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the kind holds coverage figures.
     *
     * @return whether the kind holds coverage figures
     */
    public boolean isCoverage() {
        return this == JACOCO || this == LCOV;
    }
}
