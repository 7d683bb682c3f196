package dev.streamcart.orders.userorders;

import static dev.streamcart.orders.OrderStreamsDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import dev.streamcart.localstack.testing.PlainAvroSerde;
import dev.streamcart.orders.OrderStreamsDriver;
import dev.streamcart.orders.deadlines.DeadlineSettings;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderEventType;
import dev.streamcart.schemas.order.OrderStatus;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Each user's orders, newest placing first, kept by the by-user sub-topology. */
class UserOrdersTopologyTest {

    private static OrderEvent placed(long orderId, long userId, long millisAfterT0) {
        return OrderEvent.newBuilder(event(orderId, orderId + "-placed", OrderEventType.ORDER_PLACED,
                OrderStatus.PENDING_PAYMENT, millisAfterT0)).setUserId(userId).build();
    }

    private static OrderEvent paid(long orderId, long userId, long millisAfterT0) {
        return OrderEvent.newBuilder(event(orderId, orderId + "-paid", OrderEventType.ORDER_PAID, OrderStatus.PAID,
                millisAfterT0)).setUserId(userId).build();
    }

    private static List<Long> ids(List<OrderView> views) {
        return views.stream().map(OrderView::getOrderId).toList();
    }

    @Test
    void aUsersOrdersComeNewestPlacingFirstWithTiesByTheHigherOrderId() {
        try (OrderStreamsDriver streams = new OrderStreamsDriver(DeadlineSettings.defaults())) {
            streams.send(placed(10, 3, 5_000));
            streams.send(placed(11, 3, 1_000));
            streams.send(placed(12, 3, 5_000));       // same moment as 10: the higher id first
            streams.send(placed(13, 3, 9_000));
            streams.send(placed(14, 30, 7_000));      // user 30 is not user 3, although "30" starts with "3"
            streams.send(paid(11, 3, 20_000));        // a later change does not move the order up

            KeyValueStore<String, OrderView> store = streams.driver().getKeyValueStore(UserOrdersTopology.STORE);

            List<OrderView> orders = UserOrders.newestFirst(store, 3, 50);
            assertThat(ids(orders)).containsExactly(13L, 12L, 10L, 11L);
            assertThat(orders.get(3).getStatus()).as("the list holds the newest view of each order").isEqualTo(OrderStatus.PAID);
            assertThat(ids(UserOrders.newestFirst(store, 30, 50))).containsExactly(14L);
            assertThat(UserOrders.newestFirst(store, 4, 50)).isEmpty();
        }
    }

    @Test
    void theLimitReturnsOnlyTheNewest() {
        try (OrderStreamsDriver streams = new OrderStreamsDriver(DeadlineSettings.defaults())) {
            for (long order = 1; order <= 20; order++) {
                streams.send(placed(order, 3, order * 1_000));
            }
            KeyValueStore<String, OrderView> store = streams.driver().getKeyValueStore(UserOrdersTopology.STORE);

            assertThat(ids(UserOrders.newestFirst(store, 3, 3))).containsExactly(20L, 19L, 18L);
            assertThat(UserOrders.newestFirst(store, 3, 500)).hasSize(20);
        }
    }

    @Test
    void aViewTombstoneRemovesTheOrderFromItsUsersList() {
        // No tombstone reaches the views stream today; this drives the sub-topology with one directly.
        PlainAvroSerde<OrderView> viewSerde = new PlainAvroSerde<>(OrderView.class);
        StreamsBuilder builder = new StreamsBuilder();
        UserOrdersTopology.addTo(builder.stream(Topics.ORDER_VIEWS.name(), Consumed.with(Serdes.String(), viewSerde)), viewSerde);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "user-orders-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "topology-test-state", UUID.randomUUID().toString()).toAbsolutePath().toString());
        try (OrderStreamsDriver tracking = new OrderStreamsDriver(DeadlineSettings.defaults());
                TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            tracking.send(placed(1, 3, 1_000));
            tracking.send(placed(2, 3, 2_000));
            List<OrderView> views = tracking.views.readValuesToList();
            TestInputTopic<String, OrderView> input = driver.createInputTopic(Topics.ORDER_VIEWS.name(),
                    new StringSerializer(), viewSerde.serializer());
            views.forEach(view -> input.pipeInput(Topics.key(view.getOrderId()), view));
            KeyValueStore<String, OrderView> store = driver.getKeyValueStore(UserOrdersTopology.STORE);
            assertThat(ids(UserOrders.newestFirst(store, 3, 50))).containsExactly(2L, 1L);

            input.pipeInput(Topics.key(1), null);
            input.pipeInput(Topics.key(99), null);    // a tombstone of an order never listed changes nothing

            assertThat(ids(UserOrders.newestFirst(store, 3, 50))).containsExactly(2L);
            assertThat(store.approximateNumEntries()).isEqualTo(1);
            KeyValueStore<String, String> listedUnder = driver.getKeyValueStore(UserOrdersTopology.LISTED_UNDER_STORE);
            assertThat(listedUnder.get(Topics.key(1))).isNull();
            assertThat(listedUnder.get(Topics.key(2))).isNotNull();
        }
    }

    @Test
    void theRepartitionTopicIsPartitionedAsTheDefaultPartitionerPartitionsTheUserKey() {
        StringSerializer serializer = new StringSerializer();
        for (long user = 0; user < 2_000; user += 7) {
            String encoded = new UserOrderKey(user, 1_700_000_000_000L + user, user * 13).encoded();
            for (int partitions : new int[] {1, 2, 3, 12}) {
                // What the producer and queryMetadataForKey compute for the plain user key.
                int expected = BuiltInPartitioner.partitionForKey(serializer.serialize("t", Topics.key(user)), partitions);
                assertThat(UserOrderKey.<OrderView>byUser().partitions("t", encoded, null, partitions))
                        .as("user %s over %s partitions", user, partitions).hasValue(Set.of(expected));
            }
        }
    }
}
