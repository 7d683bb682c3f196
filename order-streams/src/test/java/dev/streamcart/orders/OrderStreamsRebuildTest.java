package dev.streamcart.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.streamcart.localstack.testing.Folders;
import dev.streamcart.localstack.testing.TestInfrastructure;
import dev.streamcart.orders.deadlines.DeadlineTopology;
import dev.streamcart.orders.tracking.OrderTrackingTopology;
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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rebuild: run order-streams on a real broker, feed events, stop it, delete its local state
 * folder, start it again: the state rebuilt from the changelogs equals the first run's, and the
 * restarted app carries on from it (a re-delivered event is still recognised as a duplicate).
 */
class OrderStreamsRebuildTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final int ORDERS = 30;

    @RegisterExtension
    static final TestInfrastructure INFRA = TestInfrastructure.in("order-streams-rebuild");

    @Test
    void deletingTheLocalStateRebuildsTheSameViews() throws Exception {
        OrderStreamsConfig config = OrderStreamsConfig.from(INFRA.get().settings());
        SchemaRegistryClient registry = new SchemaRegistryClient(INFRA.get().schemaRegistryUrl());
        Map<String, OrderView> firstViews;
        Map<String, Object> firstDeadlines;
        try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.get().bootstrapServers()),
                        new StringSerializer(), Topics.ORDER_EVENTS.valueSerde(registry).serializer());
                CompactedTopicReader<OrderView> published = CompactedTopicReader.fromBeginning(INFRA.get().bootstrapServers(),
                        Topics.ORDER_VIEWS.name(), 3, Topics.ORDER_VIEWS.valueSerde(registry).deserializer())) {

            try (StreamsApplication first = start(config, registry)) {
                for (long order = 1; order <= ORDERS; order++) {
                    feedLifecycle(producer, order);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> allViewsFinal(first));
                firstViews = contents(first, OrderTrackingTopology.VIEW_STORE);
                firstDeadlines = contents(first, DeadlineTopology.PAYMENT_STORE);
            }
            assertThat(firstViews).hasSize(ORDERS);
            assertThat(firstDeadlines).as("orders still awaiting payment").isNotEmpty();

            Path state = config.stateDirectory();
            assertThat(state).isDirectory();
            Folders.delete(state);
            assertThat(Files.exists(state)).isFalse();

            try (StreamsApplication second = start(config, registry)) {
                Map<String, OrderView> rebuilt = contents(second, OrderTrackingTopology.VIEW_STORE);
                assertThat(rebuilt).as("views rebuilt from the changelog").isEqualTo(firstViews);
                assertThat(contents(second, DeadlineTopology.PAYMENT_STORE)).isEqualTo(firstDeadlines);

                // the rebuilt history still recognises an applied event, and new events apply on top
                send(producer, event(1, "1-placed", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
                send(producer, event(2, "2-shipped", OrderEventType.ORDER_SHIPPED, OrderStatus.SHIPPED, 10_000));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    OrderView shipped = published.poll().get(Topics.key(2));
                    assertThat(shipped.getStatus()).isEqualTo(OrderStatus.SHIPPED);
                    assertThat(shipped.getHistory()).extracting(StatusChange::getEventId)
                            .containsExactly("2-placed", "2-paid", "2-shipped");
                });
                OrderView first = OrderStreamsRebuildTest.<OrderView>contents(second, OrderTrackingTopology.VIEW_STORE).get(Topics.key(1));
                assertThat(first).as("re-delivered event ignored after the rebuild").isEqualTo(firstViews.get(Topics.key(1)));
            }
        }
    }

    /** Orders go through different paths: even ones are paid, every third of those cancelled later, odd ones stay unpaid. */
    private static void feedLifecycle(KafkaProducer<String, OrderEvent> producer, long order)
            throws ExecutionException, InterruptedException {
        send(producer, event(order, order + "-placed", OrderEventType.ORDER_PLACED, OrderStatus.PENDING_PAYMENT, 0));
        if (order % 2 == 0) {
            send(producer, event(order, order + "-paid", OrderEventType.ORDER_PAID, OrderStatus.PAID, 1_000));
        }
        if (order % 6 == 0) {
            send(producer, event(order, order + "-cancelled", OrderEventType.ORDER_CANCELLED, OrderStatus.CANCELLED, 2_000));
        }
    }

    private static boolean allViewsFinal(StreamsApplication app) {
        Map<String, OrderView> views = contents(app, OrderTrackingTopology.VIEW_STORE);
        if (views.size() != ORDERS) {
            return false;
        }
        return views.get(Topics.key(ORDERS)).getHistory().size() == 3;   // order 30: placed, paid, cancelled
    }

    private static StreamsApplication start(OrderStreamsConfig config, SchemaRegistryClient registry) {
        StreamsApplication app = new StreamsApplication(
                OrderStreamsTopology.build(OrderSerdes.registry(registry), config.deadlines()), config.streamsProperties());
        app.start();
        app.running().orTimeout(90, TimeUnit.SECONDS).join();
        return app;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> contents(StreamsApplication app, String storeName) {
        ReadOnlyKeyValueStore<String, Object> store = app.streams().store(
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
        Map<String, V> contents = new HashMap<>();
        try (KeyValueIterator<String, Object> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Object> entry = all.next();
                contents.put(entry.key, (V) entry.value);
            }
        }
        return contents;
    }

    private static void send(KafkaProducer<String, OrderEvent> producer, OrderEvent event)
            throws ExecutionException, InterruptedException {
        producer.send(new ProducerRecord<>(Topics.ORDER_EVENTS.name(), Topics.key(event.getOrderId()), event)).get();
    }

    private static OrderEvent event(long orderId, String eventId, OrderEventType type, OrderStatus status, long millisAfterT0) {
        return OrderEvent.newBuilder()
                .setEventId(eventId).setOrderId(orderId).setUserId(orderId % 4).setType(type).setStatus(status)
                .setTotalCents(3998).setCurrency("USD")
                .setItems(List.of(OrderLine.newBuilder().setProductId(5).setSellerId(1).setCategoryId(2)
                        .setQuantity(2).setUnitPriceCents(1999).build()))
                .setOccurredAt(T0.plusMillis(millisAfterT0))
                .setCardFingerprint(type == OrderEventType.ORDER_PAID ? "card-" + orderId % 3 : null)
                .setShippingAddressKey(type == OrderEventType.ORDER_PLACED ? "addr-" + orderId % 5 : null)
                .build();
    }
}
