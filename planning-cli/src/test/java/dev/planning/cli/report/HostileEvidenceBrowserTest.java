package dev.planning.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * report19 (2026-12-05): a gate evidence file (anyone who commits writes it) whose findings hold
 * script, SVG and MathML payloads in their code, message and file name, a {@code javascript:} and a
 * {@code data:} file name, and a severity chosen to read as a pass. In a real browser nothing runs, every
 * payload is shown as text, and no finding shows a passing badge.
 */
@Tag("slow")
@Tag("browser")
class HostileEvidenceBrowserTest {

    static final String PAYLOAD = "document.title='pwned';window.pwned=1";
    static final List<String> FILES = List.of(
            "x\"><img src=x onerror=\"" + PAYLOAD + "\">.yaml",
            "javascript:" + PAYLOAD,
            "data:text/html,<script>" + PAYLOAD + "</script>",
            "a/<svg onload=\"" + PAYLOAD + "\">/b.yaml");
    static final String CODE = "</code></td></tr></table><script>" + PAYLOAD + "</script>";
    static final String MESSAGE = "<math><mtext><table><mglyph><style><img src=x onerror=\"" + PAYLOAD + "\">"
            + "</style></mglyph></table></mtext></math> \u202e<a href=\"javascript:" + PAYLOAD + "\">PASSED</a>";

    @TempDir
    static Path dir;

    static Path site;
    static Browser browser;

    @BeforeAll
    static void hostileEvidence() throws Exception {
        browser = Browser.start(1280, 1000);
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        Path evidence;
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            evidence = files.filter(f -> f.getFileName().toString().endsWith("-schema_lint.json")).findFirst()
                    .orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(evidence.toFile());
        ArrayNode findings = root.withArray("findings");
        for (String severity : List.of("PASS", "VERIFIED")) {
            for (String file : FILES) {
                findings.addObject().put("code", CODE).put("severity", severity).put("message", MESSAGE)
                        .put("file", file).put("line", 1).put("column", 1);
            }
        }
        Files.writeString(evidence, json.writeValueAsString(root), StandardCharsets.UTF_8);
        site = dir.resolve("site");
        CliRun run = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-02");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    private static void assertNothingRan(String expectedTitle) {
        assertThat(browser.driver.getTitle()).isEqualTo(expectedTitle);
        assertThat(browser.driver.executeScript("return typeof window.pwned;")).isEqualTo("undefined");
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("math"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("a[href^='javascript'], a[href^='data'], [onerror], "
                + "[onload]"))).isEmpty();
    }

    @Test
    void hostileFindingsAreShownAsTextAndNothingRuns() {
        browser.open(site.resolve("cycles/fe_2025-09-02.html"));
        assertNothingRan("Cycle fe / 2025-09-02");
        String findings = browser.driver.findElement(By.cssSelector("div[aria-label='Gate findings']")).getText();
        assertThat(findings).contains(CODE, "<math><mtext>", "javascript:" + PAYLOAD, "data:text/html,<script>",
                "\\u202E");
        // Every link out of a finding goes to a source page of the site, never to the file name as written.
        for (WebElement link : browser.driver.findElements(By.cssSelector("a.finding-link"))) {
            assertThat(link.getAttribute("href")).contains("/source/").startsWith("file:");
        }
    }

    @Test
    void aSeverityThatReadsAsAPassShowsNoPassingBadge() {
        browser.open(site.resolve("cycles/fe_2025-09-02.html"));
        List<WebElement> badges = browser.driver.findElements(
                By.cssSelector("div[aria-label='Gate findings'] .badge"));
        assertThat(badges).isNotEmpty().noneMatch(b -> b.getAttribute("class").contains("ok"))
                .noneMatch(b -> b.getText().contains("\u2713"));
        assertThat(browser.driver.findElement(By.cssSelector("div[aria-label='Gate findings']")).getText())
                .contains("UNKNOWN SEVERITY PASS", "UNKNOWN SEVERITY VERIFIED");
    }

    @Test
    void theSourcePagesOfHostileFileNamesRunNothing() throws Exception {
        try (Stream<Path> pages = Files.list(site.resolve("source"))) {
            for (Path page : pages.toList()) {
                assertThat(page.getFileName().toString()).matches("[A-Za-z0-9_-]+-[0-9a-f]{64}\\.html");
                browser.open(page);
                assertThat(browser.driver.executeScript("return typeof window.pwned;")).isEqualTo("undefined");
                assertThat(browser.driver.findElements(By.tagName("script"))).isEmpty();
                assertThat(browser.driver.findElements(By.tagName("img"))).isEmpty();
            }
        }
    }
}
