package dev.streamcart.serving.catalog;

import static dev.streamcart.serving.catalog.CategoryTreeApiTest.assertProblem;
import static dev.streamcart.apiclient.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PriceChangeApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long seller;
    private long product;

    @BeforeEach
    void setUp() {
        seller = shop.seller();
        product = shop.product(seller, shop.category(), "10.00");
    }

    @Test
    void aPriceChangeWritesItsHistoryAndItsEventInTheSameTransaction() throws Exception {
        ApiClient.Response changed = shop.asSeller(seller).put("/api/products/" + product + "/price", json("price", "12.50"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("oldPrice").asText()).isEqualTo("10.00");
        assertThat(changed.json().path("price").asText()).isEqualTo("12.50");
        assertThat(changed.json().path("changed").asBoolean()).isTrue();
        Map<String, Object> history = db.single("SELECT old_price::text AS old, new_price::text AS new, currency, "
                + "changed_by, xmin::text AS tx FROM product_price_history WHERE product_id = ?", product);
        assertThat(history).containsEntry("old", "10.00").containsEntry("new", "12.50").containsEntry("currency", "USD");
        Map<String, Object> event = db.single("SELECT aggregate_id, id::text AS id, xmin::text AS tx FROM outbox "
                + "WHERE aggregate_type = 'product' AND event_type = 'PRICE_CHANGED' AND aggregate_id = ?", Long.toString(product));
        assertThat(OutboxEvents.priceChanges(db, product)).singleElement().satisfies(payload -> {
            assertThat(payload.getEventId()).as("the row's id").isEqualTo(event.get("id"));
            assertThat(payload.getProductId()).isEqualTo(product);
            assertThat(payload.getSellerId()).isEqualTo(seller);
            assertThat(payload.getOldPriceCents()).isEqualTo(1000);
            assertThat(payload.getNewPriceCents()).isEqualTo(1250);
            assertThat(payload.getCurrency()).isEqualTo("USD");
        });
        assertThat(event.get("tx")).as("one transaction wrote both").isEqualTo(history.get("tx"));
        assertThat(db.single("SELECT price::text AS p, xmin::text AS tx FROM products WHERE id = ?", product))
                .containsEntry("p", "12.50").containsEntry("tx", history.get("tx"));
    }

    @Test
    void theSamePriceAgainWritesNothingAndBadPricesAreRefused() {
        ApiClient owner = shop.asSeller(seller);
        ApiClient.Response same = owner.put("/api/products/" + product + "/price", json("price", "10.00"));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("changed").asBoolean()).isFalse();

        for (String body : List.of("{\"price\":\"-1.00\"}", "{\"price\":\"1.001\"}", "{\"price\":\"free\"}", "{}",
                "{\"price\":true}", "", "{\"price\":\"99999999999.00\"}")) {
            ApiClient.Response response = owner.put("/api/products/" + product + "/price", body);
            assertProblem(response, 400);
            assertThat(response.json().path("detail").asText()).as(body).containsAnyOf("price", "JSON");
        }
        assertProblem(owner.put("/api/products/987654321/price", json("price", "1.00")), 404);
        assertThat(db.count("SELECT count(*) FROM product_price_history WHERE product_id = ?", product)).isZero();
        assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_type = 'product'")).isZero();
    }

    @Test
    void aReadAfterTheChangeAnsweredNeverSeesTheOldPrice() {
        ApiClient owner = shop.asSeller(seller);
        assertThat(price(SERVER.client().get("/api/products/" + product))).isEqualTo("10.00"); // now cached
        assertThat(price(SERVER.client().get("/api/products/" + product))).isEqualTo("10.00");

        for (int cents = 1001; cents <= 1010; cents++) {
            String next = BigDecimal.valueOf(cents, 2).toPlainString();
            assertThat(owner.put("/api/products/" + product + "/price", json("price", next)).status()).isEqualTo(200);
            assertThat(price(SERVER.client().get("/api/products/" + product))).isEqualTo(next);
        }
        ApiClient.Response patched = owner.patch("/api/products/" + product, json("name", "Renamed while cached"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(SERVER.client().get("/api/products/" + product).json().path("name").asText()).isEqualTo("Renamed while cached");
    }

    /**
     * Readers hammer the product while the seller raises its price step by step. Prices only rise, so
     * a read that started after the n-th change answered must show the n-th price or a later one.
     */
    @Test
    void concurrentReadersNeverSeeAPriceOlderThanTheLastAnsweredChange() throws Exception {
        ApiClient owner = shop.asSeller(seller);
        int changes = 40;
        int readers = 6;
        AtomicInteger answeredCents = new AtomicInteger(1000);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                running.add(pool.submit(() -> {
                    while (!done.get()) {
                        int floor = answeredCents.get();
                        ApiClient.Response response = SERVER.client().get("/api/products/" + product);
                        int seen = new BigDecimal(price(response)).movePointRight(2).intValueExact();
                        reads.incrementAndGet();
                        if (seen < floor) {
                            stale.add("read " + seen + " after the change to " + floor + " had answered");
                        }
                    }
                    return null;
                }));
            }
            for (int cents = 1001; cents <= 1000 + changes; cents++) {
                ApiClient.Response response = owner.put("/api/products/" + product + "/price",
                        json("price", BigDecimal.valueOf(cents, 2).toPlainString()));
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                answeredCents.set(cents);
            }
            done.set(true);
            for (Future<?> reader : running) {
                reader.get(30, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertThat(stale).isEmpty();
        assertThat(reads.get()).as("readers really ran during the changes").isGreaterThan(changes);
        assertThat(price(SERVER.client().get("/api/products/" + product)))
                .isEqualTo(BigDecimal.valueOf(1000 + changes, 2).toPlainString());
        assertThat(db.count("SELECT count(*) FROM product_price_history WHERE product_id = ?", product)).isEqualTo(changes);
    }

    private static String price(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("price").asText();
    }
}
