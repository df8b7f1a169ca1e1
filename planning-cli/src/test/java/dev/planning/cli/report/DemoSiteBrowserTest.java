package dev.planning.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The site {@code planning demo} writes, as a person sees it in Chromium. */
@Tag("slow")
@Tag("browser")
class DemoSiteBrowserTest {

    @TempDir
    static Path dir;

    static Path index;
    static Browser browser;

    @BeforeAll
    static void demo() {
        browser = Browser.start(1280, 1000);
        CliRun run = CliRun.of("demo", "--out", dir.resolve("demo").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile("HTML report: (\\S+) \\(open it in a browser\\)").matcher(run.out());
        assertThat(m.find()).as("the demo prints the site's path").isTrue();
        index = Path.of(m.group(1));
        assertThat(index).isEqualTo(dir.resolve("demo/site/index.html").toAbsolutePath()).exists();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    private static WebElement card(String name) {
        return browser.driver.findElement(By.cssSelector("article[aria-label='Cycle " + name + "']"));
    }

    @Test
    void portfolioShowsEachCycleStateOnTheLifecycle() {
        browser.open(index);
        assertThat(browser.driver.getTitle()).isEqualTo("Planning portfolio");
        assertThat(card("fe / 2025-09-02").findElement(By.cssSelector("dd.state")).getText()).isEqualTo("COMPLETED");
        assertThat(card("fe / 2025-09-16").findElement(By.cssSelector("dd.state")).getText()).isEqualTo("VALIDATED");
        WebElement drawn = card("fe / 2025-09-16").findElement(By.cssSelector(".lifecycle svg.wide"));
        assertThat(drawn.isDisplayed()).isTrue();
        assertThat(drawn.getAttribute("aria-label")).isEqualTo("Lifecycle of fe/2025-09-16: Validated");
        assertThat(drawn.getText()).contains("Validated", "\u25B6 now", "\u2713 done", "ahead");
        assertThat(card("fe / 2025-09-16").getText()).contains("by demo", "PM 1 of 1", "\u2713 MET");
        assertThat(browser.driver.findElement(By.id("attention")).findElement(By.xpath("..")).getText())
                .contains("Nothing needs attention");
    }

    @Test
    void cyclePageDrawsKpiChartsWithTheirValuesAcrossCycles() {
        browser.open(index);
        browser.driver.findElement(By.linkText("Cycle fe / 2025-09-16")).click();
        // The click starts a navigation: wait for its page, as Browser.open does, before reading it.
        new WebDriverWait(browser.driver, Duration.ofMinutes(1)).until(ExpectedConditions.and(
                ExpectedConditions.urlToBe(index.resolveSibling("cycles/fe_2025-09-16.html").toUri().toString()),
                ExpectedConditions.jsReturnsValue("return document.readyState === 'complete' || null")));
        assertThat(browser.driver.getCurrentUrl()).endsWith("cycles/fe_2025-09-16.html");
        assertThat(browser.driver.findElement(By.cssSelector("strong.state")).getText()).isEqualTo("VALIDATED");
        WebElement chart = browser.driver.findElement(By.id("kpi-unit_coverage_pct"));
        assertThat(chart.isDisplayed()).isTrue();
        List<String> values = chart.findElements(By.cssSelector("svg text.value")).stream().map(WebElement::getText).toList();
        assertThat(values).containsExactly("80", "90");
        assertThat(chart.findElements(By.cssSelector("svg line.target"))).hasSize(1);
        assertThat(chart.findElement(By.tagName("figcaption")).getText()).contains("90 percent", "MEETS TARGET");
        assertThat(browser.driver.findElement(By.id("manifest")).findElement(By.xpath("..")).getText())
                .contains("VERIFIED", "3 signature(s) counted", "TechLead");
        assertThat(browser.driver.findElements(By.cssSelector("tr[id^='attempt-']")))
                .hasSize(4);
    }

    @Test
    void firstCyclePageShowsWhereItsImprovementActionsWent() {
        browser.open(index.resolveSibling("cycles/fe_2025-09-02.html"));
        String actions = browser.driver.findElement(By.id("actions")).findElement(By.xpath("..")).getText();
        assertThat(actions).contains("carried into cycle 2025-09-16 as task");
    }

    @Test
    void pagesCarryTheStrictPolicyAndNoScript() {
        for (Path page : List.of(index, index.resolveSibling("cycles/fe_2025-09-16.html"))) {
            browser.open(page);
            String csp = browser.driver.findElement(By.cssSelector("meta[http-equiv='Content-Security-Policy']"))
                    .getAttribute("content");
            assertThat(csp).startsWith("default-src 'none';").contains("script-src 'none'").doesNotContain("unsafe");
            assertThat(browser.driver.findElements(By.tagName("script"))).isEmpty();
        }
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolation() {
        for (Path page : List.of(index, index.resolveSibling("cycles/fe_2025-09-02.html"),
                index.resolveSibling("cycles/fe_2025-09-16.html"))) {
            browser.open(page);
            assertThat(browser.seriousViolations()).as(page.toString()).isEmpty();
        }
    }

    @Test
    void keyboardReachesTheSkipLinkFirst() {
        browser.open(index);
        new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        WebElement focused = browser.driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        assertThat(focused.isDisplayed()).isTrue();
    }

    @Test
    void phoneWidthNeedsNoSidewaysScrollAndShowsTheColumnLifecycle() {
        try (Browser phone = Browser.start(390, 844)) {
            phone.open(index.resolveSibling("cycles/fe_2025-09-16.html"));
            Object overflow = phone.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            assertThat(phone.driver.findElement(By.cssSelector(".lifecycle svg.narrow")).isDisplayed()).isTrue();
            assertThat(phone.driver.findElement(By.cssSelector(".lifecycle svg.wide")).isDisplayed()).isFalse();
        }
    }

    @Test
    void printHidesTheNavigationBar() {
        browser.open(index);
        assertThat(browser.driver.findElement(By.cssSelector("header.site")).isDisplayed()).isTrue();
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.driver.findElement(By.cssSelector("header.site")).isDisplayed()).isFalse();
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void siteIsSelfContained() throws Exception {
        try (var walk = Files.walk(index.getParent())) {
            assertThat(walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.endsWith(".html") || n.equals(".planning-report"));
        }
    }
}
