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
 * other sellers' products run meanwhile.
 */
final class ClickHouseProbe {

    private static final String PAID_ORDERS = "SELECT sum(orders) FROM streamcart.product_sales_per_minute FINAL"
            + " WHERE seller_id = %d AND minute >= now() - 600 FORMAT TabSeparated";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI query;

    ClickHouseProbe(String clickHouseUrl, long sellerId) {
        String base = clickHouseUrl.endsWith("/") ? clickHouseUrl : clickHouseUrl + "/";
        this.query = URI.create(base + "?query=" + URLEncoder.encode(String.format(Locale.ROOT, PAID_ORDERS, sellerId),
                StandardCharsets.UTF_8));
    }

    long paidOrders() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
            }
            String body = response.body().trim();
            return body.isEmpty() ? 0 : Long.parseLong(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
