package dev.planning.engine.internal.lifecycle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values a gate's evidence may hold, as {@link dev.planning.api.gate.GateResult} states them: strings,
 * numbers, booleans, lists and maps of them (and {@code null}, JSON's). Judged by an allow-list on the values'
 * classes: anything else (a {@code Thread}, a bean, an {@code Optional}, an array, a number JSON cannot write
 * such as {@code NaN}, a key that is not text) was written by Jackson as whatever its introspection made of it,
 * calling every getter (a thread's stack trace and class loader went into the evidence file), or as its
 * {@code toString()} (attack26).
 */
final class EvidenceValues {

    /** As deep as the readers read planning files ({@code YamlDocuments.MAX_DEPTH}). */
    static final int MAX_DEPTH = 64;

    private EvidenceValues() {
    }

    /**
     * Where the evidence first holds a value that is not JSON, and what it is.
     *
     * @return empty when every value is one the class comment allows
     */
    static Optional<String> notJson(Map<String, Object> evidence) {
        // Walked with a stack, not by recursion: the depth is the gate's.
        Deque<Place> places = new ArrayDeque<>();
        evidence.forEach((key, value) -> places.add(new Place(key, value, 1)));
        while (!places.isEmpty()) {
            Place place = places.pop();
            Object value = place.value();
            if (place.depth() > MAX_DEPTH) {
                return Optional.of("`" + place.path() + "` lies more than " + MAX_DEPTH + " levels deep");
            }
            if (value instanceof Map<?, ?> map) {
                Deque<Place> inner = new ArrayDeque<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String key)) {
                        return Optional.of("`" + place.path() + "` has a key that is not text ("
                                + className(entry.getKey()) + ")");
                    }
                    inner.add(new Place(place.path() + "." + key, entry.getValue(), place.depth() + 1));
                }
                inner.descendingIterator().forEachRemaining(places::push);
            } else if (value instanceof List<?> list) {
                for (int i = list.size() - 1; i >= 0; i--) {
                    places.push(new Place(place.path() + "[" + i + "]", list.get(i), place.depth() + 1));
                }
            } else if (!isScalar(value)) {
                return Optional.of("`" + place.path() + "` holds " + (isNumber(value) ? "the number " + value
                        + ", which JSON cannot write" : "a " + className(value)));
            }
        }
        return Optional.empty();
    }

    private static boolean isScalar(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return true;
        }
        return value instanceof Double d && Double.isFinite(d) || value instanceof Float f && Float.isFinite(f);
    }

    private static boolean isNumber(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    private static String className(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private record Place(String path, Object value, int depth) {
    }
}
