package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeScannerTest {

    /** The characters the scanner hands out, in order. */
    private static String outside(String text) {
        CodeScanner scanner = new CodeScanner(text);
        StringBuilder out = new StringBuilder();
        for (int i = scanner.next(); i >= 0; i = scanner.next()) {
            out.append(text.charAt(i));
        }
        return out.toString();
    }

    @Test
    void stepsOverStringAndCharacterLiteralsQuotesIncluded() {
        assertThat(outside("owner == \"a + b\" && c == 'x' || d")).isEqualTo("owner ==  && c ==  || d");
    }

    @Test
    void aBackslashEscapesTheCharacterAfterItSoAnEscapedQuoteDoesNotEndTheLiteral() {
        assertThat(outside("a \"b\\\"c\" d 'e\\'f' g")).isEqualTo("a  d  g");
        assertThat(outside("\"\\\\\" + x")).isEqualTo(" + x");
    }

    @Test
    void aQuoteOfTheOtherKindInsideALiteralIsText() {
        assertThat(outside("\"it's\" + '\"' + y")).isEqualTo(" +  + y");
    }

    @Test
    void anUnterminatedLiteralRunsToTheEndAndSoDoesATrailingEscape() {
        assertThat(outside("x \"abc // y")).isEqualTo("x ");
        assertThat(outside("x 'ab\\")).isEqualTo("x ");
        assertThat(outside("")).isEmpty();
    }

    @Test
    void skipToGoesOnFromAnIndexButNeverBackNorPastTheEnd() {
        CodeScanner scanner = new CodeScanner("abcdef");

        assertThat(scanner.next()).isZero();
        scanner.skipTo(3);
        assertThat(scanner.next()).isEqualTo(3);
        scanner.skipTo(1);
        assertThat(scanner.next()).isEqualTo(4);
        scanner.skipTo(100);
        assertThat(scanner.next()).isEqualTo(-1);
    }
}
