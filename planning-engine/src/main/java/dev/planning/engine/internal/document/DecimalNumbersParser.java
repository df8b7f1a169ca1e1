package dev.planning.engine.internal.document;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads a plain scalar as a number only when it is written in decimal digits, else as the text written.
 * Jackson reads numbers as YAML 1.1 does: {@code 010} is 8 (octal), {@code 0x10} 16, {@code 0b11} 3 and
 * {@code 1_000} 1000, so {@code min: 010} would ask for eight signers where the author meant ten. Read as
 * text, such a value meets the schema, which refuses it where a number is expected with its file, line
 * and column ("must be an integer (found string "010")"), and keeps it as written where text is.
 *
 * <p>Every method that moves the parser ({@code nextValue}, {@code skipChildren}, {@code nextFieldName},
 * the {@code next...Value} shortcuts) goes through {@link #nextToken()} ({@link CheckedMovesParser}), so no
 * caller sees a token this view did not judge, and a number read as text has no numeric value: the numeric getters refuse it as
 * they refuse any text, and the {@code getValueAs...} ones give their default.
 */
final class DecimalNumbersParser extends CheckedMovesParser {

    /** Decimal digits with no leading zero, an optional fraction and exponent, optionally signed. */
    private static final Pattern DECIMAL = Pattern.compile(
            "[-+]?(?:(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

    private JsonToken token;

    DecimalNumbersParser(JsonParser yaml) {
        super(yaml);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        token = super.nextToken();
        if ((token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
                && !isDecimal(delegate.getText())) {
            token = JsonToken.VALUE_STRING;
        }
        return token;
    }

    @Override
    public void clearCurrentToken() {
        token = null;
        super.clearCurrentToken();
    }

    private static boolean isDecimal(String text) {
        return text != null && DECIMAL.matcher(text).matches();
    }

    @Override
    public JsonToken currentToken() {
        return token;
    }

    @Override
    @Deprecated
    public JsonToken getCurrentToken() {
        return token;
    }

    @Override
    public int currentTokenId() {
        return token == null ? JsonTokenId.ID_NO_TOKEN : token.id();
    }

    @Override
    @Deprecated
    public int getCurrentTokenId() {
        return currentTokenId();
    }

    @Override
    public boolean hasCurrentToken() {
        return token != null;
    }

    @Override
    public boolean hasTokenId(int id) {
        return currentTokenId() == id;
    }

    @Override
    public boolean hasToken(JsonToken t) {
        return token == t;
    }

    @Override
    public boolean isExpectedNumberIntToken() {
        return token == JsonToken.VALUE_NUMBER_INT;
    }

    /** True when the delegate holds a number this view reads as text. */
    private boolean numberReadAsText() {
        return token == JsonToken.VALUE_STRING && delegate.currentToken() != JsonToken.VALUE_STRING;
    }

    /** The numeric getters' refusal of text, as Jackson words it for a string token. */
    private void requireNumber() throws JsonParseException {
        if (numberReadAsText()) {
            throw new JsonParseException(this,
                    "Current token (VALUE_STRING) not numeric, can not use numeric value accessors");
        }
    }

    @Override
    public NumberType getNumberType() throws IOException {
        return numberReadAsText() ? null : super.getNumberType();
    }

    @Override
    public NumberTypeFP getNumberTypeFP() throws IOException {
        return numberReadAsText() ? NumberTypeFP.UNKNOWN : super.getNumberTypeFP();
    }

    @Override
    public Number getNumberValue() throws IOException {
        requireNumber();
        return super.getNumberValue();
    }

    @Override
    public Number getNumberValueExact() throws IOException {
        requireNumber();
        return super.getNumberValueExact();
    }

    @Override
    public Object getNumberValueDeferred() throws IOException {
        requireNumber();
        return super.getNumberValueDeferred();
    }

    @Override
    public int getIntValue() throws IOException {
        requireNumber();
        return super.getIntValue();
    }

    @Override
    public long getLongValue() throws IOException {
        requireNumber();
        return super.getLongValue();
    }

    @Override
    public short getShortValue() throws IOException {
        requireNumber();
        return super.getShortValue();
    }

    @Override
    public byte getByteValue() throws IOException {
        requireNumber();
        return super.getByteValue();
    }

    @Override
    public BigInteger getBigIntegerValue() throws IOException {
        requireNumber();
        return super.getBigIntegerValue();
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        requireNumber();
        return super.getDecimalValue();
    }

    @Override
    public double getDoubleValue() throws IOException {
        requireNumber();
        return super.getDoubleValue();
    }

    @Override
    public float getFloatValue() throws IOException {
        requireNumber();
        return super.getFloatValue();
    }

    @Override
    public boolean isNaN() throws IOException {
        return !numberReadAsText() && super.isNaN();
    }

    @Override
    public int getValueAsInt() throws IOException {
        return getValueAsInt(0);
    }

    @Override
    public int getValueAsInt(int defaultValue) throws IOException {
        return numberReadAsText() ? defaultValue : super.getValueAsInt(defaultValue);
    }

    @Override
    public long getValueAsLong() throws IOException {
        return getValueAsLong(0L);
    }

    @Override
    public long getValueAsLong(long defaultValue) throws IOException {
        return numberReadAsText() ? defaultValue : super.getValueAsLong(defaultValue);
    }

    @Override
    public double getValueAsDouble() throws IOException {
        return getValueAsDouble(0.0);
    }

    @Override
    public double getValueAsDouble(double defaultValue) throws IOException {
        return numberReadAsText() ? defaultValue : super.getValueAsDouble(defaultValue);
    }

    @Override
    public boolean getValueAsBoolean() throws IOException {
        return getValueAsBoolean(false);
    }

    @Override
    public boolean getValueAsBoolean(boolean defaultValue) throws IOException {
        return numberReadAsText() ? defaultValue : super.getValueAsBoolean(defaultValue);
    }

    @Override
    public String getValueAsString() throws IOException {
        return token == JsonToken.VALUE_STRING ? delegate.getText() : super.getValueAsString();
    }
}
