package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What one gate concluded: its status, its findings, and evidence (JSON-compatible values:
 * strings, numbers, booleans, lists and maps of them) that the engine writes to the cycle's
 * evidence directory.
 *
 * <p>The record is immutable: its findings, its evidence and every map and list nested in the evidence
 * are copied when it is made, and the copies refuse changes, so neither the gate that returned it nor a
 * caller can change a verdict after the fact (the engine writes the evidence, and a seal records it).
 *
 * @param gate     the gate's name
 * @param status   pass, warn or fail
 * @param findings what it found, in a stable order
 * @param evidence supporting data, insertion-ordered; may be empty
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GateResult(String gate, GateStatus status, List<Finding> findings, Map<String, Object> evidence) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param gate the gate's name
     * @param status pass, warn or fail
     * @param findings what it found, in a stable order
     * @param evidence supporting data, insertion-ordered; may be empty
     */
    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
        evidence = frozen(evidence);
    }

    /** A copy of a map that refuses changes, the maps and lists in it copied so too, in their order. */
    private static <K> Map<K, Object> frozen(Map<K, ?> map) {
        Map<K, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, frozenValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** Maps and lists copied (nulls kept, as JSON's); any other value as it is. */
    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return frozen(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(frozenValue(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
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
}
