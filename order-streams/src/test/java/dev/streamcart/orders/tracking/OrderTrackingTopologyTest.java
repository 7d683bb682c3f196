package dev.streamcart.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.streamcart.orders.OrderStreamsDriver;
import dev.streamcart.orders.deadlines.DeadlineSettings;
import dev.streamcart.schemas.order.OrderAnomaly;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTrackingTopologyTest {

    private static final long ORDER = 12;
    private static final Instant T0 = OrderStreamsDriver.T0;
    private static final List<OrderLine> ITEMS = OrderStreamsDriver.ITEMS;

    private OrderStreamsDriver streams;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, OrderView> views;

    @BeforeEach
    void startDriver() {
        streams = new OrderStreamsDriver(DeadlineSettings.defaults());
        driver = streams.driver();
        views = streams.views;
    }

    @AfterEach
    void closeDriver() {
        streams.close();
    }

    @Test
    void placedThenPaidOrderShowsBothStepsInItsHistory() {
        send(event("e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        send(event("e-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));

        OrderView view = lastView();
        assertThat(view.getOrderId()).isEqualTo(ORDER);
        assertThat(view.getUserId()).isEqualTo(3);
        assertThat(view.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(view.getTotalCents()).isEqualTo(3998);
        assertThat(view.getItems()).isEqualTo(ITEMS);
        assertThat(view.getHistory()).extracting(StatusChange::getStatus, StatusChange::getAt, StatusChange::getEventId)
                .containsExactly(
                        Tuple.tuple(OrderStatus.PENDING_PAYMENT, T0, "e-1"),
                        Tuple.tuple(OrderStatus.PAID, T0.plusMillis(1_000), "e-2"));
        assertThat(view.getAnomalies()).isEmpty();
        assertThat(view.getUpdatedAt()).isEqualTo(T0.plusMillis(1_000));
    }

    @Test
    void redeliveredEventChangesNothing() {
        send(event("e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        send(event("e-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));
        views.readValuesToList();

        send(event("e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        send(event("e-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));

        assertThat(views.isEmpty()).as("duplicates emit nothing").isTrue();
        OrderView stored = driver.<String, OrderView>getKeyValueStore(OrderTrackingTopology.VIEW_STORE).get(Topics.key(ORDER));
        assertThat(stored.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(stored.getHistory()).hasSize(2);
    }

    @Test
    void impossibleTransitionIsFlaggedAndTheStatusStillFollowsTheEvent() {
        send(event("e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        send(event("e-2", OrderEventType.ORDER_CANCELLED, OrderStatus.CANCELLED, 1_000));
        send(event("e-3", OrderEventType.ORDER_PAID, OrderStatus.PAID, 2_000));

        OrderView view = lastView();
        assertThat(view.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(view.getHistory()).extracting(StatusChange::getStatus)
                .containsExactly(OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED, OrderStatus.PAID);
        assertThat(view.getAnomalies()).singleElement().asString()
                .contains("e-3").contains("CANCELLED -> PAID");
    }

    @Test
    void impossibleTransitionIsPublishedOnTheAnomaliesTopic() {
        send(event("e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        send(event("e-2", OrderEventType.ORDER_CANCELLED, OrderStatus.CANCELLED, 1_000));
        send(event("e-3", OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED, 2_000));
        send(event("e-3", OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED, 2_000));   // re-delivered

        List<KeyValue<String, OrderAnomaly>> published = streams.anomalies.readKeyValuesToList();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key).isEqualTo(Topics.key(ORDER));
        OrderAnomaly anomaly = published.get(0).value;
        assertThat(anomaly.getOrderId()).isEqualTo(ORDER);
        assertThat(anomaly.getEventId()).isEqualTo("e-3");
        assertThat(anomaly.getFromStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(anomaly.getAttemptedType()).isEqualTo(OrderEventType.ORDER_SHIPPED);
        assertThat(anomaly.getDetectedAt()).isEqualTo(T0.plusMillis(2_000));
        assertThat(anomaly.getDetail()).contains("CANCELLED -> SHIPPED");
    }

    @Test
    void payingTwiceIsAnAnomalyAndAllowedStepsAreNot() {
        send(event("e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        send(event("e-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));
        assertThat(streams.anomalies.isEmpty()).as("placed then paid is allowed").isTrue();

        send(event("e-9", OrderEventType.ORDER_PAID, OrderStatus.PAID, 2_000));

        OrderAnomaly anomaly = streams.anomalies.readValue();
        assertThat(anomaly.getFromStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(anomaly.getAttemptedType()).isEqualTo(OrderEventType.ORDER_PAID);
        assertThat(streams.anomalies.isEmpty()).isTrue();
    }

    @Test
    void firstEventThatIsNotAPlacingIsFlagged() {
        send(event("e-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));

        OrderView view = lastView();
        assertThat(view.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(view.getTotalCents()).as("content taken from the event").isEqualTo(3998);
        assertThat(view.getAnomalies()).singleElement().asString().contains("UNKNOWN -> PAID");
    }

    @Test
    void failedPaymentKeepsItsReason() {
        send(event("e-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        OrderEvent declined = OrderEvent.newBuilder(event("e-2", OrderEventType.PAYMENT_FAILED, OrderStatus.PAYMENT_FAILED, 500))
                .setReason("card declined").build();
        send(declined);

        OrderView view = lastView();
        assertThat(view.getStatus()).isEqualTo(OrderStatus.PAYMENT_FAILED);
        assertThat(view.getHistory().get(1).getReason()).isEqualTo("card declined");
        assertThat(view.getAnomalies()).isEmpty();
    }

    private void send(OrderEvent event) {
        streams.send(event);
    }

    private OrderView lastView() {
        List<OrderView> values = views.readValuesToList();
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }

    private static OrderEvent event(String eventId, OrderEventType type, OrderStatus status, long millisAfterT0) {
        return OrderStreamsDriver.event(ORDER, eventId, type, status, millisAfterT0);
    }
}
