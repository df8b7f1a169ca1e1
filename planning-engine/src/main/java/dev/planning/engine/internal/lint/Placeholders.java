package dev.planning.engine.internal.lint;

/**
 * The placeholders {@code planning init} writes into a starter plan. Lint refuses each of them
 * ({@code plan.placeholder}), so an unedited starter never passes a gate.
 */
public final class Placeholders {

    /** The starter's owner. */
    public static final String OWNER = "change-me";
    /** The starter task's acceptance criterion. */
    public static final String CRITERION = "Describe what done means";
    /** The starter task's description. */
    public static final String DESCRIPTION = "Replace with the work to plan.";

    private Placeholders() {
    }
}
