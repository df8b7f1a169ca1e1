package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * parse24: every method that moves the parser goes through the view that reads {@code 010}, {@code 0x10},
 * {@code 1_000} as the text written, so a caller using {@code nextValue}, {@code skipChildren} or the
 * {@code next...Value} shortcuts never sees YAML 1.1's other reading of them.
 */
class DecimalNumbersParserTest {

    private static JsonParser parser(String yaml) throws IOException {
        JsonFactory yamlFactory = JsonMappers.locatedYaml(YamlDocuments.MAX_DEPTH, YamlDocuments.MAX_BYTES).getFactory();
        return new DecimalNumbersParser(new AliasRefusingParser(yamlFactory.createParser(yaml)));
    }

    @Test
    void nextValueReadsAnOctalLookingNumberAsTheTextWritten() throws IOException {
        try (JsonParser p = parser("a: 010\nb: 0x10\nc: 10\n")) {
            assertThat(p.nextValue()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextValue()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(p.currentToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(p.getValueAsString()).isEqualTo("010");
            assertThat(p.nextValue()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(p.getValueAsString()).isEqualTo("0x10");
            assertThat(p.nextValue()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
            assertThat(p.getIntValue()).isEqualTo(10);
        }
    }

    @Test
    void skipChildrenLeavesTheViewAtTheEndOfWhatItSkipped() throws IOException {
        try (JsonParser p = parser("a: {x: 1, y: [2, 3]}\nb: 010\n")) {
            p.nextToken();
            p.nextToken();
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            p.skipChildren();
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextFieldName()).isEqualTo("b");
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(p.getText()).isEqualTo("010");
        }
    }

    @Test
    void skipChildrenStillRefusesAnAliasInsideWhatItSkips() throws IOException {
        try (JsonParser p = parser("a: &x 1\nb: [*x]\n")) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            p.nextToken();
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            assertThat(catchThrowableOfType(AliasRefusingParser.RefusedAlias.class, p::skipChildren).alias())
                    .isEqualTo("x");
        }
    }

    @Test
    void theNextValueShortcutsSeeTheTextNotTheNumber() throws IOException {
        try (JsonParser p = parser("[010, 0b11, 1_000, true, 7]\n")) {
            p.nextToken();
            assertThat(p.nextTextValue()).isEqualTo("010");
            assertThat(p.nextIntValue(-1)).isEqualTo(-1);
            assertThat(p.currentToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(p.nextLongValue(-1L)).isEqualTo(-1L);
            assertThat(p.nextBooleanValue()).isTrue();
            assertThat(p.nextIntValue(-1)).isEqualTo(7);
        }
    }

    @Test
    void nextFieldNameMovesTheView() throws IOException {
        try (JsonParser p = parser("a: 010\nb: 010\n")) {
            p.nextToken();
            assertThat(p.nextFieldName(new SerializedString("a"))).isTrue();
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(p.nextFieldName()).isEqualTo("b");
            assertThat(p.currentToken()).isEqualTo(JsonToken.FIELD_NAME);
        }
    }

    @Test
    void aNumberReadAsTextHasNoNumericValue() throws IOException {
        try (JsonParser p = parser("a: 010\n")) {
            p.nextToken();
            p.nextToken();
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(catchThrowableOfType(JsonParseException.class, p::getIntValue))
                    .hasMessageContaining("not numeric");
            assertThat(catchThrowableOfType(JsonParseException.class, p::getNumberValue)).isNotNull();
            assertThat(catchThrowableOfType(JsonParseException.class, p::getDecimalValue)).isNotNull();
            assertThat(p.getValueAsInt(-1)).isEqualTo(-1);
            assertThat(p.getValueAsLong(-1L)).isEqualTo(-1L);
            assertThat(p.getValueAsDouble(-1.0)).isEqualTo(-1.0);
            assertThat(p.isExpectedNumberIntToken()).isFalse();
        }
    }
}
