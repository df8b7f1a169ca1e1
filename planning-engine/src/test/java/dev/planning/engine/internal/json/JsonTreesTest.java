package dev.planning.engine.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
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

    /** What a reader made of a document: its tree, or that it refused it. */
    private record Outcome(boolean refused, String tree) {
    }

    private static Outcome mapper(byte[] bytes) {
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            return new Outcome(false, tree == null || tree.isMissingNode() ? "" : tree.toString());
        } catch (IOException e) {
            return new Outcome(true, "");
        }
    }

    private static Outcome trees(byte[] bytes) {
        try {
            return new Outcome(false, JsonTrees.readStrict(bytes).map(JsonNode::toString).orElse(""));
        } catch (IOException e) {
            return new Outcome(true, "");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    /** Hostile documents (review of 2026-12-03), each with whether the old reader refused it. */
    static Stream<org.junit.jupiter.params.provider.Arguments> hostile() {
        List<org.junit.jupiter.params.provider.Arguments> cases = new ArrayList<>();
        BiConsumer<String, byte[]> add = (name, value) ->
                cases.add(org.junit.jupiter.params.provider.Arguments.of(name, value));
        add.accept("NaN", utf8("{\"a\":NaN}"));
        add.accept("Infinity", utf8("{\"a\":Infinity}"));
        add.accept("-Infinity", utf8("{\"a\":-Infinity}"));
        add.accept("leading plus", utf8("{\"a\":+1}"));
        add.accept("leading zero", utf8("{\"a\":01}"));
        add.accept("negative leading zero", utf8("[-01]"));
        add.accept("trailing dot", utf8("[1.]"));
        add.accept("leading dot", utf8("[.5]"));
        add.accept("bare exponent", utf8("[1e]"));
        add.accept("block comment", utf8("{/* c */\"a\":1}"));
        add.accept("line comment", utf8("{\"a\":1}// c"));
        add.accept("hash comment", utf8("# c\n{\"a\":1}"));
        add.accept("single quotes", utf8("{'a':'b'}"));
        add.accept("unquoted key", utf8("{a:1}"));
        add.accept("trailing comma in object", utf8("{\"a\":1,}"));
        add.accept("missing value in array", utf8("[1,,2]"));
        add.accept("raw control character", utf8("{\"a\":\"x\u0001y\"}"));
        add.accept("raw tab", utf8("{\"a\":\"x\ty\"}"));
        add.accept("raw newline", utf8("{\"a\":\"x\ny\"}"));
        add.accept("raw NUL", utf8("{\"a\":\"x\u0000y\"}"));
        add.accept("escaped NUL", utf8("{\"a\":\"x\\u0000y\"}"));
        add.accept("lone surrogate escape", utf8("{\"a\":\"\\ud800\"}"));
        add.accept("bad escape", utf8("{\"a\":\"\\x41\"}"));
        add.accept("invalid UTF-8 (C3 28)", concat(utf8("{\"a\":\""), bytes(0xC3, 0x28), utf8("\"}")));
        add.accept("invalid UTF-8 (FF)", concat(utf8("{\"a\":\""), bytes(0xFF), utf8("\"}")));
        add.accept("overlong UTF-8 (C0 AF)", concat(utf8("{\"a\":\""), bytes(0xC0, 0xAF), utf8("\"}")));
        add.accept("UTF-8 surrogate (ED A0 80)", concat(utf8("{\"a\":\""), bytes(0xED, 0xA0, 0x80), utf8("\"}")));
        add.accept("truncated UTF-8 at the end", concat(utf8("{\"a\":\""), bytes(0xE2, 0x9C), utf8("")));
        add.accept("invalid UTF-8 in a key", concat(utf8("{\""), bytes(0xFE), utf8("\":1}")));
        add.accept("UTF-8 BOM", concat(bytes(0xEF, 0xBB, 0xBF), utf8("{\"a\":1}"), new byte[0]));
        add.accept("UTF-16 BE BOM", concat(bytes(0xFE, 0xFF), "{\"a\":1}".getBytes(StandardCharsets.UTF_16BE),
                new byte[0]));
        add.accept("UTF-16 LE without BOM", "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE));
        add.accept("integer of 1,000 digits", utf8("[" + "9".repeat(1000) + "]"));
        add.accept("integer of 1,001 digits", utf8("[" + "9".repeat(1001) + "]"));
        add.accept("integer of 100,000 digits", utf8("[" + "9".repeat(100_000) + "]"));
        add.accept("float of 2,000 digits", utf8("[0." + "1".repeat(2000) + "]"));
        add.accept("huge exponent", utf8("[1e999999999]"));
        add.accept("exponent overflowing int", utf8("[1e99999999999999999999]"));
        add.accept("nesting of 1,000", utf8("[".repeat(1000) + "]".repeat(1000)));
        add.accept("nesting of 1,001", utf8("[".repeat(1001) + "]".repeat(1001)));
        add.accept("nested objects of 1,001", utf8("{\"a\":".repeat(1001) + "1" + "}".repeat(1001)));
        add.accept("unclosed nesting", utf8("[".repeat(50)));
        add.accept("string of 20,000,000 characters", utf8("[\"" + "x".repeat(20_000_000) + "\"]"));
        add.accept("string of 20,000,001 characters", utf8("[\"" + "x".repeat(20_000_001) + "\"]"));
        add.accept("key of 60,000 characters", utf8("{\"" + "k".repeat(60_000) + "\":1}"));
        add.accept("duplicate key differing in escapes", utf8("{\"a\":1,\"\\u0061\":2}"));
        add.accept("duplicate key deep in an array", utf8("[[[{\"k\":1,\"k\":2}]]]"));
        add.accept("NUL byte after the value", concat(utf8("{}"), bytes(0), new byte[0]));
        add.accept("form feed after the value", utf8("{}\f"));
        add.accept("vertical tab before the value", utf8("\u000b{}"));
        add.accept("non-breaking space before the value", utf8("\u00a0{}"));
        add.accept("true with trailing letters", utf8("[truex]"));
        add.accept("value then garbage on a later line", utf8("{}\n\nx"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("hostile")
    void readsAHostileDocumentExactlyAsTheMapperWithTheSameFeaturesDid(String name, byte[] document) {
        assertThat(trees(document)).as(name).isEqualTo(mapper(document));
    }
}
