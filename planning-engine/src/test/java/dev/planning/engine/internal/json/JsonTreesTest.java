package dev.planning.engine.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link JsonTrees} gives the tree {@code ObjectMapper.readTree} gives, and reads strictly. */
class JsonTreesTest {

    private static final ObjectMapper MAPPER = JsonMappers.strictJson();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"planning_event\",\"event\":{\"id\":\"evt_1\",\"payload\":{\"from_state\":null,\"details\":{}}}}",
        "{\"b\":1,\"a\":[1,2147483648,123456789012345678901234567890,1.5,-0.0,1e400,true,false,null,\"x\"],\"c\":{}}",
        "[[],[{}],{\"a\":[[[\"deep\"]]]}]",
        "\"a string\"",
        "42",
        "null",
        "  {\"unicode\":\"caf\\u00e9 \u2713\"}  "})
    void givesTheTreeTheMapperGives(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        JsonNode read = JsonTrees.readStrict(bytes).orElseThrow();

        assertThat(read).isEqualTo(MAPPER.readTree(bytes));
        assertThat(read.toString()).isEqualTo(MAPPER.readTree(bytes).toString());
    }

    @Test
    void keepsTheWrittenOrderOfKeys() throws IOException {
        JsonNode read = JsonTrees.readStrict("{\"z\":1,\"a\":2,\"m\":3}".getBytes(StandardCharsets.UTF_8)).orElseThrow();

        assertThat(read.fieldNames()).toIterable().containsExactly("z", "a", "m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void givesNothingForADocumentWithoutAValue(String json) throws IOException {
        assertThat(JsonTrees.readStrict(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"o\":{\"k\":1,\"k\":1}}", "[{\"x\":null,\"x\":null}]"})
    void refusesAKeyTwiceInOneObject(String json) {
        assertThatThrownBy(() -> JsonTrees.readStrict(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{}x", "1 2", "{\"a\":1}]", "[1]\n[2]"})
    void refusesAnythingAfterTheValue(String json) {
        assertThatThrownBy(() -> JsonTrees.readStrict(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":", "[1,", "{\"a\" 1}", "not json", "{'a':1}", "[1,]"})
    void refusesWhatIsNotJson(String json) {
        assertThatThrownBy(() -> JsonTrees.readStrict(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonParseException.class);
    }

    @Test
    void refusesNestingBeyondTheParsersLimitWithoutOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> JsonTrees.readStrict(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting depth");
    }
}
