package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The record of one governance evaluation: what was violated (with waivers applied), which rules
 * fired, which rulebook judged, and digests of the inputs, so the decision can be audited later.
 *
 * @param rulebookHash   the hash of the rulebook that judged
 * @param violations     unwaived violations, in a stable order
 * @param waived         violations covered by an active waiver
 * @param unusedWaivers  waivers that matched no violation
 * @param rulesFired     rule name to number of firings
 * @param inputDigests   input name to SHA-256 of its content
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record GovernanceDecision(
        String rulebookHash,
        List<Violation> violations,
        List<Violation> waived,
        List<Waiver> unusedWaivers,
        Map<String, Integer> rulesFired,
        Map<String, String> inputDigests) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param rulebookHash the hash of the rulebook that judged
     * @param violations unwaived violations, in a stable order
     * @param waived violations covered by an active waiver
     * @param unusedWaivers waivers that matched no violation
     * @param rulesFired rule name to number of firings
     * @param inputDigests input name to SHA-256 of its content
     */
    public GovernanceDecision {
        Objects.requireNonNull(rulebookHash, "rulebookHash");
        violations = List.copyOf(violations);
        waived = List.copyOf(waived);
        unusedWaivers = List.copyOf(unusedWaivers);
        rulesFired = Collections.unmodifiableMap(new LinkedHashMap<>(rulesFired));
        inputDigests = Collections.unmodifiableMap(new LinkedHashMap<>(inputDigests));
    }

    /**
     * Unwaived critical violations: Critical=0 holds when this is zero.
     *
     * @return the number of unwaived critical violations
     */
    public long criticalCount() {
        return violations.stream().filter(v -> v.severity() == ViolationSeverity.CRITICAL).count();
    }
}
