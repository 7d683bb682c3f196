package dev.streamcart.loadgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.localstack.launcher.PlatformOptions;
import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.CompactedTopicReader;
import dev.streamcart.schemas.topics.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Order deadlines through the whole platform, with short timeouts: an unpaid order is expired by
 * order-streams' punctuator, the command is applied by serving-api in PostgreSQL, and the result
 * comes back through CDC into the order view and the stock read model. A paid, unshipped order
 * raises an SLA alert instead, and the user's fraud signals count both orders.
 */
class OrderDeadlinesEndToEndIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final PlatformUnderTest PLATFORM = PlatformUnderTest.in("e2e-deadlines-data", "e2e-deadlines",
            PlatformOptions.defaults().withApiPort(0).withTraffic(false, List.of())
                    .withExtraSettings(Map.of(
                            "orders.payment-timeout", "PT8S",
                            "orders.ship-sla", "PT8S",
                            "orders.deadline-check-interval", "PT1S")));

    private static ApiClient api;

    @BeforeAll
    static void signIn() {
        api = PLATFORM.adminApi();
    }

    @Test
    void anUnpaidOrderExpiresThroughThePipelineAndAPaidOneRaisesAnSlaAlert() {
        long seller = api.create("/api/sellers", Map.of("name", "Acme", "email", "acme-" + UUID.randomUUID() + "@example.com"));
        long category = api.create("/api/categories", Map.of("name", "Toys"));
        long product = api.create("/api/products", Map.of("sellerId", seller, "categoryId", category,
                "sku", "KITE-" + UUID.randomUUID(), "name", "Kite", "price", "9.99", "currency", "USD"));
        long warehouse = api.create("/api/warehouses", Map.of("name", "West", "region", "us-west"));
        assertThat(api.post("/api/inventory/receipts", Map.of("productId", product, "warehouseId", warehouse,
                "quantity", 10)).status()).isEqualTo(201);
        long user = api.create("/api/users", Map.of("email", "kite-" + UUID.randomUUID() + "@example.com",
                "password", "correct horse battery staple", "firstName", "Kim", "lastName", "Ite"));

        long unpaid = place(user, product, 3);
        long paid = place(user, product, 2);
        ApiClient.Response payment = api.post("/api/orders/" + paid + "/payments",
                Map.of("method", "card", "cardNumber", "4242424242424242"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);

        // expired by order-streams, applied by serving-api, back through CDC into the view
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            ApiClient.Response view = api.get("/api/orders/" + unpaid);
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.json().path("status").asText()).isEqualTo("CANCELLED");
            assertThat(statuses(view.json())).containsExactly("PENDING_PAYMENT", "CANCELLED");
        });
        // its 3 units are released; the paid order still holds its 2
        await().atMost(CONVERGENCE).untilAsserted(() -> {
            JsonNode stock = api.get("/api/stock/" + product).json();
            assertThat(stock.path("onHand").asInt()).isEqualTo(10);
            assertThat(stock.path("reserved").asInt()).isEqualTo(2);
        });
        ApiClient.Response paidView = api.get("/api/orders/" + paid);
        assertThat(paidView.json().path("status").asText()).as("a paid order is never expired").isEqualTo("PAID");

        JsonNode tracking = api.get("/api/users/" + user + "/orders").json();
        List<Long> ids = new ArrayList<>();
        tracking.path("orders").forEach(order -> ids.add(order.path("id").asLong()));
        assertThat(ids).as("most recent first").containsExactly(paid, unpaid);

        SchemaRegistryClient registry = new SchemaRegistryClient(PLATFORM.get().endpoints().schemaRegistryUrl());
        try (CompactedTopicReader<OrderSlaAlert> alerts = CompactedTopicReader.fromBeginning(PLATFORM.get().endpoints().bootstrapServers(),
                     Topics.ORDER_SLA_ALERTS.name(), Topics.ORDER_SLA_ALERTS.partitions(),
                     Topics.ORDER_SLA_ALERTS.valueSerde(registry).deserializer());
             CompactedTopicReader<FraudSignals> signals = CompactedTopicReader.fromBeginning(PLATFORM.get().endpoints().bootstrapServers(),
                     Topics.FRAUD_SIGNALS.name(), Topics.FRAUD_SIGNALS.partitions(),
                     Topics.FRAUD_SIGNALS.valueSerde(registry).deserializer())) {
            await().atMost(CONVERGENCE).untilAsserted(() -> {
                Map<String, OrderSlaAlert> raised = alerts.poll();
                assertThat(raised).containsOnlyKeys(Topics.key(paid));
                assertThat(raised.get(Topics.key(paid)).getUserId()).isEqualTo(user);
            });
            await().atMost(CONVERGENCE).untilAsserted(() -> {
                FraudSignals userSignals = signals.poll().get(Topics.key(user));
                assertThat(userSignals).isNotNull();
                assertThat(userSignals.getOrdersLast24h()).isEqualTo(2);
            });
        }
    }

    private static long place(long user, long product, int quantity) {
        ApiClient.Response reply = api.post("/api/orders", Map.of("userId", user,
                "items", List.of(Map.of("productId", product, "quantity", quantity))), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().path("id").asLong();
    }

    private static List<String> statuses(JsonNode order) {
        List<String> statuses = new ArrayList<>();
        order.path("history").forEach(step -> statuses.add(step.path("status").asText()));
        return statuses;
    }
}
