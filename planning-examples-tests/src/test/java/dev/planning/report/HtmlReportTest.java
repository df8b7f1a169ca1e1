package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of the fe-critical example, with attacker-chosen text in it, after governance
 * refused a transition. Here rather than in planning-report because it needs the rule engine
 * (planning-rules) to make that refusal; the report's parts are tested in planning-report
 * ({@code HtmlPartsTest}).
 */
class HtmlReportTest {

    private static final LocalDate AS_OF = LocalDate.parse("2025-09-20");

    @TempDir
    static Path dir;

    static PlanningWorkspace workspace;
    static Map<String, byte[]> site;

    @BeforeAll
    static void render() {
        workspace = HostileWorkspace.create(dir.resolve("ws"));
        site = HtmlReport.builder(workspace).asOf(AS_OF).build().render();
    }

    private static String page(String path) {
        assertThat(site).containsKey(path);
        return new String(site.get(path), StandardCharsets.UTF_8);
    }

    @Test
    void theSameWorkspaceGivesTheSameBytesWhereverItLies() {
        Path copy = dir.resolve("copy");
        WorkspaceCopies.copy(dir.resolve("ws"), copy);
        Map<String, byte[]> again = HtmlReport.builder(HostileWorkspace.open(copy)).asOf(AS_OF).build().render();
        assertThat(again.keySet()).containsExactlyElementsOf(site.keySet());
        site.forEach((path, bytes) -> assertThat(again.get(path)).as(path).isEqualTo(bytes));
    }

    @Test
    void changingTheBytesRenderGaveChangesNeitherTheMapNorAnotherRendering() {
        Map<String, byte[]> rendered = HtmlReport.builder(workspace).asOf(AS_OF).build().render();
        byte[] index = rendered.get("index.html");

        rendered.get("index.html")[0] ^= 1;
        rendered.values().forEach(bytes -> Arrays.fill(bytes, (byte) 0));
        rendered.entrySet().forEach(entry -> entry.getValue()[0] = 'X');

        assertThat(rendered.get("index.html")).isEqualTo(index).isEqualTo(site.get("index.html"));
        rendered.forEach((path, bytes) -> assertThat(bytes).as(path).isEqualTo(site.get(path)));
        assertThatThrownBy(() -> rendered.put("index.html", new byte[0])).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rendered.remove("index.html")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(rendered::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(rendered.keySet()).containsExactlyElementsOf(site.keySet());
    }

    @Test
    void siteHasPortfolioCyclePageAndASourceViewOfThePlan() {
        assertThat(site.keySet()).contains("index.html", "cycles/fe_2025-09-02.html")
                .anyMatch(p -> p.startsWith("source/") && p.contains("fe_task_breakdown_yaml"));
    }

    @Test
    void everyPageCarriesAStrictPolicyAndNoScript() {
        site.forEach((path, bytes) -> {
            String html = new String(bytes, StandardCharsets.UTF_8);
            assertThat(html).as(path).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;")
                    .contains("script-src &#39;none&#39;").doesNotContainIgnoringCase("<script")
                    .doesNotContain("src=\"", "href=\"http", "href=\"//", "url(", "@import");
        });
    }

    @Test
    void hostileValuesAreEscapedForTheirContext() {
        String cycle = page("cycles/fe_2025-09-02.html");
        assertThat(cycle).doesNotContain("<img", "onerror=\"", "<svg onload", "href=\"javascript:", "</title><script>")
                .contains("&lt;script&gt;document.title=&#39;pwned&#39;", "&#34;&gt;&lt;img src=x onerror=",
                        "javascript:document.title=&#39;pwned&#39;");
        String portfolio = page("index.html");
        assertThat(portfolio).doesNotContain("<script", "<b>cto</b>").contains("&lt;/title&gt;&lt;script&gt;");
    }

    @Test
    void portfolioListsTheRefusalAndTheExpiringWaiver() {
        String portfolio = page("index.html");
        assertThat(portfolio).contains("<strong>Refused:</strong>", "PLANNED \u2192 READY_FOR_HANDOFF was refused by governance",
                "<strong>Waiver expiring:</strong>", "missing-owner for FE-1 expires on 2025-09-25");
    }

    @Test
    void findingLinksToItsLineInTheSourceView() {
        String cycle = page("cycles/fe_2025-09-02.html");
        String source = site.keySet().stream().filter(p -> p.startsWith("source/")).findFirst().orElseThrow();
        assertThat(cycle).contains("href=\"../" + source + "#L");
        assertThat(page(source)).containsPattern("<li id=\"L\\d+\" class=\"hit\">");
    }

    @Test
    void writeReplacesAnEarlierReportButRefusesAnyOtherDirectory() throws Exception {
        Path out = dir.resolve("site");
        HtmlReport report = HtmlReport.builder(workspace).asOf(AS_OF).build();
        ReportResult first = report.write(out);
        assertThat(first.index()).exists();
        assertThat(report.write(out).files()).isEqualTo(first.files());
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> report.write(other)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not an earlier report");
        assertThat(other.resolve("keep.txt")).hasContent("mine");
        assertThatThrownBy(() -> report.write(dir.resolve("ws").resolve("rulebook").resolve("site")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("overlap");
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".site."));
        }
    }
}
