package dev.planning.engine.internal.rulebook;

import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import java.util.List;
import java.util.Optional;

/**
 * The gate profile of a policy-only rulebook: one whose {@code rulebook.yaml} names no
 * {@code profiles}, or that has no {@code rulebook.yaml} at all. It is the {@code fe} profile of
 * the default rulebook that {@code planning init} writes (a test holds the two together), so a
 * rulebook of policies alone gets the gates a scaffolded workspace runs, for every stream:
 *
 * <pre>
 * PLANNED-&gt;READY_FOR_HANDOFF   schema_lint, cross_stream_consistency, parity_coverage, governance
 * READY_FOR_HANDOFF-&gt;PACKAGED   schema_lint, governance
 * PACKAGED-&gt;EXECUTED           release_readiness
 * EXECUTED-&gt;VALIDATED          parity_coverage
 * </pre>
 *
 * <p>Never an empty profile: a rulebook that leaves profiles out must not let cycles move with no
 * gate at all.
 */
public final class DefaultProfile {

    /** The default profile's name, recorded as the {@code profile} of every transition event it judges. */
    public static final String NAME = "default";

    /** The profile. */
    public static final GateProfile PROFILE = new GateProfile(NAME, List.of(
            step(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF,
                    "schema_lint", "cross_stream_consistency", "parity_coverage", "governance"),
            step(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, "schema_lint", "governance"),
            step(CycleState.PACKAGED, CycleState.EXECUTED, "release_readiness"),
            step(CycleState.EXECUTED, CycleState.VALIDATED, "parity_coverage")));

    /** The version a rulebook without {@code rulebook.yaml} is given. */
    public static final String UNVERSIONED = "unversioned";

    private DefaultProfile() {
    }

    /** Whether {@code profile} is this default one (by name and steps). */
    public static boolean is(GateProfile profile) {
        return PROFILE.equals(profile);
    }

    private static GateStep step(CycleState from, CycleState to, String... gates) {
        return new GateStep(from, to, List.of(gates), Optional.empty());
    }
}
