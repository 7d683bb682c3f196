package dev.streamcart.serving.payments;

import static dev.streamcart.apiclient.ApiClient.json;
import static dev.streamcart.serving.testing.Storefront.GOOD_CARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.Db;
import dev.streamcart.serving.testing.OutboxEvents;
import dev.streamcart.serving.testing.Storefront;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authorise then capture, manual capture and void, and gateway timeouts retried with the same reference. */
class AuthoriseCaptureApiTest {

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres();

    private final Storefront shop = SERVER.storefront();
    private final Db db = SERVER.db();
    private long seller;
    private long product;
    private long user;

    @BeforeEach
    void setUp() {
        seller = shop.seller();
        product = shop.stockedProduct(seller, shop.category(), "20.00", 100);
        user = shop.user();
    }

    private long pendingOrder(int quantity) {
        return shop.placedOrder(user, product, quantity);
    }

    private ApiClient.Response pay(long orderId, Map<String, Object> body, String key) {
        return shop.postPayment(orderId, body, key);
    }

    private static Map<String, Object> card(String number) {
        return json("method", "card", "cardNumber", number);
    }

    private static Map<String, Object> manual(String number) {
        return json("method", "card", "cardNumber", number, "capture", "manual");
    }

    private List<Map<String, Object>> transactions(long orderId) {
        return db.rows("SELECT t.kind, t.status, t.attempts, t.idempotency_reference FROM payment_transactions t "
                + "JOIN payments p ON p.id = t.payment_id WHERE p.order_id = ? ORDER BY t.id", orderId);
    }

    private long events(long orderId, String type) {
        return db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND event_type = ?", Long.toString(orderId), type);
    }

