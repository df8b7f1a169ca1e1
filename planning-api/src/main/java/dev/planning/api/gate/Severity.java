package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How serious a finding is. An {@link #ERROR} fails its gate, a {@link #WARNING} makes it warn,
 * {@link #INFO} is for the record.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Severity {
    /** The gate fails. */
    ERROR,
    /** The gate warns; it does not fail for it. */
    WARNING,
    /** For the record; the gate's status is unaffected. */
    INFO
}
