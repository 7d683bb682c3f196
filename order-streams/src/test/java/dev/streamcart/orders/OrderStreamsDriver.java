package dev.streamcart.orders;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import dev.streamcart.localstack.testing.PlainAvroSerde;
import dev.streamcart.orders.deadlines.DeadlineSettings;
import dev.streamcart.schemas.fraud.FraudSignals;
import dev.streamcart.schemas.order.OrderAnomaly;
import dev.streamcart.schemas.order.OrderCommand;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderSlaAlert;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.TopicSpec;
import dev.streamcart.schemas.topics.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole order-streams topology in a TopologyTestDriver, with plain Avro serdes (no registry)
 * and a wall clock that starts at {@link #T0} and moves only when a test advances it.
 */
public final class OrderStreamsDriver implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    public static final List<OrderLine> ITEMS = List.of(OrderLine.newBuilder()
            .setProductId(5).setSellerId(1).setCategoryId(2).setQuantity(2).setUnitPriceCents(1999).build());

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, OrderEvent> events;
    public final TestOutputTopic<String, OrderView> views;
    public final TestOutputTopic<String, OrderAnomaly> anomalies;
    public final TestOutputTopic<String, OrderCommand> commands;
    public final TestOutputTopic<String, OrderSlaAlert> slaAlerts;
    public final TestOutputTopic<String, FraudSignals> fraudSignals;

    public OrderStreamsDriver(DeadlineSettings deadlines) {
        OrderSerdes serdes = new OrderSerdes(new PlainAvroSerde<>(OrderEvent.class), new PlainAvroSerde<>(OrderView.class),
                new PlainAvroSerde<>(OrderAnomaly.class), new PlainAvroSerde<>(OrderCommand.class),
                new PlainAvroSerde<>(OrderSlaAlert.class), new PlainAvroSerde<>(FraudSignals.class));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-streams-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "topology-test-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
        driver = new TopologyTestDriver(OrderStreamsTopology.build(serdes, deadlines), props, T0);
        events = driver.createInputTopic(Topics.ORDER_EVENTS.name(), new StringSerializer(), serdes.events().serializer());
        views = output(Topics.ORDER_VIEWS, serdes.views());
        anomalies = output(Topics.ORDER_ANOMALIES, serdes.anomalies());
        commands = output(Topics.ORDER_COMMANDS, serdes.commands());
        slaAlerts = output(Topics.ORDER_SLA_ALERTS, serdes.slaAlerts());
        fraudSignals = output(Topics.FRAUD_SIGNALS, serdes.fraudSignals());
    }

    private <V extends SpecificRecord> TestOutputTopic<String, V> output(TopicSpec<V> topic, Serde<V> serde) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), serde.deserializer());
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public void send(OrderEvent event) {
        events.pipeInput(Topics.key(event.getOrderId()), event, event.getOccurredAt());
    }

    /** Order {@code orderId} placed for delivery to {@code addressKey}, {@code millisAfterT0} after {@link #T0}. */
    public void placed(long orderId, String addressKey, long millisAfterT0) {
        send(OrderEvent.newBuilder(event(orderId, orderId + "-placed", OrderEventType.ORDER_PLACED,
                OrderStatus.PENDING_PAYMENT, millisAfterT0)).setShippingAddressKey(addressKey).build());
    }

    /** Order {@code orderId} paid with card {@code cardFingerprint}, {@code millisAfterT0} after {@link #T0}. */
    public void paid(long orderId, String cardFingerprint, long millisAfterT0) {
        send(OrderEvent.newBuilder(event(orderId, orderId + "-paid", OrderEventType.ORDER_PAID, OrderStatus.PAID, millisAfterT0))
                .setCardFingerprint(cardFingerprint).build());
    }

    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** An event of order {@code orderId} of user 3, {@code millisAfterT0} after {@link #T0}. */
    public static OrderEvent event(long orderId, String eventId, OrderEventType type, OrderStatus status,
                                   long millisAfterT0) {
        return OrderEvent.newBuilder()
                .setEventId(eventId)
                .setOrderId(orderId)
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

    @Override
    public void close() {
        driver.close();
    }
}
