package dev.streamcart.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.orders.OrderSerdes;
import dev.streamcart.orders.OrderStreamsConfig;
import dev.streamcart.orders.OrderStreamsTopology;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderLine;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.order.StatusChange;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.streams.StreamsApplication;
import dev.streamcart.schemas.topics.CompactedTopicReader;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** order-streams on a real broker and registry: views with their history, duplicates ignored, exactly once. */
class OrderViewsOnBrokerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @RegisterExtension
    static final TestInfrastructure INFRA = TestInfrastructure.in("order-views-on-broker");

    @Test
    void ordersAreTrackedWithTheirHistory() {
        OrderStreamsConfig config = OrderStreamsConfig.from(INFRA.get().settings());
        SchemaRegistryClient registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers()),
                        new StringSerializer(), Topics.ORDER_EVENTS.valueSerde(registry).serializer());
                CompactedTopicReader<OrderView> views = CompactedTopicReader.fromBeginning(INFRA.get().bootstrapServers(),
                        Topics.ORDER_VIEWS.name(), 3, Topics.ORDER_VIEWS.valueSerde(registry).deserializer());
                StreamsApplication app = new StreamsApplication(OrderStreamsTopology.build(OrderSerdes.registry(registry), config.deadlines()),
                        config.streamsProperties())) {
            app.start();
            app.running().orTimeout(60, TimeUnit.SECONDS).join();

            send(producer, event(1, "a-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
            send(producer, event(1, "a-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));
            send(producer, event(1, "a-2", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));   // re-delivered
            send(producer, event(2, "b-1", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
            send(producer, event(2, "b-2", OrderEventType.PAYMENT_FAILED, OrderStatus.PAYMENT_FAILED, 500));
            send(producer, event(2, "b-3", OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED, 900));   // impossible

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, OrderView> latest = views.poll();
                OrderView paid = latest.get("1");
                assertThat(paid).isNotNull();
                assertThat(paid.getStatus()).isEqualTo(OrderStatus.PAID);
                assertThat(paid.getHistory()).extracting(StatusChange::getEventId).containsExactly("a-1", "a-2");
                assertThat(paid.getTotalCents()).isEqualTo(3998);

                OrderView anomalous = latest.get("2");
                assertThat(anomalous).isNotNull();
                assertThat(anomalous.getStatus()).isEqualTo(OrderStatus.SHIPPED);
                assertThat(anomalous.getAnomalies()).singleElement().asString().contains("PAYMENT_FAILED -> SHIPPED");
            });
        }
    }

    private static void send(KafkaProducer<String, OrderEvent> producer, OrderEvent event) {
        producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), Topics.key(event.getOrderId()), event));
        producer.flush();
    }

    private static OrderEvent event(long orderId, String eventId, OrderEventType type, OrderStatus status, long millisAfterT0) {
        return OrderEvent.newBuilder()
                .setEventId(eventId).setOrderId(orderId).setUserId(3).setType(type).setStatus(status)
                .setTotalCents(3998).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(5).setSellerId(1).setCategoryId(2)
                        .setQuantity(2).setUnitPriceCents(1999).build()))
                .setOccurredAt(T0.plusMillis(millisAfterT0))
                .build();
    }

}
