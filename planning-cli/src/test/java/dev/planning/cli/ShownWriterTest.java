package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.Printable;
import java.io.BufferedWriter;
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

    /**
     * Attack37: a CI runner reads {@code ##[command]}, {@code ##vso[...]} and {@code ##teamcity[...]} anywhere in a
     * line; the {@code [} is written as its escape. A {@code [} after one {@code #}, or after {@code ##} and
     * anything but ASCII letters, opens no command and passes.
     */
    @Test
    void theBracketOfARunnersCommandIsWrittenAsItsEscapeWhereverItStands() {
        assertThat(shown("x ##[add-mask]FAIL y ##vso[task.prependpath]bin ##teamcity[buildStatus] ###[c]"))
                .isEqualTo("x ##\\u005Badd-mask]FAIL y ##vso\\u005Btask.prependpath]bin ##teamcity\\u005BbuildStatus]"
                        + " ###\\u005Bc]");
        String inert = "#[a] ## [b] ##1[c] #a#[d] [e] ## \u00e9[f] ##\u00e9[g]";
        assertThat(shown(inert)).isEqualTo(inert);
    }

    /**
     * Attack37: GitHub Actions' runner reads {@code ::command::} at the start of a line after the blanks it trims
     * (.NET's white space, the no-break spaces among it); a {@code :} that is the first character of a line but
     * blanks is written as its escape, one later in the line passes.
     */
    @Test
    void aColonThatBeginsALineButBlanksIsWrittenAsItsEscape() {
        assertThat(shown("::error::x\n  \t::warning::y\r\n\u00a0\u3000::notice::z\na::b :: c\n"))
                .isEqualTo("\\u003A:error::x\n  \t\\u003A:warning::y\r\n\u00a0\u3000\\u003A:notice::z\na::b :: c\n");
    }

    /** What a command needs before it (the {@code ##}, the blanks of a line) is remembered however the writes cut it. */
    @Test
    void aRunnersCommandCutBetweenWritesIsWrittenAsInOne() throws IOException {
        String text = "a ##vso[x]\n ::error::y ##[z]";
        String whole = shownInPieces(text, text.length());
        assertThat(whole).isEqualTo("a ##vso\\u005Bx]\n \\u003A:error::y ##\\u005Bz]");
        for (int step = 1; step < text.length(); step++) {
            assertThat(shownInPieces(text, step)).as("step " + step).isEqualTo(whole);
        }
    }

    @Test
    void jsonKeepsTheValueOfARunnersCommand() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String hostile = "##[stop-commands]x ##vso[task.setvariable variable=A]b";
        String printed = shown(mapper.writeValueAsString(Map.of("message", hostile)));

        assertThat(printed).doesNotContain("##[", "##vso[");
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
        assertThat(shownInPieces(text, 7)).isEqualTo(Printable.inertInBuildLogs(Printable.lines(text)));
    }

    /** Attack37: what a runner would read as a command is escaped as {@link Printable#inertInBuildLogs} escapes it. */
    @Test
    void aRunnersCommandIsWrittenAsPrintableWritesItForABuildLog() throws IOException {
        String text = ":a ##[b] #\u001b#[c] ##x\u00e9[d]\n\u2003::e \u0085::f ##\n[g]\n\t\u00a0:h\u202e##[i]";
        for (int step = 1; step <= text.length(); step++) {
            assertThat(shownInPieces(text, step)).as("step " + step)
                    .isEqualTo(Printable.inertInBuildLogs(Printable.lines(text)));
        }
    }

    /**
     * Out38: standard output and standard error are often one pipe ({@code 2>&1}); each writer judged line starts
     * by its own text, so a line the other stream ended between two writes of this one left a {@code :} unescaped
     * at the start of a line of the merged text, and {@code ##} written by the other before this one's {@code [}
     * made a command. Written here to one target as the pipe receives it: each write reaches it at once.
     */
    @Test
    void writtenToOnePipeTheTwoStreamsPutNoRunnersCommandAtALineStartBetweenThem() throws IOException {
        StringWriter pipe = new StringWriter();
        ShownWriter[] pair = ShownWriter.pair(pipe, pipe);
        ShownWriter out = pair[0];
        ShownWriter err = pair[1];

        out.write("FE-9 parent ");
        err.write("warning: one\n");
        out.write("::stop-commands::planning\n");
        out.write("x ##");
        err.write("[add-mask]planning\n");
        out.write("y\n");
        err.write("a");
        out.write("b\n");
        err.flush();
        out.write("  ::error::z\n");

        assertThat(pipe.toString()).isEqualTo("FE-9 parent warning: one\n\\u003A:stop-commands::planning\n"
                + "x ##\\u005Badd-mask]planning\ny\nab\n  \\u003A:error::z\n")
                .doesNotContainPattern("(?m)^\\s*:").doesNotContainPattern("##[A-Za-z]*\\[");
    }

    /** Out38: a write that follows the other writer's flush is judged as a new line, since what it held went out. */
    @Test
    void aWriteAfterTheOtherWritersFlushIsJudgedAsANewLine() throws IOException {
        StringWriter pipe = new StringWriter();
        ShownWriter[] pair = ShownWriter.pair(pipe, pipe);

        pair[0].write("abc");
        pair[1].flush();
        pair[0].write(":d [e] f:g\n");

        assertThat(pipe.toString()).isEqualTo("abc\\u003Ad [e] f:g\n");
    }

    /**
     * Cli39: the writers below the pair hold text back (an encoder's buffer sends 8 KiB at a time, cut anywhere; a
     * {@code print} is not flushed). What one stream wrote and judged within its own line, still held, reached the
     * pipe after the other stream's line: {@code ::error::} judged mid-line began a line of the merged text. The
     * held text now goes first when the other writer takes its turn.
     */
    @Test
    void whatAWriterBelowHoldsBackReachesThePipeBeforeTheOtherStreamsText() throws IOException {
        StringWriter pipe = new StringWriter();
        ShownWriter[] pair = ShownWriter.pair(new BufferedWriter(pipe), new BufferedWriter(pipe));

        pair[0].write("FE-9 parent ");
        pair[0].flush();
        pair[0].write("::error::pwned\n");
        pair[1].write("warning: one\n");
        pair[1].flush();
        pair[0].flush();

        assertThat(pipe.toString()).isEqualTo("FE-9 parent ::error::pwned\nwarning: one\n")
                .doesNotContainPattern("(?m)^\\s*:");
    }

    /** Writers apart (an embedder's two writers, as {@code PlanningCommand.execute} takes them) judge their own text. */
    @Test
    void writersNotPairedJudgeOnlyTheirOwnText() throws IOException {
        StringWriter pipe = new StringWriter();
        ShownWriter out = new ShownWriter(pipe);
        ShownWriter err = new ShownWriter(pipe);

        out.write("abc");
        err.write("d\n");
        out.write(":e\n");

        assertThat(pipe.toString()).isEqualTo("abcd\n:e\n");
    }
}
