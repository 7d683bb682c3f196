package dev.streamcart.serving.web.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Swagger UI in a real browser (Debian's headless Chromium through chromedriver): the page renders
 * every operation under its Content-Security-Policy without a single violation, and a token given
 * to its "Authorize" dialog is used by the page but never lands in the browser's storage, so a
 * reload forgets it.
 */
class SwaggerUiBrowserTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();


    private static ChromeDriver browser;

    @BeforeAll
    static void browser() {
        browser = HeadlessChromium.start(2000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDocsRenderUnderTheirPolicyAndForgetTheTokenOnReload() {
        String token = SERVER.admin().bearerToken();
        browser.get(SERVER.client().baseUrl() + "/docs");
        await().atMost(Duration.ofSeconds(30)).until(() -> operations() > 10);

        // the real dialog: Authorize, paste the token, submit (a form that must not navigate anywhere)
        browser.findElement(By.cssSelector(".auth-wrapper .btn.authorize")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector(".auth-container input")).isEmpty());
        browser.findElement(By.cssSelector(".auth-container input")).sendKeys(token);
        browser.findElement(By.cssSelector("button.modal-btn.authorize")).click();

        await().atMost(Duration.ofSeconds(10)).until(() -> authorized().contains(token));
        assertThat(text("return JSON.stringify(Object.assign({}, window.localStorage));")).as("localStorage")
                .doesNotContain(token);
        assertThat(text("return JSON.stringify(Object.assign({}, window.sessionStorage));")).as("sessionStorage")
                .doesNotContain(token);
        assertThat(text("return document.cookie;")).as("cookies").doesNotContain(token);

        browser.navigate().refresh();
        await().atMost(Duration.ofSeconds(30)).until(() -> operations() > 10);
        assertThat(authorized()).as("after a reload").doesNotContain(token);

        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Refused to"))
                .toList();
        assertThat(violations).as("CSP violations in the console").isEmpty();
    }

    private static long operations() {
        return ((Number) js("return document.querySelectorAll('.opblock').length;")).longValue();
    }

    private static String authorized() {
        return text("return window.ui ? JSON.stringify(window.ui.authSelectors.authorized().toJS()) : '';");
    }

    private static String text(String script) {
        return String.valueOf(js(script));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
