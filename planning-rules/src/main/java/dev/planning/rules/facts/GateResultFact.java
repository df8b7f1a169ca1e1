package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import java.util.Locale;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The outcome of a gate that ran before governance in the same transition, so that a policy can
 * depend on it (for example, "no critical item may pass while schema_lint warns").
 *
 * @param gate     the gate's name
 * @param status   {@code pass}, {@code warn} or {@code fail}
 * @param errors   how many error findings it reported
 * @param warnings how many warning findings it reported
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GateResultFact(String gate, String status, int errors, int warnings) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param gate the gate's name
     * @param status {@code pass}, {@code warn} or {@code fail}
     * @param errors how many error findings it reported
     * @param warnings how many warning findings it reported
     */
    public GateResultFact {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(status, "status");
    }

    /**
     * The fact for a gate result.
     *
     * @param result the gate's result
     * @return the fact for a gate result
     */
    public static GateResultFact of(GateResult result) {
        int errors = (int) result.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        int warnings = (int) result.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        return new GateResultFact(result.gate(), result.status().name().toLowerCase(Locale.ROOT), errors, warnings);
    }
}
