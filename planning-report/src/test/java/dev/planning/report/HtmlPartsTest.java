package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.planning.api.Printable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parts every page is made of: charts and the content security policy. The pages of a whole
 * report are tested on an example workspace in planning-examples-tests ({@code HtmlReportTest}),
 * which has the rule engine that report needs.
 */
class HtmlPartsTest {

    @Test
    void chartsAreTheSameBytesForTheSameInputs() {
        List<Model.Point> points = List.of(new Model.Point("2025-09-02", 80), new Model.Point("2025-09-16", 93.3333));
        String first = Svg.kpiChart("plan_accuracy", "percent", points, Optional.of(90.0));
        assertThat(Svg.kpiChart("plan_accuracy", "percent", List.copyOf(points), Optional.of(90.0))).isEqualTo(first);
        assertThat(first).contains(">80</text>", ">93.33</text>", "target 90", "class=\"target\"");
    }

    /**
     * attack26: a digest (anyone's file) stating a KPI near {@code Double.MAX_VALUE} with a target near its
     * negative drew every point at the bottom of the chart, 0 and 1.8e308 alike: the span between them overflowed to
     * infinity. Each point is now drawn where its value lies, and the axis never reads "n/a".
     */
    @Test
    void valuesWhoseSpanOverflowsADoubleAreStillDrawnWhereTheyLie() {
        List<Model.Point> points = List.of(new Model.Point("2025-09-02", 0),
                new Model.Point("2025-09-16", Double.MAX_VALUE));

        String chart = Svg.kpiChart("plan_accuracy", "percent", points, Optional.of(-Double.MAX_VALUE));

        List<String> heights = Pattern.compile("<circle class=\"point\" cx=\"[^\"]*\" cy=\"([^\"]*)\"")
                .matcher(chart).results().map(m -> m.group(1)).toList();
        assertThat(heights).hasSize(2);
        assertThat(Double.parseDouble(heights.get(0))).as("0 lies halfway between the target and the other point")
                .isCloseTo(Double.parseDouble(heights.get(1)) + (136 - Double.parseDouble(heights.get(1))) / 2,
                        offset(0.5));
        assertThat(Double.parseDouble(heights.get(1))).as("the largest value at the top of the plot").isLessThan(40);
        assertThat(chart).doesNotContain(">n/a<").doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void bidirectionalAndOtherInvisibleControlsAreShownAsEscapesAndLineEndsKept() {
        // Fourth review of 2026-12-03: the encoder passed U+202E, C1 controls and U+2028 through, so a
        // title could reorder the text after it on its line of the page.
        assertThat(Html.text("a\u202e<b>\u009b\u2028\u2066c\n\td\r\n"))
                .isEqualTo("a\\u202E&lt;b&gt;\\u009B\\u2028\\u2066c\n\td\r\n");
        assertThat(Html.attr("x\u202ey")).isEqualTo("x\\u202Ey");
    }

    @Test
    void zeroWidthAndOtherFormatCharactersAreShownAsEscapesAndLettersAndEmojiAsThemselves() {
        // Fifth review of 2026-12-03: the report showed them as nothing, so two different titles
        // looked the same and tag characters carried text no reader saw.
        assertThat(Html.text("a\u200bb\u200dc\u2060d\ufeffe\udb40\udc41f\ue000g\u00e9\ud83d\ude00"))
                .isEqualTo("a\\u200Bb\\u200Dc\\u2060d\\uFEFFe\\uDB40\\uDC41f\\uE000g\u00e9\ud83d\ude00");
        assertThat(Html.attr("x\u00ady")).isEqualTo("x\\u00ADy");
    }

    /**
     * Msg41: a title (a plan's raw value) with the six characters {@code \u005cu000A} showed on its page as one holding a
     * line feed shows under a format that does not keep it; its backslash is now written as {@code \u005cu005C}, in the
     * page's {@code <title>} too. A message whose values were quoted where it was built shows its escape once.
     */
    @Test
    void aTitleWrittenAsAnEscapeReadsOtherwiseThanTheCharacterAndAQuotedMessageIsNotQuotedAgain() {
        assertThat(Html.text("FE-1 \\u000A<b>")).isEqualTo("FE-1 \\u005Cu000A&lt;b&gt;");
        assertThat(Html.attr("FE-1 \\u001B")).isEqualTo("FE-1 \\u005Cu001B");
        assertThat(Html.text("C:\\x\\y")).as("a backslash that begins no escape is itself").isEqualTo("C:\\x\\y");
        assertThat(Html.textOfShown("task " + Printable.line("a\u2028b\\u000A") + " <i>"))
                .isEqualTo("task a\\u2028b\\u005Cu000A &lt;i&gt;");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PageOut page = new PageOut(bytes)) {
            Html.pageStart(page, "Cycle \\u000Aok", "", "");
            page.text("t\\u000A").textOfShown("m\\u000A");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String html = bytes.toString(StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Cycle \\u005Cu000Aok</title>").endsWith("t\\u005Cu000Am\\u000A");
    }

    /**
     * report19 (2026-12-05): a finding's or violation's severity is the evidence file's text (anyone who
     * commits writes it), and its badge took its colour and mark from the word: a severity "PASS",
     * "VERIFIED" or "MET" showed a green tick in the findings and governance tables. A severity is now
     * a known one or shown as unknown, marked as a problem, its text beside it.
     */
    @Test
    void aSeverityTheEngineDoesNotKnowNeverShowsAsAPassingBadge() {
        for (String forged : List.of("PASS", "verified", "MET", "ok", "Accepted", "meets target", "")) {
            assertThat(Html.severity(forged)).as(forged).doesNotContain("\u2713").doesNotContain("badge ok")
                    .startsWith(Html.badge("unknown severity"));
        }
        assertThat(Html.severity("<b>PASS</b>")).contains("&lt;b&gt;PASS&lt;/b&gt;").doesNotContain("<b>");
        for (String known : List.of("ERROR", "WARNING", "INFO", "CRITICAL", "HIGH", "MEDIUM", "LOW")) {
            assertThat(Html.severity(known)).isEqualTo(Html.badge(known));
        }
    }

    @Test
    void thePolicyAllowsNoInlineStyleButTheStylesheetByItsHash() {
        assertThat(Html.CSP).doesNotContain("unsafe-inline").contains("style-src '" + Html.sha256(Html.CSS) + "'");
    }
}
