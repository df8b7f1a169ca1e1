package dev.planning.engine.internal.gate.parity;

/** The finding codes of the {@code parity_coverage} gate. */
public final class ParityCodes {

    /** The cycle has no readable task breakdown. */
    public static final String NO_PLAN = "parity.no-plan";
    /** The cycle has no readable story map, so parity cannot be established. */
    public static final String NO_STORY_MAP = "parity.no-story-map";
    /** A story of the story map that no item of the plan links to. */
    public static final String STORY_WITHOUT_TASK = "parity.story-without-task";
    /** A task or story item that links to no story of the map, itself or through its parents. */
    public static final String TASK_WITHOUT_STORY = "parity.task-without-story";
    /**
     * A task's {@code origin} that names no improvement action of a digest another cycle of the stream published
     * (origin41): malformed, not such a digest, or an action it does not have. The task is not exempt from story
     * parity.
     */
    public static final String ORIGIN_UNVERIFIED = "parity.origin-unverified";
    /** The rulebook sets a coverage minimum and the plan states no target for it. */
    public static final String TARGET_MISSING = "parity.coverage-target-missing";
    /** A planned coverage target below the rulebook's minimum, or not a number. */
    public static final String TARGET_INVALID = "parity.coverage-target-invalid";
    /** Fewer planned items delivered than {@code delivered_ratio_min}. */
    public static final String DELIVERED_RATIO = "parity.delivered-ratio";
    /** More planned items dropped than {@code scope_variance_max_pct} allows. */
    public static final String SCOPE_VARIANCE = "parity.scope-variance";
    /** More failed or errored imported test cases than {@code tests_failed_max} (default 0). */
    public static final String TESTS_FAILED = "parity.tests-failed";
    /** A story none of whose items was delivered (a warning). */
    public static final String STORY_NOT_DELIVERED = "parity.story-not-delivered";
    /** The rulebook sets a coverage minimum and the outcomes hold no report of that kind. */
    public static final String COVERAGE_MISSING = "coverage.missing";
    /** Measured line coverage below the rulebook's minimum. */
    public static final String COVERAGE_BELOW = "coverage.below-threshold";
    /** Line coverage dropped against the previous cycle by more than the tolerance. */
    public static final String COVERAGE_REGRESSION = "coverage.regression";
    /** A coverage report that cannot be read. */
    public static final String COVERAGE_UNREADABLE = "coverage.unreadable";

    private ParityCodes() {
    }
}
