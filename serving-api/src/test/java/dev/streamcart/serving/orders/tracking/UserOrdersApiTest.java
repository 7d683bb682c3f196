package dev.streamcart.serving.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiClient;
import dev.streamcart.serving.testing.ApiServerExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/users/{id}/orders from the order-views replica on a real broker (read_committed). */
class UserOrdersApiTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().kafka();

    private static SchemaRegistryClient registry;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void openProducer() {
        registry = new SchemaRegistryClient(SERVER.infrastructure().schemaRegistryUrl());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVER.infrastructure().bootstrapServers());
        // like order-streams: exactly-once transactions
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "user-orders-test-" + UUID.randomUUID());
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static void commit(long orderId, OrderView view) {
        producer.beginTransaction();
        byte[] bytes = view == null ? null
                : Topics.ORDER_VIEWS.valueSerde(registry).serializer().serialize(Topics.ORDER_VIEWS.name(), view);
        producer.send(new ProducerRecord<>(Topics.ORDER_VIEWS.name(), Topics.key(orderId), bytes));
        producer.commitTransaction();
    }

    /** A view placed {@code placedMinutesAfterT0} after T0 that went through {@code statuses} a minute apart. */
    private static OrderView view(long orderId, long userId, int placedMinutesAfterT0, OrderStatus... statuses) {
        List<StatusChange> history = new ArrayList<>();
        Instant at = T0.plus(Duration.ofMinutes(placedMinutesAfterT0));
        for (OrderStatus status : statuses) {
            history.add(StatusChange.newBuilder().setStatus(status).setAt(at).setEventId(UUID.randomUUID().toString()).build());
            at = at.plus(Duration.ofMinutes(1));
        }
        return OrderView.newBuilder().setOrderId(orderId).setUserId(userId).setStatus(statuses[statuses.length - 1])
                .setTotalCents(2_500).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(5).setSellerId(1).setCategoryId(2).setQuantity(2)
                        .setUnitPriceCents(1_250).build()))
                .setHistory(history).setAnomalies(List.of()).setUpdatedAt(at).build();
    }

    private static JsonNode ordersOf(long userId, String query) {
        ApiClient.Response response = SERVER.admin().get("/api/users/" + userId + "/orders" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.path("orders").forEach(order -> ids.add(order.path("id").asLong()));
        return ids;
    }

    @Test
    void listsAUsersOrdersMostRecentFirstWithTheirHistory() {
        long user = 9_001;
        commit(101, view(101, user, 0, OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED));
        commit(103, view(103, user, 30, OrderStatus.PENDING_PAYMENT));
        commit(102, view(102, user, 10, OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED));
        commit(201, view(201, 9_002, 5, OrderStatus.PENDING_PAYMENT));

        await().atMost(Duration.ofSeconds(30)).until(() -> ids(ordersOf(user, "")).size() == 3);
        JsonNode list = ordersOf(user, "");

        assertThat(list.path("userId").asLong()).isEqualTo(user);
        assertThat(ids(list)).containsExactly(103L, 102L, 101L);
        JsonNode shipped = list.path("orders").get(2);
        assertThat(shipped.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(shipped.path("userId").asLong()).isEqualTo(user);
        assertThat(shipped.path("total").asText()).isEqualTo("25.00");
        assertThat(shipped.path("items")).hasSize(1);
        List<String> history = new ArrayList<>();
        shipped.path("history").forEach(change -> history.add(change.path("status").asText()));
        assertThat(history).containsExactly("PENDING_PAYMENT", "PAID", "SHIPPED");
        assertThat(shipped.path("history").get(0).path("at").asText()).isEqualTo("2026-11-26T10:00:00Z");

        assertThat(ids(ordersOf(user, "?limit=2"))).containsExactly(103L, 102L);
        assertThat(ids(ordersOf(9_002, ""))).containsExactly(201L);
    }

    @Test
    void aNewStatusAndATombstoneShowAtOnce() {
        long user = 9_100;
        commit(301, view(301, user, 0, OrderStatus.PENDING_PAYMENT));
        commit(302, view(302, user, 1, OrderStatus.PENDING_PAYMENT));
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(ordersOf(user, "")).size() == 2);

        commit(301, view(301, user, 0, OrderStatus.PENDING_PAYMENT, OrderStatus.PAID));
        commit(302, null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list = ordersOf(user, "");
            assertThat(ids(list)).containsExactly(301L);
            assertThat(list.path("orders").get(0).path("status").asText()).isEqualTo("PAID");
        });
    }

    @Test
    void aUserWithoutOrdersGetsAnEmptyList() {
        assertThat(ordersOf(9_999, "").path("orders")).isEmpty();
    }

    @Test
    void badInputIsAProblem() {
        for (String path : List.of("/api/users/0/orders", "/api/users/abc/orders", "/api/users/1/orders?limit=0",
                "/api/users/1/orders?limit=101", "/api/users/1/orders?limit=ten")) {
            ApiClient.Response response = SERVER.admin().get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        }
    }
}
