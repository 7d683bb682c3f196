package dev.streamcart.serving.metrics;

import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} on the management port, after real requests through the API. */
class MetricsEndpointApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Storefront shop = SERVER.storefront();

    @Test
    void metricsAreServedOnTheManagementPortAndNotOnTheApiPort() throws Exception {
        HttpResponse<String> scrape = scrape();

        assertThat(SERVER.api().metricsPort()).isNotEqualTo(SERVER.api().port());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain; version=0.0.4"));
        assertThat(scrape.body())
                .contains("jvm_memory_used_bytes{")
                .contains("hikaricp_connections_active{")
                .contains("service=\"serving-api\"");
        assertThat(SERVER.client().get("/metrics").status()).isEqualTo(404);
    }

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatusClassNeverByRawPath() throws Exception {
        long product = shop.stockedProduct("3.00", 5);
        String route = "route=\"/api/products/{id}\"";
        double before = value(scrape().body(), "http_server_requests_seconds_count", route, "method=\"GET\"",
                "status=\"2xx\"");

        assertThat(SERVER.client().get("/api/products/" + product).status()).isEqualTo(200);
        assertThat(SERVER.client().get("/api/products/" + product).status()).isEqualTo(200);
        assertThat(SERVER.client().get("/api/products/999999999").status()).isEqualTo(404);

        // recorded as the exchange completes, a moment after the client has the answer
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String scraped = scrape().body();
            assertThat(value(scraped, "http_server_requests_seconds_count", route, "method=\"GET\"", "status=\"2xx\""))
                    .as(scraped.lines().filter(line -> line.startsWith("http_server_requests_seconds_count"))
                            .collect(Collectors.joining("\n")))
                    .isEqualTo(before + 2);
        });
        String body = scrape().body();
        assertThat(value(body, "http_server_requests_seconds_count", route, "method=\"GET\"", "status=\"4xx\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(body, "http_server_requests_seconds_bucket", route, "method=\"GET\"", "status=\"2xx\"",
                "le=\"10.0\"")).isEqualTo(before + 2);
        assertThat(body).doesNotContain("/api/products/" + product + "\"").doesNotContain("999999999");
    }

    @Test
    void checkoutAndPaymentOutcomesAreCountedOncePerDecision() throws Exception {
        long product = shop.stockedProduct("4.00", 3);
        long user = shop.user();
        String body = scrape().body();
        double placed = value(body, "streamcart_checkout_outcomes_total", "outcome=\"placed\"");
        double refused = value(body, "streamcart_checkout_outcomes_total", "outcome=\"refused\"",
                "reason=\"insufficient-stock\"");
        double declined = value(body, "streamcart_payment_outcomes_total", "outcome=\"declined\"",
                "reason=\"card_declined\"");
        double captured = value(body, "streamcart_payment_outcomes_total", "outcome=\"captured\"");

        ApiClient.Response first = shop.placeOrder("metrics-checkout-1", user, product, 1);
        ApiClient.Response replay = shop.placeOrder("metrics-checkout-1", user, product, 1);
        ApiClient.Response tooMany = shop.placeOrder(user, product, 50);
        ApiClient.Response second = shop.placeOrder(user, product, 1);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(replay.id()).isEqualTo(first.id());
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(409);
        assertThat(shop.pay(first.id(), "4000000000000002").status()).isEqualTo(402);
        assertThat(shop.pay(second.id(), GOOD_CARD, "metrics-pay-1").status()).isEqualTo(201);
        assertThat(shop.pay(second.id(), GOOD_CARD, "metrics-pay-1").status()).isEqualTo(201);

        String after = scrape().body();
        assertThat(value(after, "streamcart_checkout_outcomes_total", "outcome=\"placed\"")).isEqualTo(placed + 2);
        assertThat(value(after, "streamcart_checkout_outcomes_total", "outcome=\"refused\"",
                "reason=\"insufficient-stock\"")).isEqualTo(refused + 1);
        assertThat(value(after, "streamcart_payment_outcomes_total", "outcome=\"declined\"",
                "reason=\"card_declined\"")).isEqualTo(declined + 1);
        assertThat(value(after, "streamcart_payment_outcomes_total", "outcome=\"captured\"")).isEqualTo(captured + 1);
    }

    private HttpResponse<String> scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.api().metricsPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The value of the one series of {@code name} whose labels contain every one of {@code labels}; 0 when none.
     * The label set is read up to the last brace of the line: a route template has braces of its own.
     */
    private static double value(String scrape, String name, String... labels) {
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)} (\\S+)$").matcher(scrape);
        double found = 0;
        int matches = 0;
        while (series.find()) {
            String present = series.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= present.contains(label);
            }
            if (all) {
                found = Double.parseDouble(series.group(2));
                matches++;
            }
        }
        assertThat(matches).as("series of %s with %s", name, String.join(",", labels)).isLessThanOrEqualTo(1);
        return found;
    }
}
