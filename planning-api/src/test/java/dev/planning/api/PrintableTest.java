package dev.planning.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableTest {

    private static String of(int codePoint) {
        return new String(Character.toChars(codePoint));
    }

    private static String escaped(int codePoint) {
        StringBuilder out = new StringBuilder();
        for (char unit : Character.toChars(codePoint)) {
            out.append(String.format("\\u%04X", (int) unit));
        }
        return out.toString();
    }

    /**
     * A path given relative is shown as given, then where it resolved; both on one line, escaped. (ASCII
     * controls only: under {@code LC_ALL=C}, as {@code .ci/run} runs, a path cannot hold U+202E at all;
     * bidi controls are escaped by the same {@link Printable#line}, tested below.)
     */
    @Test
    void aPathIsShownAsGivenThenWhereItResolvedOnOneLine() {
        Path here = Path.of("").toAbsolutePath();

        assertThat(Printable.path(Path.of("a\nok: verified\u001b"))).isEqualTo("a\\u000Aok: verified\\u001B ("
                + here + "/a\\u000Aok: verified\\u001B)");
        assertThat(Printable.path(here.resolve("b"))).isEqualTo(here + "/b");
        assertThat(Printable.path(here.resolve("x/../b"))).isEqualTo(here + "/x/../b (" + here + "/b)");
    }

    /**
     * Msg41: a path is shown as a path. Where the separator is a backslash (Windows), it is no name's character and is
     * shown as itself, not as {@code \u005cu005C} because a name after it begins with {@code u}.
     */
    @Test
    void aWindowsPathsBackslashesAreItsSeparatorsShownAsThemselves() {
        assertThat(Printable.path("C:\\users\\x", "C:\\users\\x", "\\")).isEqualTo("C:\\users\\x");
        assertThat(Printable.path("users\\x", "C:\\users\\x", "\\")).isEqualTo("users\\x (C:\\users\\x)");
    }

    /**
     * Msg41: where the separator is {@code /}, a backslash is a name's character: a file named with the six characters
     * {@code \u005cu000A} shows otherwise than one whose name holds a line feed.
     */
    @Test
    void aPosixFileNamedLikeAnEscapeShowsOtherwiseThanOneWithTheCharacter() {
        assertThat(Printable.path(Path.of("/tmp/a\\u000Ab"))).isEqualTo("/tmp/a\\u005Cu000Ab");
        assertThat(Printable.path(Path.of("/tmp/a\nb"))).isEqualTo("/tmp/a\\u000Ab");
        assertThat(Printable.path("C:\\users\\x", "C:\\users\\x", "/")).isEqualTo("C:\\u005Cusers\\x");
    }

    @Test
    void aValueLongerThanTheBoundIsCutThereThenMarkedAndNeverSplitsASurrogatePair() {
        assertThat(Printable.cut("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Printable.cut("abcdefg", 6)).isEqualTo("abcdef...");
        assertThat(Printable.cut("a\nbcdefg", 3)).isEqualTo("a\\u000Ab...");
        assertThat(Printable.cut("ab\ud83d\ude00cd", 3)).isEqualTo("ab...");
    }

    @Test
    void aLongPathIsCutInEachPartAtThePathBound() {
        String given = "x/".repeat(3000) + "missing";

        String shown = Printable.path(Path.of(given));

        assertThat(shown).startsWith(given.substring(0, Printable.PATH_CHARACTERS) + "... (")
                .endsWith("...)").hasSizeLessThan(2 * Printable.PATH_CHARACTERS + 10);
    }

    @Test
    void aLongLocationIsCutBeforeItsLineAndColumnInTheOneLineError() {
        String file = "y".repeat(6000);

        String described = new InvalidInputException("expected a rulebook", new SourceLocation(file, 3, 7)).describe();

        // Room for two cut parts, " (" and ")": a path as given and where it resolved.
        assertThat(Printable.LOCATION_CHARACTERS).isEqualTo(2 * (Printable.PATH_CHARACTERS + "...".length()) + " ()".length());
        assertThat(described).isEqualTo("y".repeat(Printable.LOCATION_CHARACTERS) + "...:3:7: expected a rulebook");
    }

    /** A path as given and where it resolved, each part cut, is shown whole before its line and column. */
    @Test
    void aLongPathAsGivenAndResolvedKeepsBothPartsInTheOneLineError() {
        String shown = Printable.path(Path.of("../".repeat(40) + "d".repeat(150) + "/a-file"));

        String described = new InvalidInputException("is a file", SourceLocation.ofFile(shown)).describe();

        assertThat(shown).hasSizeGreaterThan(Printable.PATH_CHARACTERS);
        assertThat(described).isEqualTo(shown + ": is a file");
    }

    @Test
    void showsControlsSeparatorsAndBidiControlsAsEscapesOnOneLine() {
        assertThat(Printable.line("FE-9\n\u001b[32mok\r\t\u007f\u009b\u2028\u2029\u202e\u2066\u200f\u061c."))
                .isEqualTo("FE-9\\u000A\\u001B[32mok\\u000D\\u0009\\u007F\\u009B\\u2028\\u2029\\u202E\\u2066\\u200F\\u061C.");
    }

    @Test
    void leavesPrintableTextAloneIncludingAccentsEmojiAndBackslashes() {
        String text = "Caf\u00e9 \ud83d\ude00 C:\\dir\\x \\n \\U001b \\ a\u00a0b \u2030 \\";
        assertThat(Printable.line(text)).isSameAs(text);
    }

    /**
     * Text40: a line feed was shown as {@code \u005cu000A}, and so were the six characters {@code \u005cu000A} a
     * value held: a title could pass for one with a line break, or an escape sequence, in it. The backslash that
     * begins them is written as its escape, so the two show differently, on one line and in Markdown.
     */
    @Test
    void aValuesOwnEscapeLikeTextShowsOtherwiseThanTheCharacterItNames() {
        String real = "a\nb\u001b";
        String imitated = "a\\u000Ab\\u001B";

        assertThat(Printable.line(real)).isEqualTo("a\\u000Ab\\u001B");
        assertThat(Printable.line(imitated)).isEqualTo("a\\u005Cu000Ab\\u005Cu001B");
        assertThat(Printable.lines(imitated)).isEqualTo(Printable.line(imitated));
        assertThat(Printable.cut(imitated, 20)).isEqualTo(Printable.line(imitated));
        assertThat(Printable.line("\\\\u\\")).isEqualTo("\\\\u005Cu\\");
        assertThat(Printable.markdown(real)).isEqualTo("a\\u000Ab\\u001B");
        assertThat(Printable.markdown(imitated)).isEqualTo("a\\u005Cu000Ab\\u005Cu001B");
    }

    /**
     * Text already shown (a finding's message, its values quoted by {@link Printable#line}) is shown again
     * without escaping its escapes: once is unambiguous, twice would turn a line feed's escape into a backslash's.
     */
    @Test
    void textWhoseValuesWereQuotedIsShownAgainWithItsEscapesAsTheyAre() {
        String message = "title " + Printable.line("a\nb") + " is too long\u001b";

        assertThat(Printable.shown(message, "")).isEqualTo("title a\\u000Ab is too long\\u001B");
        assertThat(Printable.markdownOfShown(message)).isEqualTo("title a\\\\u000Ab is too long\\u001B");
        assertThat(Printable.markdownOfShown("a\nb")).isEqualTo(Printable.markdown("a\nb"));
    }

    @Test
    void linesKeepsLineFeedsAndTabsAndShowsTheRest() {
        assertThat(Printable.lines("a\n\tb\r\u001b[2K\u202e")).isEqualTo("a\n\tb\\u000D\\u001B[2K\\u202E");
    }

    /**
     * One character of each general category that is shown as itself, at the edges of the ranges
     * where one is at hand: letters, marks, numbers, punctuation, symbols and space separators.
     */
    @ParameterizedTest
    @ValueSource(ints = {'A', 'z', 0xE9, 0x01C5, 0x02B0, 0x05D0, 0x4E00, 0x0301, 0x0903, 0x20DD, '0', '9', 0x2160, 0xB2,
        '_', '-', '(', ')', 0xAB, 0xBB, '!', '~', '+', '$', '^', 0xA9, ' ', 0xA0, 0x2000, 0x200A, 0x202F, 0x205F, 0x3000,
        0x1F600, 0x1D400, 0x20000, 0xFDFD, 0xFE10, 0xFFFD})
    void aCharacterOfACategoryThatIsSeenIsShownAsItself(int codePoint) {
        String text = "a" + of(codePoint) + "b";
        assertThat(Printable.line(text)).as(Character.getName(codePoint)).isSameAs(text);
        assertThat(Printable.shownAsItself(codePoint)).isTrue();
    }

    /**
     * Found by the fifth review of 2026-12-03: format characters (zero-width space, joiners, word
     * joiner, invisible operators, soft hyphen, byte order mark, tag characters), private-use and
     * unassigned code points, lone surrogates, variation selectors and the letters that draw nothing
     * (Hangul fillers) passed through: two different texts looked the same, and tag characters
     * carry text no one sees.
     */
    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x1F, 0x7F, 0x80, 0x9F, 0xAD, 0x0600, 0x061C, 0x070F, 0x180E, 0x200B, 0x200C, 0x200D,
        0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202E, 0x2060, 0x2064, 0x2066, 0x2069, 0x206A, 0x206F, 0xFEFF, 0xFFF9,
        0xFFFB, 0xE0000, 0xE0001, 0xE0020, 0xE0041, 0xE007F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xF8FF, 0xF0000,
        0x10FFFD, 0x0378, 0xFFFF, 0x10FFFF, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180D, 0x3164, 0xFFA0,
        0xFE00, 0xFE0F, 0xE0100, 0xE01EF, 0x1BCA0, 0x1D173})
    void aCharacterThatIsActedOnOrDrawsNothingIsShownAsItsEscape(int codePoint) {
        assertThat(Printable.line("a" + of(codePoint) + "b")).as(Integer.toHexString(codePoint))
                .isEqualTo("a" + escaped(codePoint) + "b");
        assertThat(Printable.shownAsItself(codePoint)).isFalse();
    }

    @Test
    void aSurrogatePairIsJudgedAsTheCharacterItMakesAndALoneHalfAsItself() {
        assertThat(Printable.line("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
        assertThat(Printable.line("\udb40\udc41")).isEqualTo("\\uDB40\\uDC41");
        assertThat(Printable.line("x\ud83d")).isEqualTo("x\\uD83D");
        assertThat(Printable.line("\ude00x\ud83d\ud83d\ude00")).isEqualTo("\\uDE00x\\uD83D\ud83d\ude00");
    }

    /** The short cuts taken for speed (the first pages, the pages remembered) give the rule's answer for every code point. */
    @Test
    void everyCodePointIsJudgedByItsCategory() {
        int seenCategories = 0;
        for (int type : new int[] {Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
            Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK,
            Character.ENCLOSING_MARK, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
            Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
            Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
            Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
            Character.OTHER_SYMBOL, Character.SPACE_SEPARATOR}) {
            seenCategories |= 1 << type;
        }
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            boolean drawsNothing = c == 0x034f || c == 0x115f || c == 0x1160 || c == 0x17b4 || c == 0x17b5
                    || c >= 0x180b && c <= 0x180f || c == 0x3164 || c >= 0xfe00 && c <= 0xfe0f || c == 0xffa0
                    || c >= 0xe0000 && c <= 0xe0fff;
            boolean expected = (seenCategories >> Character.getType(c) & 1) != 0 && !drawsNothing;
            if (Printable.shownAsItself(c) != expected) {
                assertThat(Printable.shownAsItself(c)).as(Integer.toHexString(c)).isEqualTo(expected);
            }
        }
    }

    /**
     * Attack37: a CI runner reads {@code ##[command]} (GitHub Actions), {@code ##vso[} (Azure Pipelines) and
     * {@code ##teamcity[} anywhere in a line, and {@code ::command::} after the blanks a line begins with.
     */
    @Test
    void whatABuildLogsRunnerReadsAsACommandIsWrittenAsItsEscape() {
        assertThat(Printable.inertInBuildLogs("x ##[add-mask]FAIL ##vso[task.prependpath]bin ###[g]\n \u00a0::error::y"))
                .isEqualTo("x ##\\u005Badd-mask]FAIL ##vso\\u005Btask.prependpath]bin ###\\u005Bg]\n \u00a0\\u003A:error::y");
        assertThat(Printable.inertInBuildLogs("::notice::z")).isEqualTo("\\u003A:notice::z");
    }

    /**
     * Review of attack37: text not passed through {@link Printable#lines} first may hold a carriage return alone,
     * which a runner's reader (.NET's and Java's {@code readLine}) takes as a line's end, and a next line (U+0085),
     * which .NET's {@code TrimStart} trims as a blank before the {@code ::} it reads.
     */
    @Test
    void aColonAfterACarriageReturnOrANextLineIsWrittenAsItsEscape() {
        assertThat(Printable.inertInBuildLogs("x\r::stop-commands::y\n\u0085::add-mask::z"))
                .isEqualTo("x\r\\u003A:stop-commands::y\n\u0085\\u003A:add-mask::z");
    }

    @Test
    void textThatOpensNoRunnersCommandIsReturnedAsItIs() {
        String text = "#[a] ## [b] ##1[c] #a#[d] ##\u00e9[e] a::b x\n y :: z ## Heading";
        assertThat(Printable.inertInBuildLogs(text)).isSameAs(text);
    }

    /**
     * Out38: in an XML document (the command line's {@code --format junit}) the escape {@code \u005cu005B} is literal
     * text, so a JUnit reader read another value; the same characters are written as character references.
     */
    @Test
    void inAnXmlDocumentWhatARunnerReadsAsACommandIsWrittenAsACharacterReference() {
        assertThat(Printable.inertInBuildLogsAsXml("<a m=\"##[add-mask]x\">y\n  ::error::z ##vso[p]</a>\n"))
                .isEqualTo("<a m=\"##&#91;add-mask]x\">y\n  &#58;:error::z ##vso&#91;p]</a>\n");
        String text = "<a>#[a] a::b x\n y :: z</a>";
        assertThat(Printable.inertInBuildLogsAsXml(text)).isSameAs(text);
    }
}
