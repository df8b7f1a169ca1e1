package dev.planning.engine.internal.gate.crossstream;

/** The finding codes of the {@code cross_stream_consistency} gate. */
public final class CrossStreamCodes {

    /** The checked cycle has no readable task breakdown. */
    public static final String NO_PLAN = "cross-stream.no-plan";
    /** A cross-stream dependency names neither a task of the other stream's plan nor a contract. */
    public static final String DANGLING = "cross-stream.dangling";
    /** Dependencies form a cycle, within one stream or across streams. */
    public static final String CYCLE = "cross-stream.cycle";
    /** A dependency chain is deeper than {@code max_dependency_depth}. */
    public static final String DEPTH = "cross-stream.depth";
    /** A dependency is due (or planned) after the task that needs it. */
    public static final String TIMELINE = "cross-stream.timeline";
    /** An owner or team is planned beyond its capacity for the cycle. */
    public static final String CAPACITY = "cross-stream.capacity";
    /** The contracts file or the capacity model cannot be read; {@code planning lint} says why. */
    public static final String INPUT_INVALID = "cross-stream.input-invalid";

    private CrossStreamCodes() {
    }
}
