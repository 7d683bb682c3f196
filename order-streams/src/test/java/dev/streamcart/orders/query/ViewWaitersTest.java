package dev.streamcart.orders.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ViewWaitersTest {

    private static final OrderView VIEW = OrderView.newBuilder().setOrderId(7).setUserId(3).setStatus(OrderStatus.PENDING_PAYMENT)
            .setTotalCents(100).setCurrency("USD").setItems(List.of()).setHistory(List.of()).setAnomalies(List.of())
            .setUpdatedAt(Instant.parse("2026-11-26T10:00:00Z")).build();

    @Test
    void aStoredViewWakesEveryWaiterOfItsKeyAndOnlyThose() {
        ViewWaiters waiters = new ViewWaiters(10);
        CompletableFuture<@Nullable OrderView> first = waiters.await("7", Duration.ofSeconds(30));
        CompletableFuture<@Nullable OrderView> second = waiters.await("7", Duration.ofSeconds(30));
        CompletableFuture<@Nullable OrderView> other = waiters.await("8", Duration.ofSeconds(30));

        waiters.stored("7", VIEW);

        assertThat(first).isCompletedWithValue(VIEW);
        assertThat(second).isCompletedWithValue(VIEW);
        assertThat(other).isNotDone();
        assertThat(waiters.waiting()).isEqualTo(1);
        other.cancel(false);
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void aWaiterThatTimesOutCompletesEmptyAndLeaves() {
        ViewWaiters waiters = new ViewWaiters(10);
        CompletableFuture<@Nullable OrderView> waiter = waiters.await("7", Duration.ofMillis(50));

        assertThat(waiter.join()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiters.waiting() == 0);
        waiters.stored("7", VIEW);
        assertThat(waiter.join()).as("too late: stays empty").isNull();
    }

    @Test
    void beyondTheBoundNoMoreReadsWait() {
        ViewWaiters waiters = new ViewWaiters(2);
        assertThat(waiters.await("1", Duration.ofSeconds(30))).isNotNull();
        CompletableFuture<@Nullable OrderView> second = waiters.await("2", Duration.ofSeconds(30));

        assertThat(waiters.await("3", Duration.ofSeconds(30))).isNull();
        waiters.stored("2", VIEW);
        assertThat(second).isCompletedWithValue(VIEW);
        assertThat(waiters.await("3", Duration.ofSeconds(30))).as("a place was freed").isNotNull();
    }
}
