package dev.planning.cli;

/** The exit codes every command shares (SPEC §10). */
final class ExitCodes {

    /** The check holds. */
    static final int OK = 0;
    /** The check does not hold: a gate failed, verification failed, tests failed. */
    static final int CHECK_FAILED = 1;
    /** Bad usage or unreadable input. */
    static final int BAD_INPUT = 2;
    /**
     * No verdict: a bug in the tool (the message asks for a report), an error of the Java runtime, or the
     * system failing the command (no descriptors, no space, an I/O error).
     */
    static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
