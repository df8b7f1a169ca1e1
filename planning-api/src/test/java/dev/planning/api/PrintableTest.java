package dev.planning.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void showsControlsSeparatorsAndBidiControlsAsEscapesOnOneLine() {
        assertThat(Printable.line("FE-9\n\u001b[32mok\r\t\u007f\u009b\u2028\u2029\u202e\u2066\u200f\u061c."))
                .isEqualTo("FE-9\\u000A\\u001B[32mok\\u000D\\u0009\\u007F\\u009B\\u2028\\u2029\\u202E\\u2066\\u200F\\u061C.");
    }

    @Test
    void leavesPrintableTextAloneIncludingAccentsEmojiAndBackslashes() {
        String text = "Caf\u00e9 \ud83d\ude00 \\u001b a\u00a0b \u2030";
        assertThat(Printable.line(text)).isSameAs(text);
    }

    @Test
    void linesKeepsLineFeedsAndTabsAndShowsTheRest() {
        assertThat(Printable.lines("a\n\tb\r\u001b[2K\u202e")).isEqualTo("a\n\tb\\u000D\\u001B[2K\\u202E");
    }
}
