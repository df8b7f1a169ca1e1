package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The governance controls recorded on a work item, which policies check: approvals, a review
 * board sign-off, an emergency contact and a rollback plan (for critical items), an audit-trail
 * level and a change-freeze check (for {@code sox}), a data-handling note (for {@code gdpr}).
 *
 * @param approvals           who approved, one entry per approver
 * @param reviewBoard         the review board sign-off reference
 * @param emergencyContact    who to call
 * @param rollbackPlan        how to undo
 * @param auditTrail          {@code standard} or {@code enhanced}
 * @param changeFreezeChecked whether the change-freeze calendar was checked
 * @param dataHandlingNote    how personal data is handled
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Controls(
        List<String> approvals,
        Optional<String> reviewBoard,
        Optional<String> emergencyContact,
        Optional<String> rollbackPlan,
        Optional<String> auditTrail,
        boolean changeFreezeChecked,
        Optional<String> dataHandlingNote) {

    /** No controls recorded. */
    public static final Controls NONE = new Controls(List.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false, Optional.empty());

    public Controls {
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(reviewBoard, "reviewBoard");
        Objects.requireNonNull(emergencyContact, "emergencyContact");
        Objects.requireNonNull(rollbackPlan, "rollbackPlan");
        Objects.requireNonNull(auditTrail, "auditTrail");
        Objects.requireNonNull(dataHandlingNote, "dataHandlingNote");
    }
}
