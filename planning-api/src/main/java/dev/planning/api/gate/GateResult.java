package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one gate concluded: its status, its findings, and evidence that the engine writes as JSON to the
 * cycle's evidence directory.
 *
 * <p>The evidence holds JSON values only: a {@code String}, a {@code Boolean}, {@code null}, a number
 * ({@code Integer}, {@code Long}, {@code Short}, {@code Byte}, {@code BigInteger}, {@code BigDecimal} (not a subclass), or
 * a finite {@code Double} or {@code Float}), a {@code List} of them, or a {@code Map} of them with
 * {@code String} keys, nested at most {@link #MAX_EVIDENCE_DEPTH} deep (the evidence map itself is the
 * first level). Anything else (a {@code Set}, an array, a record, an enum, a date, {@code NaN}, a map with
 * another kind of key, a map or list that holds itself) is refused when the result is made, with an
 * {@link InvalidEvidenceException} naming the gate and where in the evidence the value is: it has no JSON
 * form the engine could write and {@code verify} read back as the same value, so a gate that returns it
 * fails closed (the engine records its run as crashed, a failed gate) rather than having it written as
 * something else.
 *
 * <pre>{@code
 * Map<String, Object> evidence = new LinkedHashMap<>();
 * evidence.put("tasks", 12);
 * evidence.put("ids", List.copyOf(new TreeSet<>(ids)));   // a sorted list, not the set itself
 * return GateResult.of(name(), findings, evidence);
 * }</pre>
 *
 * <p>The record is immutable: its findings, its evidence and every map and list nested in the evidence
 * are copied when it is made, and the copies refuse changes, so neither the gate that returned it nor a
 * caller can change a verdict after the fact (the engine writes the evidence, and a seal records it).
 *
 * @param gate     the gate's name
 * @param status   pass, warn or fail
 * @param findings what it found, in a stable order
 * @param evidence supporting data, insertion-ordered, JSON values only; may be empty
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GateResult(String gate, GateStatus status, List<Finding> findings, Map<String, Object> evidence) {

    /**
     * How deep the evidence may nest: the evidence map is the first level, each map or list in it one more.
     * Far deeper than any gate's evidence needs (the built-in gates' is at most four deep), and a bound on
     * the copy, so that evidence that holds itself is refused rather than copied until the stack runs out.
     *
     * @since 0.1
     */
    public static final int MAX_EVIDENCE_DEPTH = 32;

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param gate the gate's name
     * @param status pass, warn or fail
     * @param findings what it found, in a stable order
     * @param evidence supporting data, insertion-ordered, JSON values only; may be empty
     * @throws InvalidEvidenceException when the evidence holds a value that is not JSON, or nests deeper
     *                                  than {@link #MAX_EVIDENCE_DEPTH}
     */
    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
        evidence = frozen(gate, "evidence", evidence, 1);
    }

    /**
     * A copy of a map that refuses changes, its values copied by {@link #frozenValue}, in their order; its keys
     * strings, as JSON's are.
     */
    private static Map<String, Object> frozen(String gate, String where, Map<?, ?> map, int depth) {
        if (depth > MAX_EVIDENCE_DEPTH) {
            throw new InvalidEvidenceException(gate, where, "nests deeper than " + MAX_EVIDENCE_DEPTH + " levels");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new InvalidEvidenceException(gate, where, "has a key that is "
                        + (entry.getKey() == null ? "null" : "a " + entry.getKey().getClass().getName())
                        + ", not a string");
            }
            copy.put(key, frozenValue(gate, where + "." + key, entry.getValue(), depth));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** A JSON value: maps and lists copied (nulls kept, as JSON's), scalars as they are; anything else refused. */
    private static Object frozenValue(String gate, String where, Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            return frozen(gate, where, map, depth + 1);
        }
        if (value instanceof List<?> list) {
            if (depth + 1 > MAX_EVIDENCE_DEPTH) {
                throw new InvalidEvidenceException(gate, where, "nests deeper than " + MAX_EVIDENCE_DEPTH + " levels");
            }
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(frozenValue(gate, where + "[" + i + "]", list.get(i), depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (isJsonScalar(value)) {
            return value;
        }
        throw new InvalidEvidenceException(gate, where, value instanceof Double || value instanceof Float
                ? "is " + value + ", which JSON has no number for"
                : "is a " + value.getClass().getName() + ", not a JSON value (a string, number, boolean, null, or a list"
                        + " or string-keyed map of them)");
    }

    /**
     * {@code null}, a string, a boolean, or a number JSON writes as itself (an allow-list of types). {@code BigInteger}
     * and {@code BigDecimal} are not final: only the classes themselves, as a subclass's {@code toString()}, which
     * the writer writes raw, could be any text (review26).
     */
    private static boolean isJsonScalar(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value.getClass() == BigInteger.class || value.getClass() == BigDecimal.class) {
            return true;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        return value instanceof Float f && Float.isFinite(f);
    }

    /**
     * A result whose status follows from its findings: {@code FAIL} if any is an error,
     * {@code WARN} if any is a warning, {@code PASS} otherwise.
     *
     * @param gate the gate's name
     * @param findings what it found, in a stable order
     * @param evidence supporting data, insertion-ordered; may be empty
     * @return a result whose status follows from its findings: {@code FAIL} if any is an error, {@code WARN}
     *         if any is a warning, {@code PASS} otherwise
     */
    public static GateResult of(String gate, List<Finding> findings, Map<String, Object> evidence) {
        GateStatus status = GateStatus.PASS;
        for (Finding finding : findings) {
            if (finding.severity() == Severity.ERROR) {
                status = GateStatus.FAIL;
                break;
            }
            if (finding.severity() == Severity.WARNING) {
                status = GateStatus.WARN;
            }
        }
        return new GateResult(gate, status, findings, evidence);
    }

    /**
     * Whether this result lets a transition proceed (pass or warn).
     *
     * @return whether this result lets a transition proceed (pass or warn)
     */
    public boolean passed() {
        return status != GateStatus.FAIL;
    }

    /**
     * A gate's evidence refused when its result was made: a value that is not JSON, or evidence nested deeper
     * than {@link #MAX_EVIDENCE_DEPTH} (see the class comment). Its message names the gate and where the value
     * is ({@code evidence.coverage.ids[2]}); a gate that throws it is recorded as crashed, a failed gate.
     *
     * @since 0.1
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public static final class InvalidEvidenceException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        /** The gate whose evidence it is. */
        private final String gate;

        /** Where in the evidence the refused value is. */
        private final String path;

        InvalidEvidenceException(String gate, String path, String problem) {
            super("gate " + gate + ": " + path + " " + problem);
            this.gate = gate;
            this.path = path;
        }

        /**
         * The gate whose evidence was refused, as its result names it.
         *
         * @return the gate's name, never {@code null}
         */
        public String gate() {
            return gate;
        }

        /**
         * Where in the evidence the refused value is: {@code evidence}, then {@code .key} for a map's entry and
         * {@code [index]} for a list's element, such as {@code evidence.coverage.ids[2]}.
         *
         * @return the value's path in the evidence, never {@code null}
         */
        public String path() {
            return path;
        }
    }
}
