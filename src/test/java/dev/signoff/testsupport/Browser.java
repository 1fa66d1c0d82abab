package dev.signoff.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver. Both paths are given to Selenium, so Selenium
 * Manager never looks for (or downloads) a browser or a driver. Each instance has a fresh profile directory.
 *
 * <p>Secrets registered with {@link #forbid(String)} are checked after every step: no URL, page source, cookie
 * or local storage entry the browser holds may contain one.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    // Generous for a loaded two-core CI machine; a wait ends as soon as its condition holds.
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final URI base;
    private final Path profile;
    private final ChromeDriver driver;
    private final List<String> secrets = new ArrayList<>();
    private int checkedPages;

    private Browser(URI base, Path profile, ChromeDriver driver) {
        this.base = base;
        this.profile = profile;
        this.driver = driver;
    }

    public static Browser open(URL appRoot) {
        for (String file : List.of(CHROMIUM, CHROMEDRIVER)) {
            assertThat(new File(file).canExecute())
                    .as("%s is missing: apt-get install -y chromium chromium-driver (.ci/run does this)", file)
                    .isTrue();
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        try {
            Path profile = Files.createTempDirectory("signoff-chromium-");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM)
                    .addArguments(
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--disable-dev-shm-usage",
                            "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 1000));
            return new Browser(appRoot.toURI(), profile, driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** From now on, no page, URL or cookie may contain {@code secret}. */
    public void forbid(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("a secret to look for must be a real token, not a short string");
        }
        secrets.add(secret);
        checkSecrets();
    }

    /** Opens {@code path} as if typed into the address bar. */
    public void go(String path) {
        driver.get(base.resolve(path).toString());
        checkSecrets();
    }

    /** The path of the current URL, e.g. {@code /inbox}. */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Waits until the browser is at {@code expected} (after a redirect, an htmx swap or Back). */
    public void awaitPath(String expected) {
        await("the URL path to become " + expected, d -> path().equals(expected));
    }

    /** Waits until the element is there (for htmx swaps and redirects) and returns it. */
    public WebElement awaitElement(By by) {
        return await(
                "an element " + by, d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** Waits for a condition, then checks the page for secrets. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        // htmx replaces elements while a condition looks at them: a stale one is looked up again on the next try.
        T result = new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> what + " (the browser is at " + path() + ")")
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
        checkSecrets();
        return result;
    }

    /** Signs in through the login form; the caller must be on the login page. */
    public void signIn(String user, String password) {
        find(By.id("j_username")).sendKeys(user);
        find(By.id("j_password")).sendKeys(password);
        find(By.cssSelector("form[action='/j_security_check'] button[type=submit]"))
                .click();
        await("to be signed in as " + user, d -> !path().equals("/j_security_check") && !path().equals("/login"));
    }

    /** Forgets every cookie and stored page, as a new browser would. */
    public void forgetEverything() {
        go("/login");
        driver.manage().deleteAllCookies();
        driver.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
    }

    /** A screenshot of the whole page: the window grows to the page's height for the shot. */
    public void screenshot(Path file) {
        Dimension before = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(before.getWidth(), height.intValue() + 120));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** How many times the secrets were checked against a page, so a test can tell the check really ran. */
    public int checkedPages() {
        return checkedPages;
    }

    public void checkSecrets() {
        String url = driver.getCurrentUrl();
        String source = driver.getPageSource();
        String cookies = driver.manage().getCookies().toString();
        Object storage =
                driver.executeScript("try { return JSON.stringify(window.localStorage); } catch (e) { return ''; }");
        // On failure, say where, never what: a report or log must not carry the secret either.
        for (String secret : secrets) {
            check(url.contains(secret), "the current URL");
            check(source.contains(secret), "the page source of " + url);
            check(cookies.contains(secret), "a cookie");
            check(String.valueOf(storage).contains(secret), "local storage");
        }
        checkedPages++;
    }

    private static void check(boolean leaked, String where) {
        if (leaked) {
            throw new AssertionError("A forbidden secret (a task token) appears in " + where);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
