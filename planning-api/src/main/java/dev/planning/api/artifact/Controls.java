package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The governance controls recorded on a work item, which policies check: approvals, a review
 * board sign-off, an emergency contact and a rollback plan (for critical items), an audit-trail
 * level and a change-freeze check (for {@code sox}), a data-handling note (for {@code gdpr}).
 *
 * <p>Build one in code with {@link #builder()}:
 * <pre>{@code
 * Controls controls = Controls.builder()
 *         .approvals("alice", "bob", "carol")
 *         .reviewBoard("ARB-1")
 *         .rollbackPlan("feature flag off")
 *         .build();
 * }</pre>
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

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param approvals who approved, one entry per approver
     * @param reviewBoard the review board sign-off reference
     * @param emergencyContact who to call
     * @param rollbackPlan how to undo
     * @param auditTrail {@code standard} or {@code enhanced}
     * @param changeFreezeChecked whether the change-freeze calendar was checked
     * @param dataHandlingNote how personal data is handled
     */
    public Controls {
        approvals = List.copyOf(approvals);
        Objects.requireNonNull(reviewBoard, "reviewBoard");
        Objects.requireNonNull(emergencyContact, "emergencyContact");
        Objects.requireNonNull(rollbackPlan, "rollbackPlan");
        Objects.requireNonNull(auditTrail, "auditTrail");
        Objects.requireNonNull(dataHandlingNote, "dataHandlingNote");
    }

    /**
     * A builder with nothing recorded; {@code build()} of an untouched builder equals {@link #NONE}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder preset with these controls.
     *
     * @return a new builder preset with these values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.approvals = new ArrayList<>(approvals);
        b.reviewBoard = reviewBoard.orElse(null);
        b.emergencyContact = emergencyContact.orElse(null);
        b.rollbackPlan = rollbackPlan.orElse(null);
        b.auditTrail = auditTrail.orElse(null);
        b.changeFreezeChecked = changeFreezeChecked;
        b.dataHandlingNote = dataHandlingNote.orElse(null);
        return b;
    }

    /**
     * Builds {@link Controls} values; a text setter given {@code null} clears the value. Not
     * thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private List<String> approvals = new ArrayList<>();
        private String reviewBoard;
        private String emergencyContact;
        private String rollbackPlan;
        private String auditTrail;
        private boolean changeFreezeChecked;
        private String dataHandlingNote;

        private Builder() {
        }

        /**
         * Who approved, one name per approver (replaces any set before).
         *
         * @param names who approved, one name per approver
         * @return this builder
         */
        public Builder approvals(String... names) {
            this.approvals = new ArrayList<>(Arrays.asList(names));
            return this;
        }

        /**
         * Who approved, one name per approver (replaces any set before).
         *
         * @param names who approved, one name per approver
         * @return this builder
         */
        public Builder approvals(List<String> names) {
            this.approvals = new ArrayList<>(names);
            return this;
        }

        /**
         * The review board sign-off reference.
         *
         * @param value the review board sign-off reference
         * @return this builder
         */
        public Builder reviewBoard(String value) {
            this.reviewBoard = value;
            return this;
        }

        /**
         * Who to call.
         *
         * @param value who to call
         * @return this builder
         */
        public Builder emergencyContact(String value) {
            this.emergencyContact = value;
            return this;
        }

        /**
         * How to undo.
         *
         * @param value how to undo
         * @return this builder
         */
        public Builder rollbackPlan(String value) {
            this.rollbackPlan = value;
            return this;
        }

        /**
         * {@code standard} or {@code enhanced}.
         *
         * @param value {@code standard} or {@code enhanced}
         * @return this builder
         */
        public Builder auditTrail(String value) {
            this.auditTrail = value;
            return this;
        }

        /**
         * Whether the change-freeze calendar was checked.
         *
         * @param value whether the change-freeze calendar was checked
         * @return this builder
         */
        public Builder changeFreezeChecked(boolean value) {
            this.changeFreezeChecked = value;
            return this;
        }

        /**
         * How personal data is handled.
         *
         * @param value how personal data is handled
         * @return this builder
         */
        public Builder dataHandlingNote(String value) {
            this.dataHandlingNote = value;
            return this;
        }

        /**
         * The controls.
         *
         * @return the controls
         * @throws NullPointerException when an approval is {@code null}
         */
        public Controls build() {
            return new Controls(approvals, Optional.ofNullable(reviewBoard), Optional.ofNullable(emergencyContact),
                    Optional.ofNullable(rollbackPlan), Optional.ofNullable(auditTrail), changeFreezeChecked,
                    Optional.ofNullable(dataHandlingNote));
        }
    }
}
