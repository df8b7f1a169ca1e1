package dev.planning.engine.internal.metrics;

import java.util.Objects;

/**
 * The documentation of one KPI input: what a rulebook formula may read.
 *
 * @param name        the name formulas use, e.g. {@code done_tasks}
 * @param unit        e.g. {@code count}, {@code points}, {@code hours}, {@code percent}
 * @param source      where it is measured from: {@code plan}, {@code events}, {@code outcomes},
 *                    {@code manifest}
 * @param description how it is measured, and when it is absent
 */
public record KpiInput(String name, String unit, String source, String description) {

    public KpiInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
    }
}
