package dev.planning.engine.internal.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads a plain scalar as a number only when it is written in decimal digits, else as the text written.
 * Jackson reads numbers as YAML 1.1 does: {@code 010} is 8 (octal), {@code 0x10} 16, {@code 0b11} 3 and
 * {@code 1_000} 1000, so {@code min: 010} would ask for eight signers where the author meant ten. Read as
 * text, such a value meets the schema, which refuses it where a number is expected with its file, line
 * and column ("must be an integer (found string "010")"), and keeps it as written where text is.
 */
final class DecimalNumbersParser extends JsonParserDelegate {

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

    @Override
    public String getValueAsString() throws IOException {
        return token == JsonToken.VALUE_STRING ? delegate.getText() : super.getValueAsString();
    }
}
