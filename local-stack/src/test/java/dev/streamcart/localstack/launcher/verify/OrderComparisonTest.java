package dev.streamcart.localstack.launcher.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import org.junit.jupiter.api.Test;

class OrderComparisonTest {

    @Test
    void equalStatusesMatch() {
        OrderComparison.Result result = OrderComparison.compare(Map.of(1L, "PAID"), Map.of("1", view(1, OrderStatus.PAID)));

        assertThat(result.ordersChecked()).isEqualTo(1);
        assertThat(result.mismatches()).isEmpty();
    }

    @Test
    void aDifferentStatusAMissingViewAndAnUnknownOrderAreMismatches() {
        OrderComparison.Result result = OrderComparison.compare(Map.of(1L, "SHIPPED", 2L, "PAID"),
                Map.of("1", view(1, OrderStatus.PAID), "3", view(3, OrderStatus.CANCELLED)));

        assertThat(result.ordersChecked()).isEqualTo(3);
        assertThat(result.mismatches()).extracting(Mismatch::toString).containsExactly(
                "order-views 1: read model says PAID but PostgreSQL SHIPPED",
                "order-views 2: missing from the read model; PostgreSQL says PAID",
                "order-views 3: status CANCELLED in the read model, but no such order in PostgreSQL");
    }

    private static OrderView view(long orderId, OrderStatus status) {
        return OrderView.newBuilder().setOrderId(orderId).setUserId(7).setStatus(status).setTotalCents(100)
                .setCurrency("USD").setItems(List.of()).setHistory(List.of()).setUpdatedAt(Instant.EPOCH).build();
    }
}