    @Test
    void aGatewayThatTimesOutTwiceIsRetriedWithTheSameReferenceAndChargesOnce() {
        long orderId = pendingOrder(1);

        ApiClient.Response response = pay(orderId, card(SimulatedPaymentGateway.FLAKY_CARD), UUID.randomUUID().toString());

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(db.orderStatus(orderId)).isEqualTo("PAID");
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
        List<Map<String, Object>> calls = transactions(orderId);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).containsEntry("kind", "AUTHORIZE").containsEntry("status", "SUCCEEDED")
                .containsEntry("attempts", SimulatedPaymentGateway.FLAKY_TIMEOUTS + 1);
        assertThat(calls.get(1)).containsEntry("kind", "CAPTURE").containsEntry("attempts", 1);
        assertThat(events(orderId, "ORDER_PAID")).isEqualTo(1);
    }

    @Test
    void aGatewayThatNeverAnswersIs503AndLeavesTheOrderAwaitingPaymentWithNothingCharged() {
        long orderId = pendingOrder(2);
        String key = UUID.randomUUID().toString();

        ApiClient.Response response = pay(orderId, card(SimulatedPaymentGateway.UNREACHABLE_CARD), key);

        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("orderStatus").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(response.json().path("retryable").asBoolean()).isTrue();
        assertThat(response.json().path("attempts").asInt()).isEqualTo(4);
        assertThat(db.orderStatus(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(db.reserved(product)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isZero();
        assertThat(events(orderId, "PAYMENT_FAILED") + events(orderId, "ORDER_PAID")).isZero();

        ApiClient.Response again = pay(orderId, card(SimulatedPaymentGateway.UNREACHABLE_CARD), key);
        assertThat(again.status()).as("the key was not used up by a rolled-back attempt").isEqualTo(503);

        ApiClient.Response withAnotherCard = pay(orderId, card(GOOD_CARD), UUID.randomUUID().toString());
        assertThat(withAnotherCard.status()).as(withAnotherCard.toString()).isEqualTo(201);
        assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
    }

    @Test
    void moreConcurrentPaymentsThanPooledConnectionsAllGoThroughOnce() throws Exception {
        int buyers = 32; // the test server's pool has 20 connections
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            orders.add(shop.placedOrder(shop.user(), product, 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (long orderId : orders) {
                answers.add(pool.submit(() -> shop.pay(orderId, GOOD_CARD)));
            }
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        for (long orderId : orders) {
            assertThat(db.orderStatus(orderId)).isEqualTo("PAID");
            assertThat(db.count("SELECT count(*) FROM payments WHERE order_id = ?", orderId)).isEqualTo(1);
        }
    }

    @Test
    void aManualCaptureLeavesThePaymentAuthorisedUntilTheSellerCapturesIt() throws Exception {
        long orderId = pendingOrder(1);

        ApiClient.Response authorised = pay(orderId, manual(GOOD_CARD), UUID.randomUUID().toString());

        assertThat(authorised.status()).as(authorised.toString()).isEqualTo(201);
        assertThat(authorised.json().path("paymentStatus").asText()).isEqualTo("AUTHORIZED");
        assertThat(authorised.json().path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(db.orderStatus(orderId)).isEqualTo("PENDING_PAYMENT");
        assertThat(events(orderId, "ORDER_PAID")).isZero();
        assertThat(pay(orderId, card(GOOD_CARD), UUID.randomUUID().toString()).status())
                .as("no second payment while one is authorised").isEqualTo(409);
        assertThat(shop.asSeller(seller).post("/api/orders/" + orderId + "/refunds", json("reason", "x"),
                "Idempotency-Key", UUID.randomUUID().toString()).status()).as("nothing captured to refund").isEqualTo(409);
        assertThat(shop.as(user).post("/api/orders/" + orderId + "/payments/capture", "").status())
                .as("the buyer does not capture").isEqualTo(403);
        assertThat(shop.asSeller(shop.seller()).post("/api/orders/" + orderId + "/payments/capture", "").status())
                .as("another seller").isEqualTo(404);

        ApiClient.Response captured = shop.asSeller(seller).post("/api/orders/" + orderId + "/payments/capture", "");

        assertThat(captured.status()).as(captured.toString()).isEqualTo(201);
        assertThat(captured.json().path("status").asText()).isEqualTo("PAID");
        assertThat(captured.json().path("paymentStatus").asText()).isEqualTo("CAPTURED");
        assertThat(db.orderStatus(orderId)).isEqualTo("PAID");
        assertThat(transactions(orderId)).extracting(row -> row.get("kind")).containsExactly("AUTHORIZE", "CAPTURE");
        assertThat(OutboxEvents.single(db, orderId, "ORDER_PAID").getCardFingerprint()).hasSize(64);
        assertThat(shop.asSeller(seller).post("/api/orders/" + orderId + "/payments/capture", "").status())
                .as("captured once").isEqualTo(409);

        ApiClient.Response refund = shop.asSeller(seller).post("/api/orders/" + orderId + "/refunds",
                json("reason", "changed mind"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(refund.status()).as("refunds compare against the capture: " + refund).isEqualTo(201);
        assertThat(refund.json().path("amount").asText()).isEqualTo("20.00");
    }

    @Test
    void voidingAnAuthorisationCancelsTheOrderAndReleasesItsStock() throws Exception {
        long orderId = pendingOrder(3);
        pay(orderId, manual(GOOD_CARD), UUID.randomUUID().toString());
        assertThat(shop.as(shop.user()).post("/api/orders/" + orderId + "/payments/void", "").status())
                .as("another customer").isEqualTo(404);

        ApiClient.Response voided = shop.as(user).post("/api/orders/" + orderId + "/payments/void", "");

        assertThat(voided.status()).as(voided.toString()).isEqualTo(200);
        assertThat(voided.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(voided.json().path("paymentStatus").asText()).isEqualTo("VOIDED");
        assertThat(db.orderStatus(orderId)).isEqualTo("CANCELLED");
        assertThat(db.reserved(product)).isZero();
        assertThat(db.single("SELECT status, voided_at IS NOT NULL AS voided FROM payments WHERE order_id = ?", orderId))
                .containsEntry("status", "VOIDED").containsEntry("voided", true);
        assertThat(transactions(orderId)).extracting(row -> row.get("kind")).containsExactly("AUTHORIZE", "VOID");
        assertThat(OutboxEvents.single(db, orderId, "ORDER_CANCELLED").getReason()).isEqualTo("payment_voided");
        assertThat(shop.as(user).post("/api/orders/" + orderId + "/payments/void", "").status()).isEqualTo(409);
    }

    @Test
    void cancellingAnOrderVoidsItsUncapturedAuthorisation() {
        long orderId = pendingOrder(1);
        pay(orderId, manual(GOOD_CARD), UUID.randomUUID().toString());

        ApiClient.Response cancelled = shop.as(user).post("/api/orders/" + orderId + "/cancel", "");

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(db.single("SELECT status FROM payments WHERE order_id = ?", orderId)).containsEntry("status", "VOIDED");
        assertThat(transactions(orderId)).extracting(row -> row.get("kind")).containsExactly("AUTHORIZE", "VOID");
        assertThat(db.reserved(product)).isZero();
    }
}
