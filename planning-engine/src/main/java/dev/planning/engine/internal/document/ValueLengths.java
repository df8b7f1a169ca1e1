package dev.planning.engine.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.DocumentException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator's bound on the length of each text value (and mapping key) of a YAML planning file:
 * whatever a file holds may become a fact that rules match, and a rule's {@code contains} over a
 * value costs its length times the needle's, inside one {@code session.insert}, which the time
 * limit cannot stop (docs/SECURITY.md, "insertbound"). Read from the system property
 * {@value #PROPERTY}, else the environment variable {@value #VARIABLE}, else
 * {@value #DEFAULT_MAX_LENGTH}; a value that is not a whole number from 1 to
 * {@value YamlDocuments#MAX_BYTES} is refused (exit 2), never ignored.
 *
 * <p>Checked on the parsed tree rather than by Jackson's {@code StreamReadConstraints.maxStringLength}
 * or SnakeYAML's {@code LoaderOptions}: those stop at the first value, without its field, and hold one
 * bound per mapper, while a file's every value over the bound is reported here, one line each.
 *
 * <p>The one place that knows the bound: the governance engine (planning-rules) reads it here too and
 * holds every text of the facts it inserts to it, whatever built the input (docs/SECURITY.md, "apibound").
 */
public final class ValueLengths {

    /** The system property that sets the bound. */
    public static final String PROPERTY = "planning.documents.maxValueLength";
    /** The environment variable that sets the bound when the system property does not. */
    public static final String VARIABLE = "PLANNING_DOCUMENTS_MAX_VALUE_LENGTH";
    /** The bound when neither sets it, in characters. */
    public static final int DEFAULT_MAX_LENGTH = 10_000;


    private ValueLengths() {
    }

    /**
     * The bound this process's system properties and environment set.
     *
     * @return the most characters a text value or key may hold
     * @throws PlanningException when the setting is not a whole number from 1 to the file size limit
     */
    public static int current() {
        return of(System::getProperty, System.getenv());
    }

    static int of(Function<String, String> properties, Map<String, String> environment) {
        String text = properties.apply(PROPERTY);
        if (text == null) {
            text = environment.get(VARIABLE);
        }
        if (text == null) {
            return DEFAULT_MAX_LENGTH;
        }
        String plain = text.strip();
        // Plain decimal digits only: no sign, exponent, separator or other script's digits.
        if (!plain.matches("[0-9]{1,9}") || Long.parseLong(plain) < 1 || Long.parseLong(plain) > YamlDocuments.MAX_BYTES) {
            throw new PlanningException("operator limit " + PROPERTY + " (or " + VARIABLE + ") is '" + plain
                    + "'; expected a whole number of characters from 1 to " + YamlDocuments.MAX_BYTES);
        }
        return Integer.parseInt(plain);
    }

    /**
     * Adds one line for each key, text value and number of {@code document} longer than {@code max}
     * (a number by its text, as a reader wanting text would take it).
     */
    static void collect(LocatedDocument document, int max, List<Over> over) {
        walk(document, document.root(), new ArrayList<>(), max, over);
    }

    /** The values over the bound, as one kind of a refused file's values. */
    static ValueProblems.Kind kind(List<Over> over, int max) {
        String bound = String.format(Locale.ROOT, "%,d", max) + " characters (the operator's " + PROPERTY + " or "
                + VARIABLE + ")";
        List<Finding> findings = over.stream()
                .map(one -> new Finding(DocumentException.YAML_VALUE_TOO_LONG, Severity.ERROR,
                        one.what() + ", more than " + bound, Optional.of(one.location()), Optional.empty()))
                .toList();
        return new ValueProblems.Kind("values are longer than " + bound, findings, over.stream().map(Over::what).toList());
    }

    private static void walk(LocatedDocument document, JsonNode node, List<Object> path, int max, List<Over> over) {
        if (node.isTextual()) {
            int length = node.textValue().length();
            if (length > max) {
                over.add(new Over(document.locate(node), "`" + field(path) + "` is "
                        + String.format(Locale.ROOT, "%,d", length) + " characters long"));
            }
        } else if (node.isNumber()) {
            // A reader that wants text takes a number's text (a tag's value, an id), so a number is a
            // text as long as its digits: Jackson reads at most 1,000 characters of one (a longer
            // one is refused, YamlErrors, or read as text), which a bound below that must still hold.
            // An int, long or double renders in at most 24 characters.
            if (node.isBigInteger() || node.isBigDecimal() || max < 24) {
                int length = node.asText().length();
                if (length > max) {
                    over.add(new Over(document.locate(node), "`" + field(path) + "` is a number of "
                            + String.format(Locale.ROOT, "%,d", length) + " characters"));
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                path.add(entry.getKey());
                if (entry.getKey().length() > max) {
                    over.add(new Over(document.locateKey(FieldPath.pointer(path)), "a key of `" + field(path.subList(0,
                            path.size() - 1)) + "` is " + String.format(Locale.ROOT, "%,d", entry.getKey().length())
                            + " characters long"));
                }
                walk(document, entry.getValue(), path, max, over);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                walk(document, node.get(i), path, max, over);
                path.remove(path.size() - 1);
            }
        }
    }

    /** {@code tasks[3].title}, a long key shortened ({@link FieldPath#name}); the root is {@code (document)}. */
    private static String field(List<Object> path) {
        String name = FieldPath.name(path);
        return name.isEmpty() ? "(document)" : name;
    }

    /** One value over the bound: where, and what (its field and length). */
    record Over(SourceLocation location, String what) {
    }
}
