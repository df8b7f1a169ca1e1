package dev.planning.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link JavaText}: what of a Java text is code, comment or literal. */
class JavaTextTest {

    @Test
    void aLineCommentStartsAtTheFirstDoubleSlashOutsideLiteralsAndBlockComments() {
        assertThat(JavaText.lineCommentStart("String s = \"a // b\"; // c")).isEqualTo(21);
        assertThat(JavaText.lineCommentStart("char c = '/', d = '/'; int x = 1;")).isEqualTo(-1);
        assertThat(JavaText.lineCommentStart("int a; /* // */ int b;")).isEqualTo(-1);
        assertThat(JavaText.lineCommentStart("String s = \"\\\"//\"; x(); // y")).isEqualTo(24);
        assertThat(JavaText.lineCommentStart("String t = \"\"\" // in a text block")).isEqualTo(-1);
    }

    @Test
    void codeBlanksCommentsAndLiteralsAndKeepsEveryLineBreak() {
        String source = "int a = 1; // one\n/* two\n three */ String s = \"x\\\"y\";\nString t = \"\"\"\n  z\n  \"\"\";\n";

        String code = JavaText.code(source);

        assertThat(code).hasSameSizeAs(source);
        assertThat(code.lines()).containsExactly("int a = 1;       ", "      ", "          String s =       ;",
                "String t =    ", "   ", "     ;");
        assertThat(JavaText.withoutLiterals(source)).contains("// one", "/* two\n three */").doesNotContain("x", "z");
    }

    @Test
    void aLiteralOrCommentLeftOpenRunsToTheEnd() {
        assertThat(JavaText.code("a \"b c")).isEqualTo("a     ");
        assertThat(JavaText.code("a /* b")).isEqualTo("a     ");
        assertThat(JavaText.code("a '")).isEqualTo("a  ");
    }
}
