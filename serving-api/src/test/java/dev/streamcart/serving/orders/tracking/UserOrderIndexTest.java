package dev.streamcart.serving.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import org.junit.jupiter.api.Test;

class UserOrderIndexTest {

    private final UserOrderIndex index = new UserOrderIndex();

    private static OrderView view(long orderId, long userId) {
        return OrderView.newBuilder().setOrderId(orderId).setUserId(userId).setStatus(OrderStatus.PENDING_PAYMENT)
                .setTotalCents(100).setCurrency("USD").setItems(List.of()).setHistory(List.of())
                .setAnomalies(List.of()).setUpdatedAt(Instant.EPOCH).build();
    }

    @Test
    void followsTheReplicasChangesAndTombstones() {
        index.accept("1", view(1, 7));
        index.accept("2", view(2, 7));
        index.accept("3", view(3, 8));
        index.accept("2", view(2, 7));   // a newer view of the same order

        assertThat(index.ordersOf(7)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(index.ordersOf(8)).containsExactly(3L);

        index.accept("1", null);

        assertThat(index.ordersOf(7)).containsExactly(2L);
        assertThat(index.ordersOf(99)).isEmpty();
    }

    @Test
    void anOrderWhoseUserChangedMovesToTheNewUser() {
        index.accept("1", view(1, 7));
        index.accept("1", view(1, 8));

        assertThat(index.ordersOf(7)).isEmpty();
        assertThat(index.ordersOf(8)).containsExactly(1L);
    }

    @Test
    void aKeyThatIsNotAnOrderIdIsIgnored() {
        index.accept("not-a-number", view(1, 7));

        assertThat(index.ordersOf(7)).isEmpty();
    }
}
