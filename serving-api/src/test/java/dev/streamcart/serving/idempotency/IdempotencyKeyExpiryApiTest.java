package dev.streamcart.serving.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An Idempotency-Key is remembered for exactly its retention, whether or not the sweeper ran yet. */
class IdempotencyKeyExpiryApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    @Test
    void aRetryWithinADayReplaysTheFirstOrderAndAKeyOlderThanADayIsANewRequest() {
        Storefront shop = SERVER.storefront();
        long product = shop.stockedProduct("4.00", 10);
        long buyer = shop.user();
        String key = "expiry-" + UUID.randomUUID();

        ApiClient.Response first = shop.placeOrder(key, buyer, product, 1);
        ApiClient.Response retry = shop.placeOrder(key, buyer, product, 1);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.id()).as("a retry within the window charges nothing twice").isEqualTo(first.id());

        // a day and an hour later: the row is still there (the sweeper has not run) but has expired
        SERVER.execute("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = '"
                + key + "'");
        ApiClient.Response later = shop.placeOrder(key, buyer, product, 1);

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.id()).isNotEqualTo(first.id());
        assertThat(SERVER.db().count("SELECT count(*) FROM orders WHERE user_id = ?", buyer)).isEqualTo(2);
        assertThat(shop.placeOrder(key, buyer, product, 1).id()).as("and the new first response is replayed")
                .isEqualTo(later.id());
    }
}
