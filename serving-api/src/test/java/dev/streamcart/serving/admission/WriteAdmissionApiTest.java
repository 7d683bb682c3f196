package dev.streamcart.serving.admission;

import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Load shedding on the real API: with one write at a time and no wait, a checkout that arrives
 * while a slow payment runs is refused with 503, Retry-After and a problem document, and writes
 * nothing; reads still answer; once the payment is done the same checkout goes through.
 */
class WriteAdmissionApiTest {

    /** Each gateway call takes this long; a payment makes two (authorise, capture). */
    private static final Duration GATEWAY_LATENCY = Duration.ofSeconds(2);

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres()
            .paymentLatency(GATEWAY_LATENCY)
            .admission(new AdmissionSettings(1, Duration.ZERO, Duration.ofSeconds(2)));

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();

    @Test
    void aWriteBeyondTheLimitIsRefusedWithRetryAfterAndChangesNothing() {
        long product = shop.stockedProduct("5.00", 10);
        long buyer = shop.user();
        long other = shop.user();
        ApiClient.Response first = shop.placeOrder(buyer, product, 1);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        CompletableFuture<ApiClient.Response> slowPayment =
                CompletableFuture.supplyAsync(() -> shop.pay(first.id(), GOOD_CARD));
        // an order for a product that does not exist writes nothing whether admitted (422) or not (503)
        ApiClient.Response refused = await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> shop.placeOrder(other, 999_999, 1), response -> response.status() == 503);
        long ordersBefore = db.count("SELECT count(*) FROM orders");
        ApiClient.Response checkoutDuringPayment = shop.placeOrder(other, product, 2);
        ApiClient.Response readDuringPayment = SERVER.client().get("/api/products/" + product);

        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.retryAfter()).isEqualTo("2");
        assertThat(refused.json().path("retryAfterSeconds").asLong()).isEqualTo(2);
        assertThat(checkoutDuringPayment.status()).as(checkoutDuringPayment.toString()).isEqualTo(503);
        assertThat(db.count("SELECT count(*) FROM orders")).as("a refused checkout writes no order")
                .isEqualTo(ordersBefore);
        assertThat(db.reserved(product))
                .as("nor holds stock").isEqualTo(1);
        assertThat(readDuringPayment.status()).as("reads are not shed").isEqualTo(200);

        assertThat(slowPayment.join().status()).as("the admitted payment completes").isEqualTo(201);
        ApiClient.Response retried = shop.placeOrder(other, product, 2);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(db.rows("SELECT status FROM orders ORDER BY id")).extracting(row -> row.get("status"))
                .isEqualTo(List.of("PAID", "PENDING_PAYMENT"));
        assertThat(db.reserved(product)).isEqualTo(3);
    }
}
