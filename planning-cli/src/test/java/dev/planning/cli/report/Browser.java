package dev.planning.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Selenium with Debian's chromedriver and nothing downloaded
 * (Selenium Manager is not asked: the driver and the browser are given by path). When they are
 * missing, a test aborts with a message locally and fails under CI ({@code CI=true}), so a CI run
 * never passes without the browser tests having run; {@code .ci/run} installs them.
 */
final class Browser implements AutoCloseable {

    /** Debian's paths; the system properties {@code planning.chromium} and {@code planning.chromedriver} override them. */
    static final Path CHROMIUM = Path.of(System.getProperty("planning.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("planning.chromedriver", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final Path scratch;

    private Browser(ChromeDriver driver, Path scratch) {
        this.driver = driver;
        this.scratch = scratch;
    }

    /** Starts the browser at the given window size, or aborts/fails the test when it is not installed. */
    static Browser start(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: not skipped)");
            }
            System.err.println("[browser tests SKIPPED] " + message + "; skipped outside CI");
            Assumptions.abort(message + "; skipped outside CI");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--hide-scrollbars", "--allow-file-access-from-files");
        // Hang guards, not measurements: on a loaded machine the driver's start (20 s by default)
        // and a script's run (30 s by default) can take longer.
        // Chromium leaves an org.chromium.Chromium.* directory in TMPDIR when it quits, and its
        // settings store (dconf) a file in ~/.cache: the driver and the browser it starts get a
        // temporary directory of the test's own as both, deleted on close.
        Path scratch;
        try {
            scratch = Files.createTempDirectory(shortTemporaryDirectory(), "browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", scratch.toString(), "HOME", scratch.toString(),
                        "XDG_CACHE_HOME", scratch.resolve("cache").toString(),
                        "XDG_CONFIG_HOME", scratch.resolve("config").toString()))
                .withTimeout(Duration.ofMinutes(3)).build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteTree(scratch);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3));
        driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
        return new Browser(driver, scratch);
    }

    /**
     * The test JVM's temporary directory when its path is short, else {@code /tmp}: Chromium puts a
     * Unix socket at {@code TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket}, TMPDIR being
     * {@code DIR/browser<number>} here, 72 bytes below DIR; a socket's path holds at most 107 bytes,
     * which the build's per-module test directory ({@code /tmp/planning-tests-<time>-planning-cli}) exceeds
     * (the browser exits at start).
     */
    private static Path shortTemporaryDirectory() {
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        return tmpdir.toString().length() <= 32 ? tmpdir : Path.of("/tmp");
    }

    /**
     * Opens a page of the site and waits, explicitly, until the browser shows that document loaded: its
     * URL is the one asked for and its {@code readyState} is {@code complete}. {@code get} alone returned
     * with the document before it still in place once (DemoSiteBrowserTest found no {@code #actions} on a
     * page that always has one, report20); a page that never loads fails here naming the URL and what is
     * shown instead. The wait is a hang guard, not a measurement.
     */
    void open(Path file) {
        String url = file.toUri().toString();
        driver.get(url);
        try {
            new WebDriverWait(driver, Duration.ofMinutes(1)).until(d -> url.equals(d.getCurrentUrl())
                    && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        } catch (TimeoutException e) {
            throw new AssertionError("the browser did not load " + url + ": it shows " + driver.getCurrentUrl()
                    + " titled \"" + driver.getTitle() + "\"", e);
        }
    }

    /** Runs axe-core (injected by the test only; the site carries no script) and returns serious or critical violations. */
    List<String> seriousViolations() {
        Results results = new AxeBuilder().setTimeout(180).analyze(driver); // seconds; its default is 30
        assertThat(results.getErrorMessage()).as("axe-core ran").isNull();
        return results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(Browser::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3).toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the browser's temporary directory " + root, e);
        }
    }
}
