package dev.planning.engine.internal.gate;

import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.engine.internal.lint.CycleLint;
import dev.planning.engine.internal.lint.CycleLinter;
import dev.planning.engine.internal.lint.LintRules;
import dev.planning.engine.internal.workspace.LayoutFiles;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code schema_lint} gate: the cycle's task breakdown (required), story map and decision log
 * (when present) validate against their schemas, ids are unique, and references resolve. It reads
 * the files itself, under {@link GateContext#workspace()} and by the layout of
 * {@link GateContext#files()}, so that it sees exactly what is on disk. It judges what lint can know of the rulebook, as {@code planning lint} does: tag values
 * against the taxonomy and waivers against the rule names. Fails on any error finding.
 *
 * <p>A cycle's result is reused while the files the linter may read are byte for byte the same
 * (see {@link LintResultCache}), so a warm gate run re-lints only what changed.
 *
 * <p>Evidence: {@code files_checked} (paths), {@code errors} and {@code warnings} (counts) and
 * {@code codes} (finding count per code).
 */
public final class SchemaLintGate implements Gate {

    /** The gate's name in gate profiles. */
    public static final String NAME = "schema_lint";

    /** Reused results keyed by the bytes of the files linted: no configuration, only memory. */
    private final LintResultCache cache = new LintResultCache();

    /** The gate; the layout comes with each context. */
    public SchemaLintGate() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "planning files validate against their schemas; ids are unique; references resolve";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        CycleLinter linter = new CycleLinter(LayoutFiles.layoutOf(context.files()));
        return cache.get(context.workspace(), context.cycle(), context.rulebook().hash(), linter.inputs(context.cycle()),
                () -> lint(linter, context));
    }

    private GateResult lint(CycleLinter linter, GateContext context) {
        CycleLint lint = linter.lint(context.workspace(), context.cycle(), LintRules.of(context.rulebook()));
        Map<String, Integer> codes = new TreeMap<>();
        lint.findings().forEach(f -> codes.merge(f.code(), 1, Integer::sum));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("files_checked", lint.filesChecked());
        evidence.put("errors", count(lint, Severity.ERROR));
        evidence.put("warnings", count(lint, Severity.WARNING));
        evidence.put("codes", Collections.unmodifiableMap(codes));
        return GateResult.of(NAME, lint.findings(), evidence);
    }

    private static long count(CycleLint lint, Severity severity) {
        return lint.findings().stream().map(Finding::severity).filter(severity::equals).count();
    }
}
