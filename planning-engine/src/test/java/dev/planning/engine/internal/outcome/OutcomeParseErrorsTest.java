package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * outcome27: a malformed-JSON error quoted the token Jackson stopped at (up to 256 characters), so a file that
 * is not a report and starts with {@code [} or {@code {} (a git config, an INI file of credentials) had its
 * first token printed in a CI log. An error of an outcome file names its place and what was expected, and shows
 * none of the file's letters or digits.
 */
class OutcomeParseErrorsTest {

    private static final String SECRET = "ghp_s3cr3tT0ken";

    @ParameterizedTest
    @ValueSource(strings = {
        "[" + SECRET + "]\n",
        "[core]\n\trepositoryformatversion = 0\n[http]\n\textraheader = " + SECRET + "\n",
        "{\"passes\": [], \"violations\": [" + SECRET + "]}",
        "{\"passes\": [], \"violations\": []} " + SECRET,
        "{" + SECRET + ": 1}",
        "{\"a\" " + SECRET + "}",
        "[1" + SECRET + "]",
        "[\"\\" + SECRET + "\"]",
        "[tru" + SECRET + "]"})
    void aMalformedJsonFileIsLocatedAndNoneOfItsTextIsShown(String content) {
        InvalidInputException e = inspect(content);

        assertThat(e.getMessage()).startsWith("malformed JSON").contains("expected")
                .doesNotContain(SECRET).doesNotContain("s3cr3t").doesNotContain("core").doesNotContain("ghp");
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isPositive());
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.column()).isPositive());
    }

    @Test
    void aTruncatedJsonReportSaysItEndsEarlyAtItsLastLine() {
        InvalidInputException e = inspect("{\"passes\": [],\n \"violations\": [");

        assertThat(e.getMessage()).contains("ends").contains("truncated");
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(2));
    }

    /** Before, a second results object after the first was never read: its critical violation counted nowhere. */
    @Test
    void aSecondJsonValueAfterTheFirstIsRefusedNotIgnored() {
        InvalidInputException e = inspect("{\"passes\": [], \"violations\": []}\n{\"passes\": [], \"violations\":"
                + " [{\"id\": \"image-alt\", \"impact\": \"critical\"}]}");

        assertThat(e.getMessage()).contains("text follows the JSON value");
        assertThat(e.location()).hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(2));
    }

    @Test
    void aWrongPunctuationMarkIsNamedAndLocated() {
        InvalidInputException e = inspect("{\"passes\": [] ; \"violations\": []}");

        assertThat(e.getMessage()).contains("';'");
        assertThat(e.location()).contains(new SourceLocation("a11y.json", 1, 15));
    }

    @Test
    void anXmlErrorShowsNoLongNameInFullAndNoControlCharacter() {
        String name = "x".repeat(300) + SECRET;
        InvalidInputException e = inspect("<testsuite><" + name + "></testsuite>");

        assertThat(e.getMessage()).startsWith("malformed XML").doesNotContain(SECRET).hasSizeLessThan(400);
        InvalidInputException escape = inspect("<testsuite><a\u0085b></testsuite>");
        assertThat(escape.getMessage()).doesNotContain("\u0085");
    }

    /**
     * keys27: a YAML outcome file's duplicate key was quoted in full (any length, control characters, bidi
     * overrides and ANSI escapes as they stood). It is quoted as planning files' keys are ({@code FieldPath.name}:
     * cut after 40 characters) and escaped ({@code Printable.line}), still at its file, line and column.
     */
    @Test
    void aYamlDuplicateKeyIsQuotedShortAndEscaped() {
        String key = "k".repeat(60) + SECRET;
        InvalidInputException longKey = deployments("deployments: []\n" + key + ": 1\n" + key + ": 2\n");
        assertThat(longKey.getMessage()).startsWith("duplicate key `" + "k".repeat(40) + "...`")
                .doesNotContain(SECRET).hasSizeLessThan(160);
        assertThat(longKey.location()).contains(new SourceLocation("deployments.yaml", 3, 1));

        String hostile = "\"a\\e[31mb\\u202Ec\\x9bd\"";
        InvalidInputException e = deployments("deployments: []\n" + hostile + ": 1\n" + hostile + ": 2\n");
        assertThat(e.getMessage()).contains("duplicate key `a\\u001B[31mb\\u202Ec\\u009Bd`")
                .doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u009b");
    }

    private static InvalidInputException deployments(String content) {
        return catchThrowableOfType(InvalidInputException.class, () -> new DeploymentLogReader()
                .parse(content.getBytes(StandardCharsets.UTF_8), "deployments.yaml"));
    }

    private static InvalidInputException inspect(String content) {
        return catchThrowableOfType(InvalidInputException.class,
                () -> new OutcomeDetector().inspect(content.getBytes(StandardCharsets.UTF_8), "a11y.json"));
    }
}
