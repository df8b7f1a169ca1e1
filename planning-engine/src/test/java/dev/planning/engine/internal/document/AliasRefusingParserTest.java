package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * parse25 (attack24's left-alone item): the alias-refusing view had the shape of the old
 * {@code DecimalNumbersParser}: {@code nextValue}, {@code skipChildren}, {@code nextFieldName} and the
 * {@code next...Value} shortcuts went to the YAML parser itself, which reads {@code *name} as the text
 * {@code "name"}. The view is used alone here, not wrapped by {@code DecimalNumbersParser} (which moves by
 * {@code nextToken} alone), so each way of moving meets its own check.
 */
class AliasRefusingParserTest {

    private static final String ALIAS_AS_VALUE = "a: &x 1\nb: *x\n";

    private static JsonParser parser(String yaml) throws IOException {
        JsonFactory yamlFactory = JsonMappers.locatedYaml(YamlDocuments.MAX_DEPTH, YamlDocuments.MAX_BYTES).getFactory();
        return new AliasRefusingParser(yamlFactory.createParser(yaml));
    }

    /** Moves over {@code yaml} with {@code move} until it refuses an alias; fails if it reaches the end first. */
    private static void refusesTheAlias(String yaml, ThrowingConsumer<JsonParser> move) throws IOException {
        try (JsonParser p = parser(yaml)) {
            AliasRefusingParser.RefusedAlias refused = catchThrowableOfType(AliasRefusingParser.RefusedAlias.class, () -> {
                for (int i = 0; i < 20; i++) {
                    move.accept(p);
                }
            });
            assertThat(refused).as("the alias was refused").isNotNull();
            assertThat(refused.alias()).isEqualTo("x");
        }
    }

    @Test
    void nextValueRefusesAnAlias() throws IOException {
        refusesTheAlias(ALIAS_AS_VALUE, JsonParser::nextValue);
    }

    @Test
    void theNextValueShortcutsRefuseAnAlias() throws IOException {
        refusesTheAlias(ALIAS_AS_VALUE, JsonParser::nextTextValue);
        refusesTheAlias(ALIAS_AS_VALUE, p -> p.nextIntValue(-1));
        refusesTheAlias(ALIAS_AS_VALUE, p -> p.nextLongValue(-1L));
        refusesTheAlias(ALIAS_AS_VALUE, JsonParser::nextBooleanValue);
    }

    @Test
    void nextFieldNameRefusesAnAlias() throws IOException {
        refusesTheAlias(ALIAS_AS_VALUE, JsonParser::nextFieldName);
        refusesTheAlias(ALIAS_AS_VALUE, p -> p.nextFieldName(new SerializedString("b")));
    }

    @Test
    void skipChildrenRefusesAnAliasInsideWhatItSkips() throws IOException {
        try (JsonParser p = parser("outer:\n  a: &x 1\n  b: *x\nafter: 2\n")) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(catchThrowableOfType(AliasRefusingParser.RefusedAlias.class, p::skipChildren))
                    .isNotNull().satisfies(e -> assertThat(e.alias()).isEqualTo("x"));
        }
    }

    @Test
    void withoutAnAliasEveryMoveReadsTheDocument() throws IOException {
        try (JsonParser p = parser("outer:\n  a: 1\n  b: [2, 3]\nafter: true\n")) {
            assertThat(p.nextValue()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextValue()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.skipChildren().currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextFieldName()).isEqualTo("after");
            assertThat(p.nextBooleanValue()).isTrue();
            assertThat(p.nextToken()).isEqualTo(JsonToken.END_OBJECT);
        }
    }
}
