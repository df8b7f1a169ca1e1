/**
 * The planning API: records, the gate and event store SPIs, located exceptions; JDK only.
 * Added to the jar at package time (ModiTect), so the jar runs on the module path as it is.
 */
module dev.planning.api {
    requires transitive org.apiguardian.api;

    exports dev.planning.api;
    exports dev.planning.api.artifact;
    exports dev.planning.api.digest;
    exports dev.planning.api.event;
    exports dev.planning.api.gate;
    exports dev.planning.api.governance;
    exports dev.planning.api.lifecycle;
    exports dev.planning.api.outcome;
    exports dev.planning.api.rulebook;
    exports dev.planning.api.seal;
    exports dev.planning.api.signing;
    exports dev.planning.api.store;
}
