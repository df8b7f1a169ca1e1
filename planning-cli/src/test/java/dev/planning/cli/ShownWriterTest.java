package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.Printable;
import java.io.IOException;
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

    /** {@code text} written {@code step} characters at a time (as a writer in front may cut it), then flushed. */
    private static String shownInPieces(String text, int step) throws IOException {
        StringWriter written = new StringWriter();
        ShownWriter out = new ShownWriter(written);
        for (int i = 0; i < text.length(); i += step) {
            out.write(text, i, Math.min(step, text.length() - i));
        }
        out.flush();
        return written.toString();
    }

    @Test
    void aWindowsLineEndOrASurrogatePairCutBetweenTwoWritesIsShownAsInOne() throws IOException {
        // Fifth review of 2026-12-03: "\r" ending one write was escaped though "\n" began the next.
        String text = "a\r\nb\ud83d\ude00c\udb40\udc41d\r";
        String whole = shownInPieces(text, text.length());
        assertThat(whole).isEqualTo("a\r\nb\ud83d\ude00c\\uDB40\\uDC41d\\u000D");
        for (int step = 1; step < text.length(); step++) {
            assertThat(shownInPieces(text, step)).as("step " + step).isEqualTo(whole);
        }
    }

    @Test
    void aCarriageReturnOrHighSurrogateLeftWaitingIsWrittenAsItsEscapeOnFlushAndClose() throws IOException {
        StringWriter written = new StringWriter();
        ShownWriter out = new ShownWriter(written);
        out.write("x\r");
        assertThat(written).hasToString("x");
        out.flush();
        out.write("\n\ud83d");
        out.close();
        assertThat(written).hasToString("x\\u000D\n\\uD83D");
    }

    /**
     * The one rule: every code point, cut into writes of seven characters, is shown exactly as
     * {@link Printable} shows it with line feeds and tabs kept (a carriage return here never comes
     * before a line feed).
     */
    @Test
    void everyCodePointIsShownAsPrintableShowsIt() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            all.appendCodePoint(codePoint).append(' ');
        }
        String text = all.toString();
        assertThat(shownInPieces(text, 7)).isEqualTo(Printable.lines(text));
    }
}
