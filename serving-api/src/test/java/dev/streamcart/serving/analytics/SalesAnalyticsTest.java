package dev.streamcart.serving.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sales API against a real ClickHouse holding contract 4's table, written as analytics-flink writes it. */
class SalesAnalyticsTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().clickHouse();

    private static final Instant NOW_MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @BeforeAll
    static void createTableWithReplayedRows() throws Exception {
        clickHouse("CREATE DATABASE IF NOT EXISTS streamcart");
        clickHouse("""
                CREATE TABLE IF NOT EXISTS streamcart.sales_per_minute (minute DateTime, category_id UInt64,
                  orders UInt64, units UInt64, revenue_cents Int64, version UInt64)
                ENGINE = ReplacingMergeTree(version) ORDER BY (minute, category_id)""");
        long twoMinutesAgo = NOW_MINUTE.minus(2, ChronoUnit.MINUTES).getEpochSecond();
        long oneMinuteAgo = NOW_MINUTE.minus(1, ChronoUnit.MINUTES).getEpochSecond();
        long twoHoursAgo = NOW_MINUTE.minus(2, ChronoUnit.HOURS).getEpochSecond();
        // version 1 is replaced by the replay's version 2 of the same key: FINAL must show 2 only
        clickHouse("INSERT INTO streamcart.sales_per_minute VALUES "
                + "(toDateTime(" + twoMinutesAgo + "), 3, 1, 1, 1999, 1)");
        clickHouse("INSERT INTO streamcart.sales_per_minute VALUES "
                + "(toDateTime(" + twoMinutesAgo + "), 3, 2, 3, 5997, 2),"
                + "(toDateTime(" + twoMinutesAgo + "), 7, 1, 1, 1, 1),"
                + "(toDateTime(" + oneMinuteAgo + "), 3, 4, 9, 1234567, 1),"
                + "(toDateTime(" + twoHoursAgo + "), 3, 9, 9, 999999, 1)");
    }

    @Test
    void salesRowsComeFromClickHouseToTheCentWithReplaysMerged() {
        ApiClient.Response response = SERVER.admin().get("/api/analytics/sales?minutes=60");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("minutes").asInt()).isEqualTo(60);
        JsonNode rows = report.path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("minute").asText()).isEqualTo(NOW_MINUTE.minus(2, ChronoUnit.MINUTES).toString());
        assertThat(rows.get(0).path("categoryId").asLong()).isEqualTo(3);
        assertThat(rows.get(0).path("orders").asLong()).isEqualTo(2);
        assertThat(rows.get(0).path("units").asLong()).isEqualTo(3);
        assertThat(rows.get(0).path("revenue").asText()).isEqualTo("59.97");
        assertThat(rows.get(1).path("categoryId").asLong()).isEqualTo(7);
        assertThat(rows.get(1).path("revenue").asText()).isEqualTo("0.01");
        assertThat(rows.get(2).path("minute").asText()).isEqualTo(NOW_MINUTE.minus(1, ChronoUnit.MINUTES).toString());
        assertThat(rows.get(2).path("revenue").asText()).isEqualTo("12345.67");
    }

    @Test
    void aLongerWindowReachesOlderMinutes() {
        JsonNode rows = SERVER.admin().get("/api/analytics/sales?minutes=180").json().path("rows");

        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).path("revenue").asText()).isEqualTo("9999.99");
    }

    @Test
    void aBadWindowIs400() {
        assertThat(SERVER.admin().get("/api/analytics/sales?minutes=0").status()).isEqualTo(400);
        assertThat(SERVER.admin().get("/api/analytics/sales?minutes=abc").status()).isEqualTo(400);
        assertThat(SERVER.admin().get("/api/analytics/sales?minutes=1441").status()).isEqualTo(400);
    }

    @Test
    void healthReportsClickHouseUp() {
        assertThat(SERVER.client().get("/health").json().path("components").path("clickhouse").path("status").asText())
                .isEqualTo("UP");
    }

    private static void clickHouse(String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SERVER.infrastructure().clickHouseUrl() + "/"))
                        .POST(HttpRequest.BodyPublishers.ofString(sql)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(sql + " -> " + response.body()).isEqualTo(200);
    }
}
