package dev.planning.engine.internal.metrics;

import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.rulebook.KpiDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Evaluates the rulebook's KPI formulas over measured inputs with Apache Commons JEXL.
 *
 * <p>Formulas are expressions only: arithmetic ({@code + - * / %}), comparisons, {@code && || !},
 * parentheses and {@code cond ? a : b} over the inputs, which are numbers. Method calls, object
 * creation, assignments, loops, lambdas and pragmas are refused when the formula is compiled, and
 * the engine runs with {@link JexlPermissions#RESTRICTED} and over a plain map, so a rulebook cannot
 * reach Java classes. A formula is written only in the characters arithmetic over named inputs
 * needs (ASCII letters, digits, {@code _}, spaces and {@code . + - * / % ( ) < > = ! & | ? :}): an
 * allow-list, so there is no quote, hence no text, template or pattern, and no regular expression
 * (whose backtracking can run for hours on a short line) ever runs, nor any collection literal. A formula is at most {@value #MAX_LENGTH} characters, and one nested too deeply for
 * the parser's or the interpreter's stack is refused like any other invalid formula, never left to
 * escape as an error. JEXL runs {@code strict}: reading an input that is absent is an error, which
 * makes the KPI "not measured"; so does a division by zero or a result that is not a finite number.
 *
 * <pre>{@code
 * List<KpiValue> values = new KpiEvaluator().evaluate(rulebook.kpis(), Map.of("done_tasks", 9.0, "planned_tasks", 10.0));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class KpiEvaluator {

    /** The longest formula accepted, in characters. */
    static final int MAX_LENGTH = 1_000;

    /**
     * The characters a formula may hold besides ASCII letters and digits: those of arithmetic,
     * comparison, logic and {@code ?:} over named inputs. No quote (text, templates), no {@code ~}
     * (patterns), no brackets or braces (collections), no {@code ;} (statements).
     */
    private static final String OPERATORS = "_ .+-*/%()<>=!&|?:";

    private static final JexlFeatures FEATURES = new JexlFeatures()
            .script(false)
            .localVar(false)
            .sideEffect(false)
            .sideEffectGlobal(false)
            .loops(false)
            .lambda(false)
            .methodCall(false)
            .newInstance(false)
            .structuredLiteral(false)
            .pragma(false)
            .annotation(false)
            .register(false);

    private static final JexlEngine JEXL = new JexlBuilder()
            .features(FEATURES)
            .permissions(JexlPermissions.RESTRICTED)
            .strict(true)
            .safe(false)
            .silent(false)
            .cache(512)
            .create();

    /**
     * Checks a definition: its formula compiles under the restrictions above and reads only the
     * inputs it lists.
     *
     * @throws InvalidInputException saying what is wrong with the formula
     */
    public static void check(KpiDefinition kpi) {
        JexlScript script = compile(kpi);
        Set<String> undeclared = new TreeSet<>();
        for (List<String> variable : script.getVariables()) {
            String name = String.join(".", variable);
            if (!kpi.inputs().contains(name)) {
                undeclared.add(name);
            }
        }
        if (!undeclared.isEmpty()) {
            throw new InvalidInputException("KPI '" + kpi.name() + "': the formula reads " + undeclared
                    + ", which its inputs " + kpi.inputs() + " do not list");
        }
    }

    /**
     * Evaluates every KPI, in definition order.
     *
     * @param inputs measured inputs by name; an unmeasured input is absent
     * @return one value per definition; {@link KpiValue#actual()} is empty when not measured
     * @throws InvalidInputException when a formula does not compile or reads undeclared inputs
     */
    public List<KpiValue> evaluate(List<KpiDefinition> kpis, Map<String, Double> inputs) {
        List<KpiValue> values = new ArrayList<>();
        for (KpiDefinition kpi : kpis) {
            check(kpi);
            values.add(new KpiValue(kpi.name(), actual(kpi, inputs), kpi.target(), kpi.unit(), kpi.direction().key()));
        }
        return List.copyOf(values);
    }

    private static Optional<Double> actual(KpiDefinition kpi, Map<String, Double> inputs) {
        Map<String, Object> context = new HashMap<>();
        for (String input : kpi.inputs()) {
            Double value = inputs.get(input);
            if (value == null) {
                return Optional.empty();
            }
            context.put(input, value);
        }
        try {
            Object result;
            try {
                result = compile(kpi).execute(new MapContext(context));
            } catch (StackOverflowError e) {
                // Nested deeper than this thread's stack: not measured, like any formula that cannot run.
                return Optional.empty();
            }
            if (result instanceof Number number && Double.isFinite(number.doubleValue())) {
                return Optional.of(number.doubleValue());
            }
            if (result instanceof Boolean flag) {
                return Optional.of(flag ? 1.0 : 0.0);
            }
            return Optional.empty();
        } catch (JexlException | ArithmeticException e) {
            // Division by zero (e.g. no gate ran) leaves the KPI unmeasured rather than 0 or infinite.
            return Optional.empty();
        }
    }

    private static JexlScript compile(KpiDefinition kpi) {
        String formula = kpi.formula();
        if (formula.length() > MAX_LENGTH) {
            throw invalid(kpi, "it is " + formula.length() + " characters long, over the " + MAX_LENGTH + " allowed");
        }
        for (int i = 0; i < formula.length(); i++) {
            char c = formula.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || OPERATORS.indexOf(c) >= 0;
            if (!allowed) {
                throw invalid(kpi, "the character '" + (Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c)
                        : String.valueOf(c)) + "' at " + (i + 1) + "; a formula holds only ASCII letters, digits, spaces"
                        + " and " + OPERATORS.substring(2) + " (no text, templates, patterns or collections)");
            }
        }
        try {
            return JEXL.createScript(formula);
        } catch (StackOverflowError e) {
            throw invalid(kpi, "it is nested too deeply");
        } catch (JexlException e) {
            throw new InvalidInputException("KPI '" + kpi.name() + "': the formula `" + kpi.formula()
                    + "` is not allowed or does not parse (" + reason(e) + "); expected arithmetic over its inputs,"
                    + " e.g. done_tasks / planned_tasks * 100", null, e);
        }
    }

    private static InvalidInputException invalid(KpiDefinition kpi, String reason) {
        return new InvalidInputException("KPI '" + kpi.name() + "': the formula `" + kpi.formula().substring(0,
                Math.min(kpi.formula().length(), 80)) + "` is not allowed (" + reason
                + "); expected arithmetic over its inputs, e.g. done_tasks / planned_tasks * 100");
    }

    private static String reason(JexlException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int at = message.indexOf(' ');
        return at > 0 && message.startsWith("@") ? message.substring(at + 1) : message.replaceAll("^\\S+ ", "");
    }
}
