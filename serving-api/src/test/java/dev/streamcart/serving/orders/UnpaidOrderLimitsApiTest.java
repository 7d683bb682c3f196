package dev.streamcart.serving.orders;

import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.limits.OrderLimits;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A buyer trying to keep a rival's product sold out with orders it never pays: at most 3 unpaid
 * orders and 50 unpaid units per buyer here.
 */
class UnpaidOrderLimitsApiTest {

    private static final OrderLimits LIMITS = new OrderLimits(3, 50);

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().limits(limits -> limits.withOrders(LIMITS));

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long product;

    @BeforeEach
    void setUp() {
        product = shop.stockedProduct("10.00", 10_000);
    }

    @Test
    void aBuyerHoldsAtMostTheUnpaidOrdersAllowedAndPayingLiftsIt() {
        long buyer = shop.user();
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < LIMITS.maxUnpaidOrders(); i++) {
            ApiClient.Response placed = shop.placeOrder(buyer, product, 1);
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            orders.add(placed.id());
        }
        long reservedBefore = db.reserved(product);

        ApiClient.Response refused = shop.placeOrder(buyer, product, 1);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asText()).endsWith("/unpaid-limit");
        assertThat(refused.json().path("unpaidOrders").asInt()).isEqualTo(LIMITS.maxUnpaidOrders());
        assertThat(db.reserved(product)).as("a refused order reserves nothing").isEqualTo(reservedBefore);
        assertThat(shop.placeOrder(shop.user(), product, 1).status()).as("another buyer").isEqualTo(201);

        assertThat(shop.pay(orders.get(0), GOOD_CARD).status()).isEqualTo(201);
        assertThat(shop.placeOrder(buyer, product, 1).status()).as("a paid order no longer counts").isEqualTo(201);
    }

    @Test
    void unpaidUnitsAreBoundedToo() {
        long buyer = shop.user();
        assertThat(shop.placeOrder(buyer, product, 40).status()).isEqualTo(201);

        ApiClient.Response refused = shop.placeOrder(buyer, product, 11);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("unpaidUnits").asInt()).isEqualTo(40);
        assertThat(shop.placeOrder(buyer, product, 10).status()).as("up to the bound").isEqualTo(201);
        assertThat(shop.placeOrder(shop.user(), product, LIMITS.maxUnpaidUnits() + 1).status())
                .as("one order over the bound").isEqualTo(409);
    }

    @Test
    void parallelCheckoutsOfOneBuyerCannotAllPassTheCount() throws Exception {
        long buyer = shop.user();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return shop.placeOrder(buyer, product, 1);
                }));
            }
            start.countDown();
            int placed = 0;
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get();
                if (response.status() == 201) {
                    placed++;
                } else {
                    assertThat(response.status()).as(response.toString()).isEqualTo(409);
                }
            }
            assertThat(placed).isEqualTo(LIMITS.maxUnpaidOrders());
            assertThat(db.count("SELECT count(*) FROM orders WHERE user_id = ? AND status = 'PENDING_PAYMENT'", buyer))
                    .isEqualTo(LIMITS.maxUnpaidOrders());
        } finally {
            pool.shutdownNow();
        }
    }
}
