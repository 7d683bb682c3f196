package dev.streamcart.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import dev.streamcart.localstack.testing.PlainAvroSerde;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTrackingTopologyTest {

    private static final long ORDER = 12;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final List<OrderLine> ITEMS = List.of(OrderLine.newBuilder()
            .setProductId(5).setSellerId(1).setCategoryId(2).setQuantity(2).setUnitPriceCents(1999).build());

    private TopologyTestDriver driver;
    private TestInputTopic<String, OrderEvent> events;
    private TestOutputTopic<String, OrderView> views;

    @BeforeEach
    void startDriver() {
        PlainAvroSerde<OrderEvent> eventSerde = new PlainAvroSerde<>(OrderEvent.class);
        PlainAvroSerde<OrderView> viewSerde = new PlainAvroSerde<>(OrderView.class);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-streams-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "topology-test-state").toAbsolutePath().toString());
        driver = new TopologyTestDriver(OrderTrackingTopology.build(eventSerde, viewSerde), props);
        events = driver.createInputTopic(Topics.ORDER_EVENTS.name(), new StringSerializer(), eventSerde.serializer());
        views = driver.createOutputTopic(Topics.ORDER_VIEWS.name(), new StringDeserializer(), viewSerde.deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
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
        events.pipeInput(Topics.key(event.getOrderId()), event);
    }

    private OrderView lastView() {
        List<OrderView> values = views.readValuesToList();
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }

    private static OrderEvent event(String eventId, OrderEventType type, OrderStatus status, long millisAfterT0) {
        return OrderEvent.newBuilder()
                .setEventId(eventId)
                .setOrderId(ORDER)
                .setUserId(3)
                .setType(type)
                .setStatus(status)
                .setTotalCents(3998)
                .setCurrency("USD")
                .setItems(ITEMS)
                .setOccurredAt(T0.plusMillis(millisAfterT0))
                .setPaymentMethod(type == OrderEventType.ORDER_PAID ? "card" : null)
                .build();
    }
}
