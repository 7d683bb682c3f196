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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Pattern;

import dev.streamcart.serving.analytics.ClickHouseFixture;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.HeadlessChromium;
import dev.streamcart.serving.testing.Storefront;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through chromedriver. It
 * signs in, loads the page over KPI rows in ClickHouse, checks that every chart holds data and that
 * the console stayed clean, then writes a newly paid order's minute and watches the page change
 * without a reload (the server pushes it over SSE). Then, in a 1440 x 900 window, that nine-digit
 * revenue fits its tile, long product names keep their start and no request answers 404. The
 * screenshots land in {@code target/screenshots/}.
 */
class DashboardBrowserTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().clickHouse();

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> CHARTS = List.of("chart-orders", "chart-aov", "chart-funnel", "chart-top-revenue",
            "chart-top-units", "chart-regions", "chart-payments", "chart-fulfilment", "chart-lag", "chart-accuracy", "chart-ab");

    private static final List<String> TOP_PRODUCTS = List.of("chart-top-revenue", "chart-top-units");
    // longer than a chart's label column: the label must keep its start and lose its end
    private static final String LONG_NAME = "Aurora Lumo Lite Smartphone 128 GB, Midnight Blue";
    private static final Pattern NINE_DIGIT_DOLLARS = Pattern.compile("\\$\\d{3},\\d{3},\\d{3}\\.\\d{2}");

    /** Each visible tile's part whose text is wider than its box, and the page if it scrolls sideways. */
    private static final String OVERFLOWING_TILES = """
            const tiles = [...document.querySelectorAll(".kpi")].filter((tile) => tile.offsetParent !== null);
            const overflowing = tiles.flatMap((tile) => [...tile.children])
              .filter((part) => part.scrollWidth > part.clientWidth)
              .map((part) => (part.id || part.className) + " '" + part.textContent + "' needs " + part.scrollWidth
                + " px, has " + part.clientWidth);
            const page = document.documentElement;
            if (page.scrollWidth > page.clientWidth) overflowing.push("the page scrolls sideways: " + page.scrollWidth + " px");
            return tiles.length ? overflowing : ["no tile is visible"];
            """;

    /** Each text of a visible chart that reaches past the chart's left or right edge, where the SVG cuts it. */
    private static final String CLIPPED_CHART_TEXTS = """
            return [...document.querySelectorAll(".chart")].filter((chart) => chart.offsetParent !== null).flatMap((chart) => {
              const box = chart.getBoundingClientRect();
              return [...chart.querySelectorAll("svg text")].map((text) => [text, text.getBoundingClientRect()])
                .filter(([text, r]) => r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5))
                .map(([text, r]) => chart.id + " '" + text.textContent + "' spans x " + Math.round(r.left - box.left)
                  + " to " + Math.round(r.right - box.left) + " of 0 to " + Math.round(box.width));
            });
            """;

    /** How far the middle of a chart's row labelled with {@code arguments[1]}'s start lies from the chart's centre. */
    private static final String ROW_OFFSET = """
            const chart = document.getElementById(arguments[0]);
            chart.scrollIntoView({ block: "center" });
            const label = [...chart.querySelectorAll("svg text")]
              .find((text) => text.textContent.length > 4 && arguments[1].startsWith(text.textContent.replace(/…$/, "")));
            const box = chart.getBoundingClientRect();
            const r = label.getBoundingClientRect();
            return Math.round(r.top + r.height / 2 - (box.top + box.height / 2));
            """;

    private static ChromeDriver browser;
    private static ClickHouseFixture clickHouse;
    private static long nowMinute;

    @BeforeAll
    static void kpiRowsAndABrowser() {
        HeadlessChromium.assertInstalled();
        clickHouse = new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
        Storefront shop = SERVER.storefront();
        long seller = shop.seller();
        long category = shop.category();
        long[] products = {shop.product(seller, category, "49.90"), shop.product(seller, category, "12.50"),
                shop.product(seller, category, "199.00")};
        SERVER.execute("UPDATE products SET name = 'Trail running shoes' WHERE id = " + products[0]);
        SERVER.execute("UPDATE products SET name = 'Merino socks (3 pairs)' WHERE id = " + products[1]);
        SERVER.execute("UPDATE products SET name = 'Carbon trekking poles' WHERE id = " + products[2]);
        long bestSeller = shop.product(seller, category, "109.19");
        SERVER.execute("UPDATE products SET name = '" + LONG_NAME + "' WHERE id = " + bestSeller);
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
        // one minute of a big sale: nine-digit dollar totals and seven-digit counts, the sizes the tiles must hold
        long bigMinute = nowMinute - 45 * 60L;
        totals.append(", (").append(bigMinute).append(", 'USD', 1234567, 13480000000, 1200, 234567890, 1)");
        sales.append(", (").append(bigMinute).append(", ").append(bestSeller).append(", ").append(seller).append(", ")
                .append(category).append(", 'eu-west', 'USD', 1234567, 2469134, 13480000000, 0, 0, 1)");
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
        signIn(browser);
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(browser) >= 1);
        for (String chart : CHARTS) {
            await(chart).atMost(Duration.ofSeconds(10)).until(() -> points(browser, chart) > 0);
        }
        assertThat(browser.findElement(By.id("k-gross")).getText()).startsWith("$");
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("Low stock").contains("Reorder");
        assertThat(browser.findElement(By.id("chart-top-revenue")).getText()).contains("Carbon trekking poles");
        long ordersBefore = Long.parseLong(browser.findElement(By.id("chart-orders")).getAttribute("data-orders"));
        js(browser, "window.__sameDocument = true;");

        // a new paid order in the current minute, as the Flink job would write it
        clickHouse.execute("INSERT INTO streamcart.order_totals_per_minute VALUES (" + nowMinute + ", 'USD', 1, 15990, 0, 0, 7)");

        await().atMost(Duration.ofSeconds(15)).until(() -> Long.parseLong(
                browser.findElement(By.id("chart-orders")).getAttribute("data-orders")) == ordersBefore + 1);
        assertThat(js(browser, "return window.__sameDocument === true;")).as("no reload happened").isEqualTo(true);
        assertThat(js(browser, "return window.dashboard.errors.length;")).isEqualTo(0L);

        Files.createDirectories(SCREENSHOTS);
        Path screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(screenshot, SCREENSHOTS.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);

        assertThat(consoleProblems(browser)).as("console errors").isEmpty();
    }

    /**
     * What a business user sees on a laptop-sized window: nine-digit revenue and seven-digit counts
     * whole in every tile, long product names cut at their end (the full name in the tooltip), and
     * no request answered 404 (the favicon the browser asks for unless the page names one).
     */
    @Test
    void atALaptopWindowEveryTileShowsItsWholeValueAndLabelsKeepTheirStart() throws Exception {
        ChromeDriver laptop = HeadlessChromium.start(900);
        try {
            signIn(laptop);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> NINE_DIGIT_DOLLARS.matcher(laptop.findElement(By.id("k-gross")).getText()).matches());
            for (String chart : TOP_PRODUCTS) {
                await(chart).atMost(Duration.ofSeconds(10)).until(() -> points(laptop, chart) > 0);
            }
            Files.createDirectories(SCREENSHOTS);
            Files.copy(laptop.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("dashboard-1440x900.png"),
                    StandardCopyOption.REPLACE_EXISTING);

            // every defect at once: each is what a user sees, independent of the others
            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat((List<?>) js(laptop, OVERFLOWING_TILES)).as("tile texts wider than their tile").isEmpty();
                soft.assertThat((List<?>) js(laptop, CLIPPED_CHART_TEXTS)).as("chart texts cut by the chart's edge").isEmpty();
                for (String chart : TOP_PRODUCTS) {
                    // read in one go: every push redraws the chart, replacing its texts
                    List<?> labels = (List<?>) js(laptop, "return [...document.querySelectorAll('#' + arguments[0]"
                            + " + ' svg text')].map((text) => text.textContent);", chart);
                    soft.assertThat(labels).as(chart + " labels: the long name cut at its end").anySatisfy(label -> {
                        assertThat((String) label).endsWith("…");
                        assertThat(LONG_NAME).startsWith(((String) label).substring(0, ((String) label).length() - 1));
                    });
                }
                soft.assertThat(consoleProblems(laptop)).as("console errors, 404s included").isEmpty();
            });
            for (String chart : TOP_PRODUCTS) {
                WebElement element = laptop.findElement(By.id(chart));
                int row = ((Number) js(laptop, ROW_OFFSET, chart, LONG_NAME)).intValue();
                AtomicInteger moves = new AtomicInteger();
                // hovers again on every poll, a pixel apart: a push that lands as the pointer arrives redraws the chart
                await(chart + " tooltip with the full name").atMost(Duration.ofSeconds(10)).until(() -> {
                    new Actions(laptop).moveToElement(element, 0, row + moves.getAndIncrement() % 2).perform();
                    return element.getText().contains(LONG_NAME);
                });
            }
        } finally {
            laptop.quit();
        }
    }

    private static void signIn(ChromeDriver driver) {
        driver.get(SERVER.client().baseUrl() + "/dashboard");
        driver.findElement(By.id("signin-email")).sendKeys(ApiServerExtension.ADMIN_EMAIL);
        driver.findElement(By.id("signin-password")).sendKeys(ApiServerExtension.ADMIN_PASSWORD);
        driver.findElement(By.id("signin-submit")).click();
    }

    /** Warnings and errors in the console, failed requests (404 among them) included. */
    private static List<String> consoleProblems(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static long snapshots(ChromeDriver driver) {
        return ((Number) js(driver, "return window.dashboard ? window.dashboard.snapshots : 0;")).longValue();
    }

    private static long points(ChromeDriver driver, String chart) {
        String value = driver.findElement(By.id(chart)).getAttribute("data-points");
        return value == null ? 0 : Long.parseLong(value);
    }

    private static Object js(ChromeDriver driver, String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }
}
