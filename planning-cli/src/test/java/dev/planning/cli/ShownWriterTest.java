package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShownWriterTest {

    private static String shown(String text) {
        StringWriter written = new StringWriter();
        try (PrintWriter out = new PrintWriter(new ShownWriter(written))) {
            out.print(text);
        }
        return written.toString();
    }

    @Test
    void escapeSequencesBidiControlsAndALoneCarriageReturnAreShownNotActedOn() {
        assertThat(shown("ok\u001b[2K\rlint passed\u202e\u009b\u2028!"))
                .isEqualTo("ok\\u001B[2K\\u000Dlint passed\\u202E\\u009B\\u2028!");
    }

    @Test
    void lineEndsTabsAndOtherTextPassAsTheyAre() {
        String text = "a\tb\nc\r\nd \u00e9 \ud83d\ude00 \\u001b\n";
        assertThat(shown(text)).isEqualTo(text);
    }

    @Test
    void writtenOneCharacterOrAnArrayAtATimeTheSame() {
        StringWriter written = new StringWriter();
        try (PrintWriter out = new PrintWriter(new ShownWriter(written))) {
            out.write('\u001b');
            out.write("x\u202ey".toCharArray(), 1, 2);
        }
        assertThat(written).hasToString("\\u001B\\u202Ey");
    }

    @Test
    void jsonKeepsTheSameValueWithTheEscapes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String hostile = "FE-9\u009b2K\u202e\u2028x";
        String printed = shown(mapper.writeValueAsString(Map.of("message", hostile)));

        assertThat(printed).doesNotContain("\u009b", "\u202e", "\u2028");
        assertThat(mapper.readTree(printed).get("message").asText()).isEqualTo(hostile);
    }
}
