package dev.streamcart.serving.orders.tracking;

import static dev.streamcart.serving.testing.StreamsInputs.event;
import static dev.streamcart.serving.testing.StreamsInputs.paid;
import static dev.streamcart.serving.testing.StreamsInputs.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamcart.apiclient.ApiClient;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.testing.ApiServerExtension;
import dev.streamcart.serving.testing.TopicWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /api/users/{id}/orders from order-streams' per-user view (interactive queries), fed with order
 * events on a real broker as ingest-cdc publishes them.
 */
class UserOrdersApiTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    static final ApiServerExtension SERVER = ApiServerExtension.withPostgres().streams();

    private final TopicWriter cdc = SERVER.topicWriter();

    /** Places a 2 x 12.50 order {@code placedMinutesAfterT0} after T0 and pays it a minute later when asked. */
    private void order(long orderId, long userId, int placedMinutesAfterT0, boolean pay) {
        Instant at = T0.plus(Duration.ofMinutes(placedMinutesAfterT0));
        cdc.commit(Topics.ORDER_EVENTS, orderId, placed(orderId, userId, 5, 2, 1_250, at));
        if (pay) {
            cdc.commit(Topics.ORDER_EVENTS, orderId, paid(orderId, userId, 5, 2, 1_250, at.plusSeconds(60)));
        }
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
        order(101, user, 0, true);
        cdc.commit(Topics.ORDER_EVENTS, 101L, event(101, user, OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED, 5, 2,
                1_250, T0.plus(Duration.ofMinutes(2))));
        order(103, user, 30, false);
        order(102, user, 10, false);
        cdc.commit(Topics.ORDER_EVENTS, 102L, event(102, user, OrderEventType.ORDER_CANCELLED, OrderStatus.CANCELLED, 5, 2,
                1_250, T0.plus(Duration.ofMinutes(11))));
        order(201, 9_002, 5, false);

        await().atMost(Duration.ofSeconds(30)).until(() -> ids(ordersOf(user, "")).size() == 3
                && ordersOf(user, "").path("orders").get(2).path("status").asText().equals("SHIPPED"));
        JsonNode list = ordersOf(user, "");

        assertThat(list.path("userId").asLong()).isEqualTo(user);
        assertThat(ids(list)).containsExactly(103L, 102L, 101L);
        JsonNode shipped = list.path("orders").get(2);
        assertThat(shipped.path("userId").asLong()).isEqualTo(user);
        assertThat(shipped.path("total").asText()).isEqualTo("25.00");
        assertThat(shipped.path("items")).hasSize(1);
        List<String> history = new ArrayList<>();
        shipped.path("history").forEach(change -> history.add(change.path("status").asText()));
        assertThat(history).containsExactly("PENDING_PAYMENT", "PAID", "SHIPPED");
        assertThat(shipped.path("history").get(0).path("at").asText()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(list.path("orders").get(1).path("status").asText()).isEqualTo("CANCELLED");

        assertThat(ids(ordersOf(user, "?limit=2"))).containsExactly(103L, 102L);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(ordersOf(9_002, "")).equals(List.of(201L)));
    }

    @Test
    void aNewStatusShowsInTheList() {
        long user = 9_100;
        order(301, user, 0, false);
        order(302, user, 1, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(ordersOf(user, "")).size() == 2);

        cdc.commit(Topics.ORDER_EVENTS, 301L, paid(301, user, 5, 2, 1_250, T0.plusSeconds(30)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list = ordersOf(user, "");
            assertThat(ids(list)).containsExactly(302L, 301L);
            assertThat(list.path("orders").get(1).path("status").asText()).isEqualTo("PAID");
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
