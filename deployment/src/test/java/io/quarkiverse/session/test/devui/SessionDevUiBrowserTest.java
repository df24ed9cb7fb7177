package io.quarkiverse.session.test.devui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Sessions page in a real browser: headless Chromium, from the Debian {@code chromium} package, driven through
 * Debian's {@code chromedriver}; nothing downloads a browser or a driver. It finds the session an earlier request
 * created, opens its details, invalidates it, and sees it gone, saving a screenshot of each step under
 * {@code target/dev-ui-screenshots/} (the docs show the first two).
 * <p>
 * With {@code CI=true} a missing browser fails the test; elsewhere the test is skipped, saying why. The binaries can be
 * named with the environment variables {@code CHROMIUM} and {@code CHROMEDRIVER}.
 */
class SessionDevUiBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "dev-ui-screenshots");
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Finds the first element matching a selector in the document or in any shadow root below it. */
    static final String DEEP_QUERY = """
            const find = (root, selector) => {
                const hit = root.querySelector(selector);
                if (hit) { return hit; }
                for (const element of root.querySelectorAll('*')) {
                    if (element.shadowRoot) {
                        const inner = find(element.shadowRoot, selector);
                        if (inner) { return inner; }
                    }
                }
                return null;
            };
            return find(document, arguments[0]);
            """;

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(CartResource.class));

    @Test
    void findsOpensAndInvalidatesTheSessionOfAnEarlierRequest() throws IOException {
        Path chromium = binary("CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = binary("CHROMEDRIVER", "/usr/bin/chromedriver");
        String id = SessionCookies.issuedId(given().queryParam("user", "alice").get("/cart/add/apple").then()
                .statusCode(200).extract().response());
        String hash = SessionKey.ofSessionId(id).shortHash();
        Files.createDirectories(SCREENSHOTS);

        ChromeDriver browser = start(chromium, chromedriver);
        try {
            browser.get("http://localhost:8080/q/dev-ui/quarkus-session/sessions");

            String details = ".details[data-session='" + hash + "']";
            WebElement detailsButton = waitFor(() -> find(browser, details));
            screenshot(browser, "1-sessions.png");
            String shown = (String) ((JavascriptExecutor) browser).executeScript(
                    "return arguments[0].shadowRoot.textContent;", find(browser, "qwc-session-sessions"));
            assertTrue(shown.contains(hash), shown);
            assertFalse(shown.contains(id), "the page never shows the session ID");
            click(browser, detailsButton);

            WebElement json = waitFor(() -> find(browser, "#detail-json"));
            waitFor(() -> json.getText().contains("alice") ? json : null);
            assertTrue(json.getText().contains("\"apple\""), json.getText());
            assertEquals(hash, find(browser, "#detail-hash").getText());
            screenshot(browser, "2-session-details.png");

            click(browser, find(browser, "#detail-invalidate"));
            waitFor(() -> {
                WebElement summary = find(browser, "#summary");
                return summary != null && summary.getText().contains("0 live sessions") ? summary : null;
            });
            // The count and the rows come in two answers: the row goes once the second has arrived. The grid's items
            // are asked, not its cells, which the grid keeps, hidden, for reuse.
            waitFor(() -> ((JavascriptExecutor) browser).executeScript(
                    "return arguments[0].items.some(row => row.shortHash === arguments[1]) ? null : 'gone';",
                    find(browser, "#sessions"), hash));
            screenshot(browser, "3-invalidated.png");

            // The sessions of one user, through the store's principal index, and "log out everywhere".
            String erins = SessionCookies.issuedId(given().queryParam("login", "erin").get("/cart/add/plum").then()
                    .statusCode(200).extract().response());
            String erinsHash = SessionKey.ofSessionId(erins).shortHash();
            ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'erin';"
                    + "arguments[0].dispatchEvent(new Event('change'));", find(browser, "#principal"));
            waitFor(() -> find(browser, ".details[data-session='" + erinsHash + "']"));
            screenshot(browser, "4-sessions-of-a-user.png");
            click(browser, waitFor(() -> find(browser, "#invalidate-principal")));
            waitFor(() -> browser.switchTo().alert()).accept();
            waitFor(() -> ((JavascriptExecutor) browser).executeScript(
                    "return arguments[0].items.length === 0 ? 'none' : null;", find(browser, "#sessions")));
            given().cookie(SessionCookies.DEFAULT_NAME, erins).get("/cart/add/pear").then().statusCode(200)
                    .body(equalTo("items 1"));
        } catch (RuntimeException | AssertionError e) {
            screenshot(browser, "failure.png");
            throw e;
        } finally {
            browser.quit();
        }
        // The session is gone for its client too: its cart starts empty again.
        given().cookie(SessionCookies.DEFAULT_NAME, id).get("/cart/add/pear").then().statusCode(200)
                .body(equalTo("items 1"));
    }

    /** The binary named by {@code variable}, else the Debian one; missing, it fails the test in CI, else skips it. */
    private static Path binary(String variable, String debianPath) {
        String named = System.getenv(variable);
        Path path = Path.of(named != null && !named.isBlank() ? named : debianPath);
        if (!Files.isExecutable(path)) {
            String why = "the Dev UI browser test needs " + path + " (apt-get install -y chromium chromium-driver, or set "
                    + variable + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; with CI=true it must run");
            }
            Assumptions.abort("Skipped: " + why);
        }
        return path;
    }

    private static ChromeDriver start(Path chromium, Path chromedriver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** What {@code lookup} returns once it returns something, trying again while the page renders. */
    private static <T> T waitFor(Callable<T> lookup) {
        return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(lookup, found -> found != null);
    }

    private static WebElement find(ChromeDriver browser, String selector) {
        return (WebElement) ((JavascriptExecutor) browser).executeScript(DEEP_QUERY, selector);
    }

    /** Clicks through the DOM: the element may sit in a shadow root, or be scrolled out of a grid's view. */
    private static void click(ChromeDriver browser, WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        // Quarkus' own Dev UI shows an error toast in a test application, which has no Maven project for its extension
        // manager: it covers the page in the pictures the docs show, and says nothing about this extension.
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelectorAll('vaadin-notification-card').forEach(card => card.style.display = 'none');");
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
