package dev.planning.engine.internal.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * A view of a parser that judges each token in {@link #nextToken()}, and moves only through it: every other
 * method that moves the parser ({@code nextValue}, {@code skipChildren}, {@code nextFieldName}, the
 * {@code next...Value} shortcuts) is written here over {@code nextToken}, since {@link JsonParserDelegate}
 * would send them to the delegate, which moves on its own and shows its caller tokens this view never judged
 * (an alias read as text, a number not written in decimal digits read as one). A subclass overrides
 * {@code nextToken} to judge the delegate's token.
 */
abstract class CheckedMovesParser extends JsonParserDelegate {

    CheckedMovesParser(JsonParser delegate) {
        super(delegate);
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken next = nextToken();
        return next == JsonToken.FIELD_NAME ? nextToken() : next;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken current = currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken next = nextToken();
            if (next == null) {
                return this;
            }
            if (next.isStructStart()) {
                open++;
            } else if (next.isStructEnd()) {
                open--;
            }
        }
        return this;
    }

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        JsonToken next = nextToken();
        return next == JsonToken.VALUE_TRUE ? Boolean.TRUE : next == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }
}
