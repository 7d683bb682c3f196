package dev.streamcart.localstack.launcher.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import org.junit.jupiter.api.Test;

class OrderComparisonTest {

    private static final Instant SETTLED_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    private final StatusCodes codes = new StatusCodes();

    @Test
    void equalStatusesMatch() {
        OrderComparison.Result result = compare(Map.of(1L, "PAID"), view(1, OrderStatus.PAID));

        assertThat(result.ordersChecked()).isEqualTo(1);
        assertThat(result.mismatches()).isEmpty();
    }

    @Test
    void aDifferentStatusAMissingViewAndAnUnknownOrderAreMismatches() {
        OrderComparison.Result result = compare(Map.of(1L, "SHIPPED", 2L, "PAID"),
                view(1, OrderStatus.PAID), view(3, OrderStatus.CANCELLED));

        assertThat(result.ordersChecked()).isEqualTo(3);
        assertThat(result.mismatchCount()).isEqualTo(3);
        assertThat(result.mismatches()).extracting(Mismatch::toString).containsExactly(
                "order-views 1: read model says PAID but PostgreSQL SHIPPED",
                "order-views 2: missing from the read model; PostgreSQL says PAID",
                "order-views 3: status CANCELLED in the read model, but no such order in PostgreSQL");
    }

    @Test
    void ordersThatChangedBetweenTheSnapshotsOrRecentlyAreInFlight() {
        OrderStatusTable before = new OrderStatusTable.Builder().add(1, codes.code("PENDING_PAYMENT"))
                .add(2, codes.code("PAID")).add(4, codes.code("PAID")).add(6, codes.code("PAID")).build();
        OrderComparison comparison = new OrderComparison(before, views(view(4, OrderStatus.PAID), view(5, OrderStatus.PAID)),
                SETTLED_BEFORE, codes);

        comparison.order(1, codes.code("PAID"), LONG_AGO);                     // changed between the snapshots
        comparison.order(2, codes.code("PAID"), SETTLED_BEFORE.plusMillis(1)); // changed within the grace
        comparison.order(3, codes.code("PAID"), LONG_AGO);                     // new since the first snapshot
        OrderComparison.Result result = comparison.finish();

        // 4 deleted since the first snapshot but still viewed: in flight; 5 never in PostgreSQL: a mismatch;
        // 6 deleted and without a view: not seen
        assertThat(result.ordersChecked()).isEqualTo(5);
        assertThat(result.inFlight()).isEqualTo(4);
        assertThat(result.mismatches()).extracting(Mismatch::id).containsExactly(5L);
    }

    @Test
    void everyMismatchIsCountedButOnlyTheFirstAreKept() {
        Map<Long, String> statuses = new TreeMap<>();
        for (long id = 1; id <= MismatchList.RETAINED * 3L; id++) {
            statuses.put(id, "PAID");
        }

        OrderComparison.Result result = compare(statuses);

        assertThat(result.mismatchCount()).isEqualTo(MismatchList.RETAINED * 3);
        assertThat(result.mismatches()).hasSize(MismatchList.RETAINED).first().extracting(Mismatch::id).isEqualTo(1L);
    }

    /** Compares {@code statuses} as both snapshots with nothing in flight. */
    private OrderComparison.Result compare(Map<Long, String> statuses, OrderView... views) {
        OrderStatusTable.Builder before = new OrderStatusTable.Builder();
        new TreeMap<>(statuses).forEach((id, status) -> before.add(id, codes.code(status)));
        OrderComparison comparison = new OrderComparison(before.build(), views(views), SETTLED_BEFORE, codes);
        new TreeMap<>(statuses).forEach((id, status) -> comparison.order(id, codes.code(status), LONG_AGO));
        return comparison.finish();
    }

    private OrderStatusTable views(OrderView... views) {
        LatestOrderStatuses latest = new LatestOrderStatuses(codes);
        for (OrderView view : views) {
            latest.put(view.getOrderId(), OrderStatusOf.of(view));
        }
        return latest.build();
    }

    private static OrderView view(long orderId, OrderStatus status) {
        return OrderView.newBuilder().setOrderId(orderId).setUserId(7).setStatus(status).setTotalCents(100)
                .setCurrency("USD").setItems(List.of()).setHistory(List.of()).setUpdatedAt(Instant.EPOCH).build();
    }
}
