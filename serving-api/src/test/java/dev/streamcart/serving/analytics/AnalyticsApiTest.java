package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The analytics API against a real ClickHouse holding the contract's V1/V2 tables, with rows
 * written as analytics-flink writes them (replays as higher versions of the same key). Every figure
 * is checked to the cent, including the hourly roll-up of minute rows.
 */
class AnalyticsApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().clickHouse();

    /** A whole past hour, so the minute rows of the test sit in one hour bucket. */
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    private static final long UNKNOWN_PRODUCT = 9_000_000_001L;

    private static Storefront shop;
    private static long sellerA;
    private static long sellerB;
    private static long categoryA;
    private static long categoryB;
    private static long productA;
    private static long productB;
    private static long productC;

    @BeforeAll
    static void writeKpiRows() {
        shop = SERVER.storefront();
        sellerA = shop.seller();
        sellerB = shop.seller();
        categoryA = shop.category();
        categoryB = shop.category();
        productA = shop.product(sellerA, categoryA, "10.00");
        productB = shop.product(sellerA, categoryB, "5.00");
        productC = shop.product(sellerB, categoryA, "90.00");
        // names a report could not make up from an id ("Product <n>" is both the fixture's default and the fallback)
        SERVER.execute("UPDATE products SET name = 'Cast Iron Skillet' WHERE id = " + productA);
        SERVER.execute("UPDATE products SET name = 'Espresso Grinder' WHERE id = " + productC);
        SERVER.execute("INSERT INTO stock_alerts (product_id, seller_id, alert_type, available, on_hand, low_stock_threshold,"
                + " reorder_point, suggested_quantity, units_per_day, source_lsn, raised_at) VALUES (" + productA + ", "
                + sellerA + ", 'LOW_STOCK', 4, 6, 10, 5, NULL, 3.5, 901, now() - interval '1 minute'), (" + productC + ", "
                + sellerB + ", 'REORDER', 2, 2, 10, 5, 40, 5.0, 902, now())");
        ClickHouseFixture clickHouse = new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl()).applySchema();
        long m0 = BASE.getEpochSecond();
        long m1 = m0 + 60;
        long m2 = m0 + 120;
        clickHouse.execute("INSERT INTO streamcart.order_totals_per_minute VALUES"
                + "(" + m0 + ", 'USD', 2, 5000, 0, 0, 1), (" + m2 + ", 'USD', 1, 999, 0, 0, 1),"
                + "(" + m2 + ", 'EUR', 5, 50000, 0, 0, 1)");
        // the replay of minute 0 replaces version 1
        clickHouse.execute("INSERT INTO streamcart.order_totals_per_minute VALUES (" + m0 + ", 'USD', 3, 7000, 1, 1000, 2)");
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_minute VALUES"
                + "(" + m0 + ", " + productA + ", " + sellerA + ", " + categoryA + ", 'eu-west', 'USD', 2, 3, 3000, 0, 0, 1),"
                + "(" + m1 + ", " + productB + ", " + sellerA + ", " + categoryB + ", 'us-east', 'USD', 1, 5, 2500, 1, 500, 1),"
                + "(" + m1 + ", " + productC + ", " + sellerB + ", " + categoryA + ", '', 'USD', 1, 1, 9000, 0, 0, 1),"
                // a product PostgreSQL never knew (sold in a currency no other test reads)
                + "(" + m1 + ", " + UNKNOWN_PRODUCT + ", " + sellerB + ", " + categoryA + ", '', 'GBP', 1, 1, 100, 0, 0, 1)");
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_minute VALUES"
                + "(" + m0 + ", " + productA + ", " + sellerA + ", " + categoryA + ", 'eu-west', 'USD', 2, 4, 4000, 0, 0, 2)");
        clickHouse.execute("INSERT INTO streamcart.user_activity VALUES (" + m0 + ", 'ACTIVE', 1, 1), (" + m0
                + ", 'ACTIVE', 2, 1), (" + m1 + ", 'ACTIVE', 1, 1), (" + m1 + ", 'BUYER', 1, 1)");
        clickHouse.execute("INSERT INTO streamcart.funnel_per_minute VALUES (" + m0 + ", " + categoryA
                + ", 'PRODUCT_VIEW', 100, 1), (" + m0 + ", " + categoryB + ", 'PRODUCT_VIEW', 100, 1), (" + m0 + ", "
                + categoryA + ", 'CART_ADD', 50, 1), (" + m1 + ", 0, 'CHECKOUT_START', 20, 1), (" + m1 + ", " + categoryA
                + ", 'PAID', 10, 1)");
        clickHouse.execute("INSERT INTO streamcart.payments_per_minute VALUES"
                + "(" + m0 + ", 'card', 'SUCCEEDED', '', 'USD', 8, 8000, 1),"
                + "(" + m0 + ", 'card', 'FAILED', 'insufficient funds', 'USD', 1, 1000, 1),"
                + "(" + m1 + ", 'card', 'FAILED', 'card expired', 'USD', 1, 500, 1),"
                + "(" + m1 + ", 'paypal', 'SUCCEEDED', '', 'USD', 2, 2000, 1)");
        StringBuilder fulfilment = new StringBuilder("INSERT INTO streamcart.order_fulfilment VALUES ");
        long[] shippedAfter = {60, 120, 180, 240, 600};
        for (int i = 0; i < shippedAfter.length; i++) {
            long delivered = i == 0 ? m0 + shippedAfter[i] + 1200 : 0;
            fulfilment.append(i == 0 ? "" : ",").append("(").append(i + 1).append(", ").append(m0).append(", ")
                    .append(m0 + shippedAfter[i]).append(", ").append(delivered).append(", 3)");
        }
        clickHouse.execute(fulfilment.toString());
        clickHouse.execute("INSERT INTO streamcart.pipeline_lag_per_minute VALUES (" + m0 + ", 'cdc', 100, 12, 30, 45, 1),"
                + "(" + m1 + ", 'cdc', 50, 15, 25, 90, 1), (" + m0 + ", 'analytics', 100, 200, 900, 1200, 1)");
        clickHouse.execute("INSERT INTO streamcart.inventory_accuracy VALUES (" + (m0 + 30) + ", 10, 1, 1), ("
                + (m0 + 90) + ", 10, 0, 1)");
        clickHouse.execute("INSERT INTO streamcart.recommendation_variants_per_minute VALUES"
                + "(" + m0 + ", 'als', 'USD', 100, 10, 4, 2, 3, 5000, 1), (" + m0 + ", 'popular', 'USD', 100, 5, 1, 1, 1, 1000, 1)");
        // two hours earlier, in a currency of its own: a product only the roll-up knows (a roll-up row
        // without minute rows never happens; here it shows which table a report read), and minute rows
        // of the same product in the half hour before, and in the hour before that (out of the range)
        long hourOnly = m0 - 2 * 3_600;
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_minute VALUES"
                + "(" + (hourOnly - 600) + ", " + productC + ", " + sellerB + ", " + categoryA + ", '', 'CHF', 1, 2, 700, 0, 0, 1),"
                + "(" + (hourOnly - 3_600) + ", " + productC + ", " + sellerB + ", " + categoryA + ", '', 'CHF', 1, 9, 900, 0, 0, 1)");
        clickHouse.rollUp(m0 - 3 * 3_600, m0 + 3_600);
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_hour VALUES (" + hourOnly + ", " + productC + ", "
                + sellerB + ", " + categoryA + ", 'CHF', 1, 5, 5000, 0, 0, 1)");
    }

    private static String range(int minutes) {
        return "from=" + BASE + "&to=" + BASE.plus(minutes, ChronoUnit.MINUTES);
    }

    private static JsonNode ok(ApiClient client, String path) {
        ApiClient.Response response = client.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void ordersSeriesIsExactPerMinuteAndRollsUpIntoTheHour() {
        JsonNode report = ok(SERVER.admin(), "/api/analytics/orders?" + range(5));

        assertThat(report.path("granularity").asText()).isEqualTo("minute");
        assertThat(report.path("currency").asText()).isEqualTo("USD");
        JsonNode rows = report.path("rows");
        assertThat(rows).as("one row per minute, zeros included").hasSize(5);
        assertThat(rows.get(0).path("bucket").asText()).isEqualTo(BASE.toString());
        assertThat(rows.get(0).path("orders").asLong()).as("the replay replaced version 1").isEqualTo(3);
        assertThat(rows.get(0).path("grossRevenue").asText()).isEqualTo("70.00");
        assertThat(rows.get(0).path("refunded").asText()).isEqualTo("10.00");
        assertThat(rows.get(0).path("netRevenue").asText()).isEqualTo("60.00");
        assertThat(rows.get(0).path("averageOrderValue").asText()).isEqualTo("23.33");
        assertThat(rows.get(1).path("orders").asLong()).isZero();
        assertThat(rows.get(1).path("grossRevenue").asText()).isEqualTo("0.00");
        assertThat(rows.get(2).path("grossRevenue").asText()).as("EUR is never added to USD").isEqualTo("9.99");
        assertThat(report.path("summary").path("orders").asLong()).isEqualTo(4);
        assertThat(report.path("summary").path("netRevenue").asText()).isEqualTo("69.99");
        assertThat(report.path("summary").path("averageOrderValue").asText()).isEqualTo("20.00");
        assertThat(report.path("summary").path("refundRate").decimalValue()).as("10.00 of 79.99 refunded")
                .isEqualByComparingTo("0.1250");
        assertThat(report.path("summary").path("unitsSold").asLong()).isEqualTo(10);
        assertThat(report.path("summary").path("unitsReturned").asLong()).isEqualTo(1);
        assertThat(report.path("summary").path("returnRate").decimalValue()).isEqualByComparingTo("0.1000");

        JsonNode hourly = ok(SERVER.admin(), "/api/analytics/orders?granularity=hour&" + range(60)).path("rows");
        assertThat(hourly).hasSize(1);
        assertThat(hourly.get(0).path("orders").asLong()).isEqualTo(4);
        assertThat(hourly.get(0).path("grossRevenue").asText()).isEqualTo("79.99");
        JsonNode euros = ok(SERVER.admin(), "/api/analytics/orders?currency=EUR&granularity=day&" + range(60));
        assertThat(euros.path("summary").path("grossRevenue").asText()).isEqualTo("500.00");
    }

    @Test
    void reportsOverWholeHoursReadTheHourlyRollupsAndAgreeWithTheMinuteRows() {
        String hour = "&" + range(60);
        for (String report : List.of("orders?", "orders?categoryId=" + categoryA + "&", "orders?region=eu-west&",
                "orders?sellerId=" + sellerA + "&", "customers?")) {
            JsonNode byHour = ok(SERVER.admin(), "/api/analytics/" + report + "granularity=hour" + hour);
            JsonNode byMinute = ok(SERVER.admin(), "/api/analytics/" + report + "granularity=minute" + hour);
            assertThat(byHour.path("summary")).as(report).isEqualTo(byMinute.path("summary"));
            assertThat(byHour.path("rows")).as(report).hasSize(1);
        }
        for (String report : List.of("top-products?", "top-products?categoryId=" + categoryA + "&", "top-products?region=us-east&",
                "regions?", "regions?sellerId=" + sellerA + "&")) {
            JsonNode byHour = ok(SERVER.admin(), "/api/analytics/" + report + "granularity=hour" + hour);
            JsonNode byMinute = ok(SERVER.admin(), "/api/analytics/" + report + "granularity=minute" + hour);
            assertThat(byHour.path("rows")).as(report).isEqualTo(byMinute.path("rows")).isNotEmpty();
        }
        JsonNode sellerSales = ok(shop.asSeller(sellerA), "/api/sellers/" + sellerA + "/sales?granularity=hour" + hour);
        assertThat(sellerSales.path("summary").path("revenue").asText()).isEqualTo("65.00");
    }

    @Test
    void aRangeReadsItsWholeSettledHoursFromTheRollupAndItsEdgesFromTheMinuteRows() {
        Instant hourOnly = BASE.minus(2, ChronoUnit.HOURS);
        String range = "currency=CHF&from=" + hourOnly.minus(30, ChronoUnit.MINUTES) + "&to=" + hourOnly.plus(1, ChronoUnit.HOURS);

        JsonNode top = ok(SERVER.admin(), "/api/analytics/top-products?" + range).path("rows");
        assertThat(top).hasSize(1);
        assertThat(top.get(0).path("units").asLong()).as("5 from the hour's roll-up, 2 from the minute before it")
                .isEqualTo(7);
        assertThat(top.get(0).path("revenue").asText()).isEqualTo("57.00");
        ApiClient seller = shop.asSeller(sellerB);
        JsonNode byHour = ok(seller, "/api/sellers/" + sellerB + "/sales?granularity=hour&" + range).path("summary");
        assertThat(byHour.path("units").asLong()).isEqualTo(7);
        JsonNode byMinute = ok(seller, "/api/sellers/" + sellerB + "/sales?granularity=minute&" + range).path("summary");
        assertThat(byMinute.path("units").asLong()).as("minute buckets read minute rows only").isEqualTo(2);
    }

    @Test
    void aRankingRemembersItsSettledHoursAndReadsItsEdgesEachTime() {
        ClickHouseFixture clickHouse = new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl());
        long hour = BASE.minus(2, ChronoUnit.HOURS).getEpochSecond();
        String product = ", " + productC + ", " + sellerB + ", " + categoryA;
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_minute VALUES (" + (hour - 600) + product
                + ", '', 'SEK', 1, 2, 700, 0, 0, 1)");
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_hour VALUES (" + hour + product
                + ", 'SEK', 1, 5, 5000, 0, 0, 1)");
        String range = "/api/analytics/top-products?currency=SEK&from=" + Instant.ofEpochSecond(hour - 1_800) + "&to="
                + Instant.ofEpochSecond(hour + 3_600);
        assertThat(ok(SERVER.admin(), range).path("rows").get(0).path("units").asLong()).isEqualTo(7);

        clickHouse.execute("INSERT INTO streamcart.product_sales_per_minute VALUES (" + (hour - 300) + product
                + ", '', 'SEK', 1, 1, 100, 0, 0, 1)");
        clickHouse.execute("INSERT INTO streamcart.product_sales_per_hour VALUES (" + hour + product
                + ", 'SEK', 1, 50, 50000, 0, 0, 2)");

        JsonNode top = ok(SERVER.admin(), range).path("rows").get(0);
        assertThat(top.path("units").asLong()).as("the edge read again (+1), the settled hour remembered (5, not 50)")
                .isEqualTo(8);
        assertThat(top.path("revenue").asText()).isEqualTo("58.00");
    }

    @Test
    void distinctCustomersAreTheUnionOfTheRememberedSettledHoursAndTheLiveEdges() {
        ClickHouseFixture clickHouse = new ClickHouseFixture(SERVER.infrastructure().clickHouseUrl());
        long hour = BASE.minus(5, ChronoUnit.HOURS).getEpochSecond();
        // users 501 and 502 in the settled hour; the edges bring 501 again (counted once), 503, 504 and
        // 502 as a buyer
        clickHouse.execute("INSERT INTO streamcart.user_activity VALUES (" + hour + ", 'ACTIVE', 501, 1), ("
                + (hour + 1_800) + ", 'ACTIVE', 502, 1), (" + (hour + 1_800) + ", 'ACTIVE', 501, 1), (" + (hour + 1_800)
                + ", 'BUYER', 501, 1), (" + (hour - 600) + ", 'ACTIVE', 501, 1), (" + (hour - 600) + ", 'ACTIVE', 503, 1), ("
                + (hour + 3_900) + ", 'ACTIVE', 504, 1), (" + (hour + 3_900) + ", 'BUYER', 502, 1)");
        clickHouse.rollUp(hour, hour + 3_600);
        String range = "from=" + Instant.ofEpochSecond(hour - 1_800) + "&to=" + Instant.ofEpochSecond(hour + 4_200);

        JsonNode byHour = ok(SERVER.admin(), "/api/analytics/customers?granularity=hour&" + range);
        assertThat(byHour.path("summary").path("activeUsers").asLong()).as("501, 502, 503, 504").isEqualTo(4);
        assertThat(byHour.path("summary").path("buyers").asLong()).as("501, 502").isEqualTo(2);
        JsonNode rows = byHour.path("rows");
        assertThat(rows).hasSize(3);
        assertThat(List.of(rows.get(0).path("activeUsers").asLong(), rows.get(1).path("activeUsers").asLong(),
                rows.get(2).path("activeUsers").asLong())).containsExactly(2L, 2L, 1L);
        assertThat(List.of(rows.get(0).path("buyers").asLong(), rows.get(1).path("buyers").asLong(),
                rows.get(2).path("buyers").asLong())).containsExactly(0L, 1L, 1L);
        JsonNode byMinute = ok(SERVER.admin(), "/api/analytics/customers?granularity=minute&" + range);
        assertThat(byHour.path("summary")).as("minute rows only").isEqualTo(byMinute.path("summary"));

        // a user appears in the remembered hour (as in a backlog replay) and another on an edge
        clickHouse.execute("INSERT INTO streamcart.user_activity_per_hour VALUES (" + hour + ", 'ACTIVE', 505, 2)");
        clickHouse.execute("INSERT INTO streamcart.user_activity VALUES (" + (hour - 300) + ", 'ACTIVE', 506, 1), ("
                + (hour - 300) + ", 'ACTIVE', 502, 1)");
        JsonNode again = ok(SERVER.admin(), "/api/analytics/customers?granularity=hour&" + range);
        assertThat(again.path("summary").path("activeUsers").asLong())
                .as("506 read from the edge, 502 known from the settled hour, 505 not yet (the hour is remembered)")
                .isEqualTo(5);
        assertThat(again.path("rows").get(0).path("activeUsers").asLong()).as("501, 503, 506, 502").isEqualTo(4);
    }

    @Test
    void salesAreSlicedByTheBuyersRegion() {
        JsonNode regions = ok(SERVER.admin(), "/api/analytics/regions?" + range(5));
        JsonNode rows = regions.path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("region").asText()).as("orders without a region are a row of their own").isEmpty();
        assertThat(rows.get(0).path("revenue").asText()).isEqualTo("90.00");
        assertThat(rows.get(1).path("region").asText()).isEqualTo("eu-west");
        assertThat(rows.get(1).path("units").asLong()).as("the replayed version").isEqualTo(4);
        assertThat(rows.get(1).path("revenue").asText()).isEqualTo("40.00");
        assertThat(rows.get(2).path("region").asText()).isEqualTo("us-east");
        assertThat(rows.get(2).path("netRevenue").asText()).isEqualTo("20.00");
        assertThat(regions.path("summary").path("revenue").asText()).isEqualTo("155.00");

        JsonNode euWest = ok(SERVER.admin(), "/api/analytics/orders?region=eu-west&" + range(5));
        assertThat(euWest.path("region").asText()).isEqualTo("eu-west");
        assertThat(euWest.path("summary").path("grossRevenue").asText()).isEqualTo("40.00");
        assertThat(euWest.path("rows").get(0).path("orders").asLong()).isEqualTo(2);
        JsonNode usEastTop = ok(SERVER.admin(), "/api/analytics/top-products?region=us-east&" + range(5)).path("rows");
        assertThat(usEastTop).hasSize(1);
        assertThat(usEastTop.get(0).path("productId").asLong()).isEqualTo(productB);
        JsonNode sellerBRegions = ok(shop.asSeller(sellerB), "/api/analytics/regions?" + range(5)).path("rows");
        assertThat(sellerBRegions).as("a seller sees only the regions of their own sales").hasSize(1);

        ApiClient.Response injection = SERVER.admin().get("/api/analytics/regions?region=eu%27%20OR%201%3D1&" + range(5));
        assertThat(injection.status()).isEqualTo(400);
        assertThat(injection.json().path("field").asText()).isEqualTo("region");
    }

    @Test
    void aSellerSeesOnlyTheirOwnSliceAndAnotherSellersIdIs403() {
        ApiClient seller = shop.asSeller(sellerA);

        JsonNode own = ok(seller, "/api/analytics/orders?" + range(5));
        assertThat(own.path("sellerId").asLong()).isEqualTo(sellerA);
        assertThat(own.path("rows").get(0).path("grossRevenue").asText()).isEqualTo("40.00");
        assertThat(own.path("rows").get(1).path("refunded").asText()).isEqualTo("5.00");
        assertThat(own.path("summary").path("grossRevenue").asText()).isEqualTo("65.00");
        JsonNode top = ok(seller, "/api/analytics/top-products?" + range(5)).path("rows");
        assertThat(top).extracting(row -> row.path("productId").asLong()).containsExactly(productA, productB);

        assertThat(seller.get("/api/analytics/orders?sellerId=" + sellerB + "&" + range(5)).status()).isEqualTo(403);
        assertThat(seller.get("/api/analytics/funnel?" + range(5)).status()).as("admin only").isEqualTo(403);
        assertThat(seller.get("/api/sellers/" + sellerA + "/sales?" + range(5)).status()).isEqualTo(200);
        assertThat(seller.get("/api/sellers/" + sellerB + "/sales?" + range(5)).status()).isEqualTo(403);
        assertThat(SERVER.client().get("/api/analytics/orders").status()).isEqualTo(401);
        assertThat(shop.as(shop.user()).get("/api/analytics/orders").status()).as("a customer").isEqualTo(403);
    }

    @Test
    void aSellersSalesComeFromProductSalesPerMinute() {
        JsonNode sales = ok(SERVER.admin(), "/api/sellers/" + sellerA + "/sales?" + range(3));

        assertThat(sales.path("rows")).hasSize(3);
        assertThat(sales.path("rows").get(1).path("units").asLong()).isEqualTo(5);
        assertThat(sales.path("summary").path("units").asLong()).isEqualTo(9);
        assertThat(sales.path("summary").path("revenue").asText()).isEqualTo("65.00");
        assertThat(sales.path("summary").path("netRevenue").asText()).isEqualTo("60.00");
    }

    @Test
    void topProductsByRevenueAndByUnitsCarryNamesFromPostgres() {
        JsonNode byRevenue = ok(SERVER.admin(), "/api/analytics/top-products?" + range(5)).path("rows");
        assertThat(byRevenue).extracting(row -> row.path("productId").asLong()).containsExactly(productC, productA, productB);
        assertThat(byRevenue.get(0).path("revenue").asText()).isEqualTo("90.00");
        assertThat(byRevenue.get(0).path("name").asText()).isEqualTo("Espresso Grinder");
        assertThat(byRevenue.get(1).path("name").asText()).isEqualTo("Cast Iron Skillet");
        assertThat(byRevenue.get(2).path("netRevenue").asText()).isEqualTo("20.00");

        JsonNode byUnits = ok(SERVER.admin(), "/api/analytics/top-products?by=units&limit=2&" + range(5)).path("rows");
        assertThat(byUnits).extracting(row -> row.path("productId").asLong()).containsExactly(productB, productA);

        JsonNode categoryOnly = ok(SERVER.admin(), "/api/analytics/top-products?categoryId=" + categoryA + "&" + range(5));
        assertThat(categoryOnly.path("rows")).extracting(row -> row.path("productId").asLong())
                .containsExactly(productC, productA);
    }

    @Test
    void aTopProductUnknownToPostgresStillHasAName() {
        JsonNode pounds = ok(SERVER.admin(), "/api/analytics/top-products?currency=GBP&" + range(5)).path("rows");

        assertThat(pounds).extracting(row -> row.path("productId").asLong() + ":" + row.path("name").asText())
                .containsExactly(UNKNOWN_PRODUCT + ":Product " + UNKNOWN_PRODUCT);
    }

    @Test
    void lowStockAlertsCarryProductNamesAndASellerSeesOnlyTheirOwn() {
        JsonNode all = ok(SERVER.admin(), "/api/analytics/low-stock?limit=500").path("rows");
        assertThat(all).extracting(row -> row.path("productId").asLong() + ":" + row.path("productName").asText() + ":"
                + row.path("type").asText()).containsSubsequence(productC + ":Espresso Grinder:REORDER",
                productA + ":Cast Iron Skillet:LOW_STOCK");
        assertThat(all.get(0).path("productSku").asText()).startsWith("SKU-");

        JsonNode sellers = ok(shop.asSeller(sellerA), "/api/analytics/low-stock").path("rows");
        assertThat(sellers).extracting(row -> row.path("productName").asText()).containsExactly("Cast Iron Skillet");

        ApiClient.Response csv = SERVER.admin().get("/api/analytics/low-stock?format=csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).contains(",productName,productSku,");
        assertThat(csv.body()).contains(",Espresso Grinder,");
    }

    @Test
    void customersFunnelPaymentsAndVariants() {
        JsonNode customers = ok(SERVER.admin(), "/api/analytics/customers?" + range(5));
        assertThat(customers.path("rows").get(0).path("activeUsers").asLong()).isEqualTo(2);
        assertThat(customers.path("rows").get(1).path("buyers").asLong()).isEqualTo(1);
        assertThat(customers.path("summary").path("activeUsers").asLong()).as("distinct, not summed").isEqualTo(2);
        assertThat(customers.path("summary").path("revenuePerBuyer").asText()).isEqualTo("79.99");

        JsonNode funnel = ok(SERVER.admin(), "/api/analytics/funnel?" + range(5)).path("rows");
        assertThat(funnel).extracting(stage -> stage.path("stage").asText() + "=" + stage.path("events").asLong() + "@"
                        + stage.path("rateFromPrevious").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly("PRODUCT_VIEW=200@1", "CART_ADD=50@0.25", "CHECKOUT_START=20@0.4", "PAID=10@0.5");
        assertThat(funnel.get(3).path("rateFromFirst").decimalValue()).isEqualByComparingTo("0.05");

        JsonNode payments = ok(SERVER.admin(), "/api/analytics/payments?" + range(5));
        assertThat(payments.path("rows").get(0).path("method").asText()).isEqualTo("card");
        assertThat(payments.path("rows").get(0).path("successRate").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(payments.path("rows").get(0).path("succeededAmount").asText()).isEqualTo("80.00");
        assertThat(payments.path("summary").path("successRate").decimalValue()).isEqualByComparingTo("0.8333");
        JsonNode declines = ok(SERVER.admin(), "/api/analytics/payments/declines?" + range(5)).path("rows");
        assertThat(declines).extracting(row -> row.path("reason").asText())
                .containsExactlyInAnyOrder("insufficient funds", "card expired");

        JsonNode variants = ok(SERVER.admin(), "/api/analytics/recommendations?" + range(5)).path("rows");
        assertThat(variants.get(0).path("variant").asText()).isEqualTo("als");
        assertThat(variants.get(0).path("clickThroughRate").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(variants.get(0).path("conversionRate").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(variants.get(0).path("revenue").asText()).isEqualTo("50.00");
    }

    @Test
    void fulfilmentLagAndInventoryAccuracy() {
        JsonNode fulfilment = ok(SERVER.admin(), "/api/analytics/fulfilment?granularity=hour&" + range(60));
        JsonNode shipped = fulfilment.path("summary").path("paid_to_shipped");
        assertThat(shipped.path("orders").asLong()).isEqualTo(5);
        assertThat(shipped.path("p50Seconds").asLong()).isEqualTo(180);
        assertThat(shipped.path("p95Seconds").asLong()).isEqualTo(600);
        assertThat(fulfilment.path("summary").path("shipped_to_delivered").path("p50Seconds").asLong()).isEqualTo(1200);

        JsonNode lag = ok(SERVER.admin(), "/api/analytics/pipeline-lag?granularity=hour&" + range(60));
        assertThat(lag.path("rows")).extracting(row -> row.path("stage").asText() + ":" + row.path("events").asLong()
                + "/" + row.path("p99Ms").asLong() + "/" + row.path("maxMs").asLong())
                .containsExactly("analytics:100/900/1200", "cdc:150/30/90");
        assertThat(lag.path("summary").path("consumerGroups").isNull()).as("no Kafka configured").isTrue();

        JsonNode accuracy = ok(SERVER.admin(), "/api/analytics/inventory-accuracy?" + range(5));
        assertThat(accuracy.path("rows")).extracting(row -> row.path("accuracy").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly("0.9", "1");
    }

    @Test
    void everyReportAnswersCsv() {
        ApiClient.Response csv = SERVER.admin().get("/api/analytics/top-products?format=csv&" + range(5));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).hasSize(4);
        assertThat(csv.body().lines().findFirst().orElseThrow())
                .isEqualTo("rank,productId,name,sellerId,categoryId,orders,units,revenue,refunded,netRevenue");
        assertThat(csv.body()).contains("," + productC + ",").contains(",90.00,");

        ApiClient.Response accepted = SERVER.admin().get("/api/analytics/orders?" + range(2), "Accept", "text/csv");
        assertThat(accepted.contentType()).startsWith("text/csv");
        assertThat(accepted.body().lines().toList()).containsExactly(
                "bucket,orders,grossRevenue,refunded,netRevenue,averageOrderValue",
                BASE + ",3,70.00,10.00,60.00,23.33",
                BASE.plusSeconds(60) + ",0,0.00,0.00,0.00,0.00");
        for (String path : new String[] {"customers", "funnel", "payments", "payments/declines", "fulfilment",
                "pipeline-lag", "inventory-accuracy", "recommendations", "low-stock"}) {
            ApiClient.Response answer = SERVER.admin().get("/api/analytics/" + path + "?format=csv&" + range(5));
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.contentType()).as(path).startsWith("text/csv");
        }
    }

    @Test
    void badValuesAre400NamingTheField() {
        String[][] cases = {{"from=yesterday", "from"}, {"to=2026-13-01T00:00:00Z", "to"},
                {"granularity=week", "granularity"}, {"categoryId=-3", "categoryId"}, {"sellerId=abc", "sellerId"},
                {"currency=usd", "currency"}, {"format=xml", "format"},
                {"from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from"},
                {"from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z&granularity=minute", "granularity"}};
        for (String[] bad : cases) {
            ApiClient.Response response = SERVER.admin().get("/api/analytics/orders?" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(SERVER.admin().get("/api/analytics/top-products?by=price").json().path("field").asText())
                .isEqualTo("by");
        assertThat(SERVER.admin().get("/api/analytics/top-products?limit=0").json().path("field").asText())
                .isEqualTo("limit");
    }

    @Test
    void theStreamPushesASnapshotLimitedToTheSellersSliceAndNeedsATicket() throws Exception {
        ApiClient seller = shop.asSeller(sellerA);
        ApiClient.Response ticket = seller.post("/api/analytics/stream-tickets", "");
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);

        JsonNode snapshot = firstSnapshot("/api/analytics/stream?" + range(5) + "&ticket="
                + ticket.json().path("ticket").asText());

        assertThat(snapshot.path("parts").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("orders", "topByRevenue", "topByUnits", "regions", "lowStock");
        assertThat(snapshot.path("filter").path("sellerId").asLong()).isEqualTo(sellerA);
        assertThat(snapshot.path("parts").path("orders").path("summary").path("grossRevenue").asText()).isEqualTo("65.00");

        JsonNode admins = firstSnapshot("/api/analytics/stream?" + range(5) + "&ticket="
                + SERVER.admin().post("/api/analytics/stream-tickets", "").json().path("ticket").asText());
        assertThat(admins.path("parts").has("funnel")).isTrue();
        assertThat(admins.path("unavailable")).isEmpty();

        assertThat(SERVER.client().get("/api/analytics/stream?ticket=forged").status()).isEqualTo(401);
        assertThat(SERVER.client().get("/api/analytics/stream").status()).isEqualTo(401);
    }

    /** Opens the event stream and returns the data of its first {@code snapshot} event. */
    private static JsonNode firstSnapshot(String path) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SERVER.client().baseUrl() + path)).timeout(Duration.ofSeconds(20))
                        .header("Accept", "text/event-stream").build(), // as EventSource sends it; Javalin streams only then
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            boolean snapshotEvent = false;
            while (it.hasNext()) {
                String line = it.next();
                if (line.equals("event: snapshot")) {
                    snapshotEvent = true;
                } else if (snapshotEvent && line.startsWith("data: ")) {
                    return new ObjectMapper().readTree(line.substring("data: ".length()));
                }
            }
        }
        throw new AssertionError("the stream ended without a snapshot");
    }
}
