package dev.planning.engine.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a number a document holds as the decimal written: a {@code double} must read it back exactly
 * ({@code 1e400} is no double, {@code 1e-400} reads as 0, {@code 12345678901234567890} as another
 * number), within a number of decimals where the reader keeps fewer; and a number the YAML reader left
 * as text because it is longer than {@value #MAX_LENGTH} characters is named as such, rather than as
 * "not a number".
 *
 * <pre>{@code
 * ExactNumbers.check(exact, "/kpis/0/target", 4, "a KPI target").ifPresent(errors::add);
 * }</pre>
 */
public final class ExactNumbers {

    /** The longest number the YAML reader reads as a number (Jackson's {@code maxNumberLength}). */
    public static final int MAX_LENGTH = 1000;

    /** A YAML plain scalar the reader would take for a decimal number, were it short enough. */
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?");

    private ExactNumbers() {
    }

    /**
     * The error for the value at {@code pointer}, when it is a number a {@code double} does not hold
     * exactly, has more than {@code maxDecimals} decimals, or is a number too long to be read as one.
     * Any other value (absent, text, a number held exactly) is no error here: the schema judges its type.
     *
     * @param exact       the document read with {@link YamlDocuments#parseWithExactDecimals}
     * @param pointer     a JSON pointer into it
     * @param maxDecimals the most digits after the point the value may have, or -1 for any
     * @param expected    what the value should be, for the message, e.g. {@code a KPI target}
     */
    public static Optional<Finding> check(LocatedDocument exact, String pointer, int maxDecimals, String expected) {
        JsonNode node = exact.root().at(pointer);
        String field = pointer.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
        if (node.isTextual() && node.asText().length() > MAX_LENGTH && NUMBER.matcher(node.asText()).matches()) {
            return Optional.of(Finding.error(SchemaCatalog.INVALID, "`" + field + "` is a number of "
                    + String.format(Locale.ROOT, "%,d", node.asText().length()) + " characters, more than the "
                    + String.format(Locale.ROOT, "%,d", MAX_LENGTH) + " a number may have; expected " + expected,
                    exact.locate(pointer)));
        }
        if (!node.isNumber()) {
            return Optional.empty();
        }
        BigDecimal written = node.decimalValue();
        double read = written.doubleValue();
        String shown = shown(written);
        if (Double.isInfinite(read)) {
            return Optional.of(Finding.error(SchemaCatalog.INVALID, "`" + field + "` is " + shown + ", beyond the"
                    + " largest number a double holds (" + Double.MAX_VALUE + "); expected " + expected,
                    exact.locate(pointer)));
        }
        if (BigDecimal.valueOf(read).compareTo(written) != 0) {
            return Optional.of(Finding.error(SchemaCatalog.INVALID, "`" + field + "` is " + shown + ", which a double"
                    + " reads as " + BigDecimal.valueOf(read).stripTrailingZeros() + " (at most 15 significant"
                    + " digits are held exactly); expected " + expected, exact.locate(pointer)));
        }
        if (maxDecimals >= 0 && written.stripTrailingZeros().scale() > maxDecimals) {
            return Optional.of(Finding.error(SchemaCatalog.INVALID, "`" + field + "` is " + shown + ", with more than "
                    + maxDecimals + " decimals; expected " + expected, exact.locate(pointer)));
        }
        return Optional.empty();
    }

    /** The decimal as written, shortened past 40 characters. */
    private static String shown(BigDecimal value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 20) + "... (" + text.length() + " characters)";
    }
}
