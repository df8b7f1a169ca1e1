/**
 * Drools governance: {@code dev.planning.rules} ({@code CompiledRulebooks}), the DRL facts, the rule
 * test kit and the impact preview are its API; the implementation is not exported. Open, because
 * Drools and MVEL read the facts and the rulebook's classes by reflection.
 * Added to the jar at package time (ModiTect), so the jar runs on the module path as it is.
 */
open module dev.planning.rules {
    requires transitive dev.planning.api;
    requires dev.planning.engine;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires com.github.javaparser.core;
    requires org.drools.base;
    requires org.drools.core;
    requires org.drools.drl.ast;
    requires org.drools.drl.parser;
    requires org.drools.io;
    requires org.drools.kiesession;
    requires org.drools.mvel;
    requires re2j;
    requires org.kie.api;
    requires org.kie.internal.api;

    exports dev.planning.rules;
    exports dev.planning.rules.facts;
    exports dev.planning.rules.impact;
    exports dev.planning.rules.testkit;

    uses dev.planning.api.governance.GovernanceEngineFactory;

    provides dev.planning.api.gate.Gate with dev.planning.rules.internal.gate.GovernanceGate;
    provides dev.planning.api.governance.GovernanceEngineFactory with
            dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
}
