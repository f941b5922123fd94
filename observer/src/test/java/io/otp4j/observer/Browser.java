package io.otp4j.observer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's chromium, headless, driven through the system's chromedriver: nothing is downloaded.
 * Giving Selenium both the driver's path and the browser's binary keeps Selenium Manager (which would
 * otherwise look for, and fetch, a matching driver and browser) out of the way.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("otp4j.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("otp4j.chromedriver", "/usr/bin/chromedriver");

    /** How long the page may show no progress at all before a wait fails. */
    static final Duration STALL = Duration.ofSeconds(10);

    /** Only a backstop for a page that refreshes forever without ever showing the expected state. */
    static final Duration BACKSTOP = Duration.ofMinutes(1);

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        assertThat(new File(CHROMIUM)).as("the browser tests need chromium at %s; on Debian: "
                + "apt-get install -y chromium chromium-driver (.ci/run does this)", CHROMIUM).isFile().matches(File::canExecute, "is executable");
        assertThat(new File(CHROMEDRIVER)).as("the browser tests need chromedriver at %s; on Debian: "
                + "apt-get install -y chromium chromium-driver (.ci/run does this)", CHROMEDRIVER).isFile().matches(File::canExecute, "is executable");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1440,1000", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** @return how many times the page has redrawn its tree (it does after each sample and action) */
    long refreshes() {
        Object v = js("return document.getElementById('tree-body').getAttribute('data-refreshes');");
        return v == null ? 0 : Long.parseLong(v.toString());
    }

    /**
     * Waits until {@code condition} holds. Fails only when the page stops making progress (its tree has not
     * been redrawn for {@link #STALL}), not after a fixed total time: a slow machine is not a failure, a
     * page that no longer updates is.
     */
    <T> T awaitProgressively(String what, Supplier<T> condition) {
        long giveUp = System.nanoTime() + BACKSTOP.toNanos();
        while (true) {
            assertThat(System.nanoTime() - giveUp).as("the page kept refreshing for %s without %s", BACKSTOP, what)
                    .isNegative();
            long before = refreshes();
            WebDriverWait wait = new WebDriverWait(driver, STALL, Duration.ofMillis(20));
            wait.withMessage(() -> "no progress for " + STALL + " while waiting for " + what);
            Object[] result = new Object[1];
            wait.until(d -> {
                T value = condition.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    result[0] = value;
                    return true;
                }
                return refreshes() > before + 1; // the page moved on: keep waiting
            });
            if (result[0] != null) {
                @SuppressWarnings("unchecked")
                T value = (T) result[0];
                return value;
            }
        }
    }

    /** @return an actor's row; found by comparing the attribute in script, as a path may hold quotes */
    WebElement row(String path) {
        Object row = js("return [...document.querySelectorAll('tr.actor-row')]"
                + ".find(tr => tr.getAttribute('data-path') === arguments[0]) || null;", path);
        assertThat(row).as("a row for %s", path).isInstanceOf(WebElement.class);
        return (WebElement) row;
    }

    /** @return the text of one cell of an actor's row, or null if the row is not shown */
    String cell(String path, String column) {
        Object v = js("const r = [...document.querySelectorAll('tr.actor-row')]"
                + ".find(tr => tr.getAttribute('data-path') === arguments[0]);"
                + "return r ? r.querySelector('.c-' + arguments[1]).textContent : null;", path, column);
        return v == null ? null : v.toString();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
