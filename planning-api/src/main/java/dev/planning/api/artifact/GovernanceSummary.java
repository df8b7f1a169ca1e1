package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.governance.Waiver;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The governance part of a manifest: the tags in force, the count of unwaived critical
 * violations, the waivers applied, and a reference to the decision log.
 *
 * @param tags               tags of the handed-off scope
 * @param criticalViolations unwaived critical violations (must be 0 to seal)
 * @param waivers            waivers that applied
 * @param decisionLogRef     workspace-relative path of the decision log
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record GovernanceSummary(
        List<String> tags, int criticalViolations, List<Waiver> waivers, Optional<String> decisionLogRef) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param tags tags of the handed-off scope
     * @param criticalViolations unwaived critical violations (must be 0 to seal)
     * @param waivers waivers that applied
     * @param decisionLogRef workspace-relative path of the decision log
     */
    public GovernanceSummary {
        tags = List.copyOf(tags);
        waivers = List.copyOf(waivers);
        Objects.requireNonNull(decisionLogRef, "decisionLogRef");
        if (criticalViolations < 0) {
            throw new IllegalArgumentException("criticalViolations must be >= 0");
        }
    }
}
