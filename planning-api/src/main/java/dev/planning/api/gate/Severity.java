package dev.planning.api.gate;

/**
 * How serious a finding is. An {@link #ERROR} fails its gate, a {@link #WARNING} makes it warn,
 * {@link #INFO} is for the record.
 *
 * @since 0.1
 */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
