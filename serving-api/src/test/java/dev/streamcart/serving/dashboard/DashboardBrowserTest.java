package dev.streamcart.serving.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;

import dev.streamcart.serving.analytics.ClickHouseFixture;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.HeadlessChromium;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through chromedriver. It
 * signs in, loads the page over KPI rows in ClickHouse, checks that every chart holds data and that
 * the console stayed clean, then writes a newly paid order's minute and watches the page change
 * without a reload (the server pushes it over SSE). The screenshot lands in
 * {@code target/screenshots/dashboard.png}.
 */
class DashboardBrowserTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().clickHouse();

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> CHARTS = List.of("chart-orders", "chart-aov", "chart-funnel", "chart-top-revenue",
            "chart-top-units", "chart-regions", "chart-payments", "chart-fulfilment", "chart-lag", "chart-accuracy", "chart-ab");

    private static ChromeDriver browser;
    private static ClickHouseFixture clickHouse;
    private static long nowMinute;

    @BeforeAll
    static void kpiRowsAndABrowser() {
        HeadlessChromium.assertInstalled();
        clickHouse = new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
        Storefront shop = new Storefront(SERVER.client());
        long seller = shop.seller();
        long category = shop.category();
        long[] products = {shop.product(seller, category, "49.90"), shop.product(seller, category, "12.50"),
                shop.product(seller, category, "199.00")};
        SERVER.execute("UPDATE products SET name = 'Trail running shoes' WHERE id = " + products[0]);
        SERVER.execute("UPDATE products SET name = 'Merino socks (3 pairs)' WHERE id = " + products[1]);
        SERVER.execute("UPDATE products SET name = 'Carbon trekking poles' WHERE id = " + products[2]);
        nowMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        StringBuilder totals = new StringBuilder();
        StringBuilder sales = new StringBuilder();
        StringBuilder funnel = new StringBuilder();
        StringBuilder payments = new StringBuilder();
        StringBuilder lag = new StringBuilder();
        StringBuilder users = new StringBuilder();
        for (int i = 40; i >= 1; i--) {
            long minute = nowMinute - i * 60L;
            int orders = 3 + (i * 7) % 5;
            long gross = orders * (4_200 + (i * 613) % 3_000);
            totals.append(totals.isEmpty() ? "" : ",").append("(").append(minute).append(", 'USD', ").append(orders)
                    .append(", ").append(gross).append(", ").append(i % 9 == 0 ? 1 : 0).append(", ")
                    .append(i % 9 == 0 ? 2_500 : 0).append(", 1)");
            for (int p = 0; p < products.length; p++) {
                int units = 1 + (i + p * 3) % 4;
                long price = new long[] {4_990, 1_250, 19_900}[p];
                sales.append(sales.isEmpty() ? "" : ",").append("(").append(minute).append(", ").append(products[p])
                        .append(", ").append(seller).append(", ").append(category).append(", 'eu-west', 'USD', 1, ")
                        .append(units).append(", ").append(units * price).append(", 0, 0, 1)");
            }
            funnel.append(funnel.isEmpty() ? "" : ",").append("(").append(minute).append(", ").append(category)
                    .append(", 'PRODUCT_VIEW', ").append(120 + i).append(", 1), (").append(minute).append(", ").append(category)
                    .append(", 'CART_ADD', ").append(30 + i % 7).append(", 1), (").append(minute)
                    .append(", 0, 'CHECKOUT_START', ").append(12 + i % 3).append(", 1), (").append(minute).append(", ")
                    .append(category).append(", 'PAID', ").append(orders).append(", 1)");
            payments.append(payments.isEmpty() ? "" : ",").append("(").append(minute).append(", 'card', 'SUCCEEDED', '', 'USD', ")
                    .append(orders).append(", ").append(gross).append(", 1), (").append(minute)
                    .append(", 'card', 'FAILED', '").append(i % 2 == 0 ? "insufficient funds" : "card expired")
                    .append("', 'USD', 1, 3000, 1), (").append(minute).append(", 'iban', 'SUCCEEDED', '', 'USD', 1, 2000, 1)");
            lag.append(lag.isEmpty() ? "" : ",").append("(").append(minute).append(", 'cdc', 50, 9, ").append(20 + i % 6)
                    .append(", 40, 1), (").append(minute).append(", 'analytics', 50, 180, ").append(600 + (i * 37) % 400)
                    .append(", 1300, 1)");
            users.append(users.isEmpty() ? "" : ",").append("(").append(minute).append(", 'ACTIVE', ").append(i % 25 + 1)
                    .append(", 1), (").append(minute).append(", 'BUYER', ").append(i % 12 + 1).append(", 1)");
        }
        clickHouse.execute("INSERT INTO streamcart.order_totals_per_minute VALUES " + totals);
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_minute VALUES " + sales);
        clickHouse.execute("INSERT INTO streamcart.funnel_per_minute VALUES " + funnel);
        clickHouse.execute("INSERT INTO streamcart.payments_per_minute VALUES " + payments);
        clickHouse.execute("INSERT INTO streamcart.pipeline_lag_per_minute VALUES " + lag);
        clickHouse.execute("INSERT INTO streamcart.user_activity VALUES " + users);
        StringBuilder fulfilment = new StringBuilder();
        for (int order = 1; order <= 30; order++) {
            long paid = nowMinute - 50 * 60L + order * 60L;
            long shipped = paid + 600 + order * 97L;
            long delivered = order % 3 == 0 ? shipped + 1_800 + order * 41L : 0;
            fulfilment.append(fulfilment.isEmpty() ? "" : ",").append("(").append(order).append(", ").append(paid)
                    .append(", ").append(shipped).append(", ").append(delivered).append(", 3)");
        }
        clickHouse.execute("INSERT INTO streamcart.order_fulfilment VALUES " + fulfilment);
        clickHouse.execute("INSERT INTO streamcart.inventory_accuracy VALUES (" + (nowMinute - 1_800) + ", 120, 2, 1), ("
                + (nowMinute - 1_200) + ", 120, 1, 1), (" + (nowMinute - 600) + ", 121, 0, 1)");
        clickHouse.execute("INSERT INTO streamcart.recommendation_variants_per_minute VALUES (" + (nowMinute - 600)
                + ", 'als', 'USD', 900, 81, 30, 14, 17, 84000, 1), (" + (nowMinute - 600)
                + ", 'popular', 'USD', 880, 52, 17, 8, 9, 41000, 1)");
        SERVER.execute("INSERT INTO stock_alerts (product_id, seller_id, alert_type, available, on_hand, low_stock_threshold,"
                + " reorder_point, suggested_quantity, units_per_day, source_lsn, raised_at) VALUES (" + products[0] + ", "
                + seller + ", 'LOW_STOCK', 4, 6, 10, 5, NULL, 3.5, 1, now()), (" + products[2] + ", " + seller
                + ", 'REORDER', 2, 2, 10, 5, 40, 5.0, 2, now())");

        browser = HeadlessChromium.start(2600);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void chartsHoldLiveDataAndChangeWhenAnOrderIsPaidWithoutAReload() throws Exception {
        browser.get(SERVER.client().baseUrl() + "/dashboard");
        browser.findElement(By.id("signin-email")).sendKeys(ApiServerExtension.ADMIN_EMAIL);
        browser.findElement(By.id("signin-password")).sendKeys(ApiServerExtension.ADMIN_PASSWORD);
        browser.findElement(By.id("signin-submit")).click();

        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots() >= 1);
        for (String chart : CHARTS) {
            await(chart).atMost(Duration.ofSeconds(10)).until(() -> points(chart) > 0);
        }
        assertThat(browser.findElement(By.id("k-gross")).getText()).startsWith("$");
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("Low stock").contains("Reorder");
        assertThat(browser.findElement(By.id("chart-top-revenue")).getText()).contains("Carbon trekking poles");
        long ordersBefore = Long.parseLong(browser.findElement(By.id("chart-orders")).getAttribute("data-orders"));
        js("window.__sameDocument = true;");

        // a new paid order in the current minute, as the Flink job would write it
        clickHouse.execute("INSERT INTO streamcart.order_totals_per_minute VALUES (" + nowMinute + ", 'USD', 1, 15990, 0, 0, 7)");

        await().atMost(Duration.ofSeconds(15)).until(() -> Long.parseLong(
                browser.findElement(By.id("chart-orders")).getAttribute("data-orders")) == ordersBefore + 1);
        assertThat(js("return window.__sameDocument === true;")).as("no reload happened").isEqualTo(true);
        assertThat(js("return window.dashboard.errors.length;")).isEqualTo(0L);

        Files.createDirectories(SCREENSHOTS);
        Path screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(screenshot, SCREENSHOTS.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);

        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("favicon.ico")) // the browser asks; the API has none
                .toList();
        assertThat(problems).as("console errors").isEmpty();
    }

    private static long snapshots() {
        return ((Number) js("return window.dashboard ? window.dashboard.snapshots : 0;")).longValue();
    }

    private static long points(String chart) {
        String value = browser.findElement(By.id(chart)).getAttribute("data-points");
        return value == null ? 0 : Long.parseLong(value);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
