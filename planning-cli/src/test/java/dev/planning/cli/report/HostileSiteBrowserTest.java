package dev.planning.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.cli.CliRun;
import dev.planning.engine.Planning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * A plan whose titles, decision log and actor hold script, markup, {@code javascript:} links and
 * SVG payloads, after a refused transition: the report shows them as text, nothing runs, and a
 * finding's link lands on its highlighted line.
 */
@Tag("slow")
@Tag("browser")
class HostileSiteBrowserTest {

    static final String PAYLOAD = "document.title='pwned';window.pwned=1";
    static final List<String> TITLES = List.of(
            "<script>" + PAYLOAD + "</script>",
            "\"><img src=x onerror=\"" + PAYLOAD + "\">",
            "javascript:" + PAYLOAD,
            "<svg onload=\"" + PAYLOAD + "\"><a href=\"javascript:" + PAYLOAD + "\">x</a></svg>");
    static final String ACTOR = "</title><script>" + PAYLOAD + "</script>";
    static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";

    @TempDir
    static Path dir;

    static Path site;
    static Browser browser;

    @BeforeAll
    static void refusedHostileCycle() throws Exception {
        browser = Browser.start(1280, 1000);
        Path ws = CliRun.copyOf("fe-critical", dir.resolve("ws"));
        Path plan = ws.resolve(PLAN);
        String text = Files.readString(plan, StandardCharsets.UTF_8)
                .replace("title: Checkout redesign", "title: " + yaml(TITLES.get(0)))
                .replace("title: Guest checkout", "title: " + yaml(TITLES.get(1)))
                .replace("title: Address form with inline validation", "title: " + yaml(TITLES.get(2)))
                .replace("title: Payment step with the PSP iframe", "title: " + yaml(TITLES.get(3)));
        Files.writeString(plan, text, StandardCharsets.UTF_8);
        PlanningWorkspace workspace = Planning.builder().workspace(ws).triggeredBy(ACTOR)
                .clock(Clock.fixed(Instant.parse("2025-09-02T08:00:00Z"), ZoneOffset.UTC)).build();
        assertThat(workspace.advance(new CycleRef("fe", "2025-09-02"), CycleState.READY_FOR_HANDOFF).accepted()).isFalse();
        site = dir.resolve("site");
        CliRun run = CliRun.of("report", "-w", ws.toString(), "--html", site.toString(), "--as-of", "2025-09-20");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + site.resolve("index.html"), "1 item(s) needing attention");
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String yaml(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void assertNothingRan(String expectedTitle) {
        assertThat(browser.driver.getTitle()).isEqualTo(expectedTitle);
        assertThat(browser.driver.executeScript("return typeof window.pwned;")).isEqualTo("undefined");
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.driver.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("a[href^='javascript'], [onerror], [onload]"))).isEmpty();
    }

    @Test
    void hostileTitlesAreShownAsTextAndNothingExecutes() {
        browser.open(site.resolve("cycles/fe_2025-09-02.html"));
        assertNothingRan("Cycle fe / 2025-09-02");
        String plan = browser.driver.findElement(By.id("plan")).findElement(By.xpath("..")).getText();
        assertThat(plan).contains(TITLES);
        assertThat(browser.driver.findElement(By.cssSelector("tr[id='attempt-1']")).getText()).contains(ACTOR);
        List<WebElement> svgs = browser.driver.findElements(By.tagName("svg"));
        assertThat(svgs).allMatch(svg -> svg.findElements(By.tagName("a")).isEmpty());
    }

    @Test
    void portfolioListsTheRefusalAndShowsTheActorAsText() {
        browser.open(site.resolve("index.html"));
        assertNothingRan("Planning portfolio");
        String attention = browser.driver.findElement(By.cssSelector("ul.attention")).getText();
        assertThat(attention).contains("Refused:", "PLANNED \u2192 READY_FOR_HANDOFF was refused by governance");
        assertThat(browser.driver.findElement(By.cssSelector("article.card")).getText()).contains("by " + ACTOR);
        assertThat(browser.driver.findElement(By.cssSelector("svg.wide")).getText()).contains("\u2717 refused");
    }

    @Test
    void findingLinkLandsOnItsHighlightedLine() {
        browser.open(site.resolve("cycles/fe_2025-09-02.html"));
        WebElement link = browser.driver.findElement(By.cssSelector("a.finding-link"));
        assertThat(link.getText()).isEqualTo(PLAN + ":48:9");
        link.click();
        assertThat(browser.driver.getCurrentUrl()).contains("/source/").endsWith("#L48");
        WebElement target = (WebElement) browser.driver.executeScript("return document.querySelector(':target');");
        assertThat(target.getAttribute("id")).isEqualTo("L48");
        assertThat(target.getAttribute("class")).isEqualTo("hit");
        assertThat(target.getText()).contains("finding (error, governance)", "FE-12 violates critical-approvals");
        assertThat(target.getCssValue("background-color")).isEqualTo("rgba(219, 234, 254, 1)");
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) browser.driver.executeScript(
                "const r = arguments[0].getBoundingClientRect(); return [r.top, innerHeight, scrollY];", target);
        assertThat(box.get(0).doubleValue()).as("the line's top is on screen: %s", box)
                .isBetween(0.0, box.get(1).doubleValue() - 20);
        assertThat(box.get(2).doubleValue()).as("the page scrolled to the line").isPositive();
        assertNothingRan("Source " + PLAN);
        assertThat(browser.driver.findElement(By.tagName("main")).getText())
                .contains("title: '<script>document.title=''pwned''", "title: '<svg onload=\"document.title=''pwned''");
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheSourceAndCyclePages() throws Exception {
        Path source;
        try (var list = Files.list(site.resolve("source"))) {
            source = list.findFirst().orElseThrow();
        }
        for (Path page : List.of(site.resolve("cycles/fe_2025-09-02.html"), source)) {
            browser.open(page);
            assertThat(browser.seriousViolations()).as(page.toString()).isEmpty();
        }
    }
}
