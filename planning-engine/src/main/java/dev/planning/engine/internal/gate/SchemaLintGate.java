package dev.planning.engine.internal.gate;

import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code schema_lint} gate: the cycle's task breakdown (required), story map, decision log,
 * retrospective and contracts file (when present) validate against their schemas, ids are unique,
 * and references resolve. It judges what lint can know of the rulebook, as {@code planning lint}
 * does: tag values against the taxonomy and waivers against the rule names. Fails on any error
 * finding.
 *
 * <p>The lint comes from the context ({@link GateContext#lint()}), which the engine answers through
 * its layout and reuses while the files' bytes and the rulebook are the same; the gate itself keeps
 * nothing and reads no file.
 *
 * <p>Evidence: {@code files_checked} (paths), {@code errors} and {@code warnings} (counts) and
 * {@code codes} (finding count per code).
 */
public final class SchemaLintGate implements Gate {

    /** The gate's name in gate profiles. */
    public static final String NAME = "schema_lint";

    /** The gate; everything it judges comes with each context. */
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
        LintReport lint = context.lint();
        Map<String, Integer> codes = new TreeMap<>();
        lint.findings().stream().map(Finding::code).forEach(code -> codes.merge(code, 1, Integer::sum));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("files_checked", lint.filesChecked());
        evidence.put("errors", lint.errorCount());
        evidence.put("warnings", lint.warningCount());
        evidence.put("codes", Collections.unmodifiableMap(codes));
        return GateResult.of(NAME, lint.findings(), evidence);
    }
}
