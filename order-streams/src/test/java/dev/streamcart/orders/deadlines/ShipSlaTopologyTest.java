package dev.streamcart.orders.deadlines;

import static dev.streamcart.orders.OrderStreamsDriver.T0;
import static dev.streamcart.orders.OrderStreamsDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.streamcart.orders.OrderStreamsDriver;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shipping SLA alerts, driven by TopologyTestDriver's wall clock. */
class ShipSlaTopologyTest {

    private static final Duration SLA = Duration.ofHours(24);
    private static final Duration CHECK = Duration.ofMinutes(1);
    private static final long PAID_AFTER = 60_000;

    private OrderStreamsDriver streams;

    @BeforeEach
    void startDriver() {
        // a payment timeout longer than the test, so only SLA alerts are raised
        streams = new OrderStreamsDriver(new DeadlineSettings(Duration.ofDays(30), SLA, CHECK));
    }

    @AfterEach
    void closeDriver() {
        streams.close();
    }

    private void paidOrder(long orderId) {
        streams.send(event(orderId, orderId + "-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        streams.send(event(orderId, orderId + "-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, PAID_AFTER));
    }

    @Test
    void aPaidOrderNotShippedWithinTheSlaRaisesOneAlert() {
        paidOrder(12);

        streams.advanceWallClock(SLA);   // paid one minute after T0: not overdue yet
        assertThat(streams.slaAlerts.isEmpty()).isTrue();

        streams.advanceWallClock(CHECK.multipliedBy(2));
        List<KeyValue<String, OrderSlaAlert>> alerts = streams.slaAlerts.readKeyValuesToList();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).key).isEqualTo(Topics.key(12));
        OrderSlaAlert alert = alerts.get(0).value;
        assertThat(alert.getOrderId()).isEqualTo(12);
        assertThat(alert.getUserId()).isEqualTo(3);
        assertThat(alert.getPaidAt()).isEqualTo(T0.plusMillis(PAID_AFTER));
        assertThat(alert.getDeadline()).isEqualTo(T0.plusMillis(PAID_AFTER).plus(SLA));
        assertThat(alert.getRaisedAt()).isAfterOrEqualTo(alert.getDeadline());

        streams.advanceWallClock(SLA);
        assertThat(streams.slaAlerts.isEmpty()).as("once per order").isTrue();
    }

    @Test
    void fulfillingKeepsTheClockAndShippingStopsIt() {
        paidOrder(12);
        streams.send(event(12, "12-3", OrderEventType.ORDER_FULFILLING, OrderStatus.FULFILLING, PAID_AFTER + 1_000));
        paidOrder(13);
        streams.send(event(13, "13-3", OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED, PAID_AFTER + 1_000));
        paidOrder(14);
        streams.send(event(14, "14-3", OrderEventType.ORDER_CANCELLED, OrderStatus.CANCELLED, PAID_AFTER + 1_000));

        streams.advanceWallClock(SLA.plus(CHECK.multipliedBy(2)));

        assertThat(streams.slaAlerts.readValuesToList()).extracting(OrderSlaAlert::getOrderId).containsExactly(12L);
        assertThat(streams.driver().getKeyValueStore(DeadlineTopology.SHIP_SLA_STORE).get(Topics.key(13))).isNull();
    }

    @Test
    void anUnpaidOrderRaisesNoSlaAlert() {
        streams.send(event(12, "12-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));

        streams.advanceWallClock(SLA.multipliedBy(2));

        assertThat(streams.slaAlerts.isEmpty()).isTrue();
    }
}
