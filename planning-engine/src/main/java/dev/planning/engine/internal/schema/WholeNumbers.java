package dev.planning.engine.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.FieldPath;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole numbers of a schema-valid document (JSON Schema's {@code integer}), judged on the number as
 * written, never on a {@code double} or a {@code long} that holds another: JSON Schema's {@code integer} is a
 * number with no fraction, so {@code 1.0}, {@code 1e0} and {@code -0} are the whole numbers 1, 1 and 0, and
 * read as those; but the schema's validator judges a decimal by its {@code double} ({@code 1.0000000000000001}
 * is the integer 1 to it) and a whole number beyond a {@code long} by its low 64 bits ({@code 18446744073709551617}
 * passes a maximum of 2147483647, and {@code asInt()} reads it as 1), and {@code 1e400} reads as infinity. Each
 * value is read again as the exact decimal written (the document's text parsed once more, and only when a value
 * was written with a fraction or an exponent), and one that is not a whole number between the field's bounds is
 * an error naming the value as written, never cut, wrapped or saturated.
 *
 * <pre>{@code
 * WholeNumbers whole = new WholeNumbers(document);
 * whole.check("/governance/critical_violations", 0, Integer.MAX_VALUE).ifPresent(errors::add);
 * int critical = (int) whole.value("/governance/critical_violations");   // once check found nothing
 * }</pre>
 *
 * <p>Not thread-safe: one per reading of a document.
 */
public final class WholeNumbers {

    /** Stands for a number beyond the largest {@code double} whose text was not kept: above every bound. */
    private static final BigDecimal BEYOND_DOUBLES = new BigDecimal(Double.MAX_VALUE).multiply(BigDecimal.TEN);

    /** 2^63: a whole number of this size or more is beyond a {@code long}. */
    private static final BigDecimal LONG_RANGE = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(63));

    /** Stands for a number written with a fraction or an exponent whose text was not kept: not read exactly. */
    private static final BigDecimal NOT_EXACT = new BigDecimal("0.5");

    private final LocatedDocument document;
    private LocatedDocument exact;

    /** The whole numbers of {@code document}, as {@link YamlDocuments#parse} read it. */
    public WholeNumbers(LocatedDocument document) {
        this.document = document;
    }

    /**
     * The error for the value at {@code pointer} when it is a number that is not a whole number from
     * {@code min} to {@code max} as written; empty for a whole number within them, and for anything that is not a
     * number (the schema judges its type).
     *
     * @param pointer a JSON pointer into the document
     * @param min     the least value allowed
     * @param max     the greatest value allowed
     */
    public Optional<Finding> check(String pointer, long min, long max) {
        BigDecimal written = written(pointer);
        if (written == null) {
            return Optional.empty();
        }
        String field = field(pointer);
        if (written == NOT_EXACT) {
            return Optional.of(Finding.error(SchemaCatalog.TYPE, "`" + field + "` must be an integer written in digits"
                    + " (found a number with a fraction or an exponent, which cannot be read exactly in this file)",
                    document.locate(pointer)));
        }
        // In the schema's own words, as its errors are given elsewhere, with the value as written.
        if (written.signum() != 0 && written.stripTrailingZeros().scale() > 0) {
            return Optional.of(Finding.error(SchemaCatalog.TYPE, "`" + field + "` must be an integer (found number "
                    + shown(written) + ")", document.locate(pointer)));
        }
        if (written.compareTo(BigDecimal.valueOf(min)) < 0) {
            return Optional.of(Finding.error(SchemaCatalog.INVALID, "`" + field + "`: must have a minimum value of "
                    + min + " (found " + shown(written) + ")", document.locate(pointer)));
        }
        if (written.compareTo(BigDecimal.valueOf(max)) > 0) {
            return Optional.of(Finding.error(SchemaCatalog.INVALID, "`" + field + "`: must have a maximum value of "
                    + max + " (found " + shown(written) + ")", document.locate(pointer)));
        }
        return Optional.empty();
    }

    /**
     * {@link #check}, for a value the schema's validator cannot judge ({@code 1e400}, infinite to it; a
     * decimal its {@code double} does not read back, as {@code 2.0000000000000001}; a whole number beyond a
     * {@code long}, which it judges by the low 64 bits); empty for any other value, which the schema's own
     * errors judge in their words.
     *
     * @param pointer a JSON pointer into the document
     * @param min     the least value allowed
     * @param max     the greatest value allowed
     */
    public Optional<Finding> checkWhereTheValidatorCannot(String pointer, long min, long max) {
        BigDecimal written = written(pointer);
        if (written == null) {
            return Optional.empty();
        }
        JsonNode node = document.root().at(pointer);
        boolean misjudged = written == BEYOND_DOUBLES || written == NOT_EXACT || written.abs().compareTo(LONG_RANGE) >= 0
                || !node.isIntegralNumber() && (!Double.isFinite(node.doubleValue())
                        || BigDecimal.valueOf(node.doubleValue()).compareTo(written) != 0);
        return misjudged ? check(pointer, min, max) : Optional.empty();
    }

    /**
     * The whole number at {@code pointer}, exactly as written, once {@link #check} found nothing wrong with it.
     *
     * @throws IllegalStateException when the value is not a number, or not a whole number a {@code long} holds
     */
    public long value(String pointer) {
        BigDecimal written = written(pointer);
        if (written == null) {
            throw new IllegalStateException("no number at " + pointer);
        }
        try {
            return written.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalStateException("not a whole number a long holds at " + pointer, e);
        }
    }

    /** The field's name as the schema's errors give it ({@code signing.required[0].min}, {@link FieldPath#name}). */
    private String field(String pointer) {
        List<Object> path = new ArrayList<>();
        JsonNode node = document.root();
        for (String segment : pointer.substring(1).split("/", -1)) {
            String key = segment.replace("~1", "/").replace("~0", "~");
            if (node.isArray()) {
                int index = Integer.parseInt(key);
                path.add(index);
                node = node.path(index);
            } else {
                path.add(key);
                node = node.path(key);
            }
        }
        return FieldPath.name(path);
    }

    /** The number at {@code pointer} as written, or {@code null} when the value there is no number. */
    private BigDecimal written(String pointer) {
        JsonNode node = document.root().at(pointer);
        if (node.isIntegralNumber()) {
            // Whole numbers are read as written, whatever their size (an int, a long or a BigInteger node).
            return new BigDecimal(node.bigIntegerValue());
        }
        if (!node.isNumber()) {
            return null;
        }
        if (exact == null) {
            exact = YamlDocuments.withExactDecimals(document);
        }
        // The document itself when its text was not kept: nothing read again.
        JsonNode again = exact == document ? MissingNode.getInstance() : exact.root().at(pointer);
        if (again.isNumber() && !(again.isDouble() && !Double.isFinite(again.doubleValue()))) {
            return again.isIntegralNumber() ? new BigDecimal(again.bigIntegerValue()) : again.decimalValue();
        }
        // The text was not kept (one of several documents of a file, a document built in code): the double cannot
        // tell 2.0 from 2.0000000000000001, so the value is not taken (fail closed); an infinite one is no number a
        // field holds (NaN cannot be written in JSON or YAML as a number).
        return Double.isFinite(node.doubleValue()) ? NOT_EXACT : BEYOND_DOUBLES;
    }

    /** The decimal as written, shortened past 40 characters. */
    private static String shown(BigDecimal value) {
        if (value == BEYOND_DOUBLES) {
            return "a number beyond the largest a double holds";
        }
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 20) + "... (" + text.length() + " characters)";
    }
}
