package dev.streamcart.orders.deadlines;

import static dev.streamcart.orders.OrderStreamsDriver.T0;
import static dev.streamcart.orders.OrderStreamsDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.streamcart.orders.OrderStreamsDriver;
import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderCommandType;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payment-timeout punctuator, driven by TopologyTestDriver's wall clock. */
class PaymentTimeoutTopologyTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final Duration CHECK = Duration.ofSeconds(10);

    private OrderStreamsDriver streams;

    @BeforeEach
    void startDriver() {
        streams = new OrderStreamsDriver(new DeadlineSettings(TIMEOUT, Duration.ofHours(24), CHECK));
    }

    @AfterEach
    void closeDriver() {
        streams.close();
    }

    @Test
    void anOrderUnpaidPastTheTimeoutIsExpiredOnce() {
        streams.send(event(12, "e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));

        streams.advanceWallClock(TIMEOUT.minusSeconds(20));
        assertThat(streams.commands.isEmpty()).as("not overdue yet").isTrue();

        streams.advanceWallClock(Duration.ofSeconds(30));
        List<KeyValue<String, OrderCommand>> commands = streams.commands.readKeyValuesToList();
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).key).isEqualTo(Topics.key(12));
        OrderCommand command = commands.get(0).value;
        assertThat(command.getOrderId()).isEqualTo(12);
        assertThat(command.getType()).isEqualTo(OrderCommandType.EXPIRE_PAYMENT);
        assertThat(command.getCommandId()).isEqualTo("12:EXPIRE_PAYMENT");
        assertThat(command.getReason()).isEqualTo("payment timeout");
        assertThat(command.getIssuedAt()).isAfterOrEqualTo(T0.plus(TIMEOUT)).isBefore(T0.plus(TIMEOUT).plusSeconds(11));

        streams.advanceWallClock(Duration.ofMinutes(5));
        assertThat(streams.commands.isEmpty()).as("raised once, not at every check").isTrue();
    }

    @Test
    void anOrderStillPendingAnotherTimeoutLaterIsAskedAgainWithTheSameCommandId() {
        streams.send(event(12, "e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        streams.advanceWallClock(TIMEOUT.plus(CHECK));
        assertThat(streams.commands.readValuesToList()).hasSize(1);

        streams.advanceWallClock(TIMEOUT.plus(CHECK));

        List<OrderCommand> again = streams.commands.readValuesToList();
        assertThat(again).singleElement().extracting(OrderCommand::getCommandId).isEqualTo("12:EXPIRE_PAYMENT");
    }

    @Test
    void paidOrCancelledOrdersAreNotExpired() {
        streams.send(event(12, "e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        streams.send(event(12, "e-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, 60_000));
        streams.send(event(13, "f-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        streams.send(event(13, "f-2", OrderEventType.ORDER_CANCELLED, OrderStatus.CANCELLED, 60_000));
        streams.send(event(14, "g-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));

        streams.advanceWallClock(TIMEOUT.plus(CHECK));

        assertThat(streams.commands.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly(14L);
    }

    @Test
    void theTimeoutCountsFromThePlacingNotFromWhenOrderStreamsSawIt() {
        streams.advanceWallClock(TIMEOUT);   // order-streams was down for 15 minutes...
        streams.send(event(12, "e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));

        streams.advanceWallClock(CHECK);     // ...so the order placed at T0 is overdue at the next check

        assertThat(streams.commands.readValuesToList()).extracting(OrderCommand::getOrderId).containsExactly(12L);
    }

    @Test
    void anExpiredOrderIsForgotten() {
        streams.send(event(12, "e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        streams.advanceWallClock(TIMEOUT.plus(CHECK));
        streams.commands.readValuesToList();
        // serving-api applied the command: the ORDER_EXPIRED event comes back through CDC
        streams.send(event(12, "e-2", OrderEventType.ORDER_EXPIRED, OrderStatus.CANCELLED, TIMEOUT.toMillis() + 20_000));

        streams.advanceWallClock(TIMEOUT.plus(CHECK));

        assertThat(streams.commands.isEmpty()).isTrue();
        assertThat(streams.driver().getKeyValueStore(DeadlineTopology.PAYMENT_STORE).get(Topics.key(12))).isNull();
    }
}
