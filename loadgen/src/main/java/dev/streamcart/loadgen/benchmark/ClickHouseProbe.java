package dev.streamcart.loadgen.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads one seller's paid-order count of the last ten minutes straight from ClickHouse's HTTP
 * interface, so the dashboard freshness benchmark can tell the pipeline's share of the time (up to
 * the row in ClickHouse) from the analytics API's. One seller's, because other buyers' orders for
 * other sellers' products run meanwhile. {@link #scalar} is the one query the failover drill asks too.
 */
public final class ClickHouseProbe {

    private static final String PAID_ORDERS = "SELECT sum(orders) FROM streamcart.product_sales_per_minute FINAL"
            + " WHERE seller_id = %d AND minute >= now() - 600";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String clickHouseUrl;
    private final String paidOrders;

    ClickHouseProbe(String clickHouseUrl, long sellerId) {
        this.clickHouseUrl = clickHouseUrl;
        this.paidOrders = String.format(Locale.ROOT, PAID_ORDERS, sellerId);
    }

    long paidOrders() {
        String value = scalar(clickHouseUrl, paidOrders);
        return value.isEmpty() ? 0 : Long.parseLong(value);
    }

    /** The single value {@code sql} selects, as TabSeparated text (empty for no row). */
    public static String scalar(String clickHouseUrl, String sql) {
        String base = clickHouseUrl.endsWith("/") ? clickHouseUrl : clickHouseUrl + "/";
        URI query = URI.create(base + "?query=" + URLEncoder.encode(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
