/**
 * The engine: {@code dev.planning.engine} (the {@code Planning} entry point and the in-memory event
 * store) is its API; the {@code internal} packages are exported only to the planning modules that
 * build on them. Open, because Jackson, SnakeYAML and the Mustache templates read its records by
 * reflection and it loads its own resources (schemas, templates) by name.
 * Added to the jar at package time (ModiTect), so the jar runs on the module path as it is.
 */
open module dev.planning.engine {
    requires transitive dev.planning.api;
    requires transitive java.xml;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.github.benmanes.caffeine;
    requires com.github.mustachejava;
    requires com.networknt.schema;
    requires java.json.canonicalization;
    requires org.apache.commons.jexl3;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.commonmark;
    requires org.commonmark.ext.front.matter;
    requires org.eclipse.jgit;
    requires org.jgrapht.core;
    requires org.yaml.snakeyaml;

    exports dev.planning.engine;

    exports dev.planning.engine.internal.artifact to dev.planning.rules;
    exports dev.planning.engine.internal.cycle to dev.planning.rules, dev.planning.report;
    exports dev.planning.engine.internal.digest to dev.planning.report;
    exports dev.planning.engine.internal.document to dev.planning.rules;
    exports dev.planning.engine.internal.eventlog to dev.planning.store.postgres;
    exports dev.planning.engine.internal.git to dev.planning.rules;
    exports dev.planning.engine.internal.hash to dev.planning.store.postgres;
    exports dev.planning.engine.internal.json to dev.planning.rules, dev.planning.report;
    exports dev.planning.engine.internal.lifecycle to dev.planning.store.postgres;
    exports dev.planning.engine.internal.report to dev.planning.rules, dev.planning.report;
    exports dev.planning.engine.internal.rulebook to dev.planning.rules;
    exports dev.planning.engine.internal.schema to dev.planning.rules;
    exports dev.planning.engine.internal.seal to dev.planning.store.postgres;
    exports dev.planning.engine.internal.workspace to dev.planning.rules, dev.planning.report,
            dev.planning.store.postgres;

    uses dev.planning.api.gate.Gate;
    uses dev.planning.api.governance.GovernanceEngineFactory;

    provides dev.planning.api.gate.Gate with
            dev.planning.engine.internal.gate.SchemaLintGate,
            dev.planning.engine.internal.gate.crossstream.CrossStreamConsistencyGate,
            dev.planning.engine.internal.gate.parity.ParityCoverageGate,
            dev.planning.engine.internal.seal.ReleaseReadinessGate;
}
