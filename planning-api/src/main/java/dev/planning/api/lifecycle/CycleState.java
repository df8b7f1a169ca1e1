package dev.planning.api.lifecycle;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The states of a planning cycle, in lifecycle order.
 *
 * <p>{@code PLANNED -> READY_FOR_HANDOFF -> PACKAGED -> EXECUTED -> VALIDATED -> IMPROVE}, then
 * {@link #COMPLETED}, which is terminal. See {@link Lifecycle} for the allowed transitions.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum CycleState {
    /** Scope is being defined; the task breakdown and story map are drafted. */
    PLANNED,
    /** Scope is frozen and the planning gates passed; ready to be sealed. */
    READY_FOR_HANDOFF,
    /** The handoff manifest is sealed; artifacts are immutable from here on. */
    PACKAGED,
    /** The plan was executed; outcomes can be imported. */
    EXECUTED,
    /** Outcomes were measured against the plan. */
    VALIDATED,
    /** The digest is published and improvement actions are captured. */
    IMPROVE,
    /** The cycle is closed; nothing more may be recorded. */
    COMPLETED;

    /**
     * Parses a state name, ignoring case and accepting {@code -} for {@code _}.
     *
     * @param text a state name such as {@code READY_FOR_HANDOFF} or {@code ready-for-handoff}; never {@code
     *             null}
     * @return the state
     * @throws IllegalArgumentException naming the text and every state, in words
     *         ({@code expected one of PLANNED, READY_FOR_HANDOFF, ...}), when it names none
     */
    public static CycleState parse(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CycleState state : values()) {
            if (state.name().equals(normalized)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown state '" + text + "'; expected one of " + names());
    }

    /** Every state's name, in lifecycle order, separated by commas: {@code PLANNED, READY_FOR_HANDOFF, ...}. */
    private static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
