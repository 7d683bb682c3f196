package dev.streamcart.orders.tracking;

import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * order-events (outbox events, keyed by order id) in, order-views (each order with its status
 * history) out. Both topics are keyed by order id, so an order's events are applied in commit
 * order by one task, without a repartition.
 */
public final class OrderTrackingTopology {

    /** Order id to {@link OrderView}; its changelog rebuilds the state when the local folder is lost. */
    public static final String VIEW_STORE = "order-views-store";

    private OrderTrackingTopology() {}

    public static Topology build(SchemaRegistryClient registry) {
        return build(Topics.ORDER_EVENTS.valueSerde(registry), Topics.ORDER_VIEWS.valueSerde(registry));
    }

    /** The topology with explicit value serdes, so unit tests can run it without a registry. */
    public static Topology build(Serde<OrderEvent> eventSerde, Serde<OrderView> viewSerde) {
        Objects.requireNonNull(eventSerde, "eventSerde");
        Objects.requireNonNull(viewSerde, "viewSerde");
        StreamsBuilder builder = new StreamsBuilder();
        builder
                // Domain events from the outbox, in commit order per order.
                .stream(Topics.ORDER_EVENTS.name(), Consumed.with(Topics.ORDER_EVENTS.keySerde(), eventSerde))
                // Run the state machine on the stored view; duplicates emit nothing.
                .processValues(new OrderViewProcessorSupplier(viewSerde))
                // The compacted read model behind GET /api/orders/{id}.
                .to(Topics.ORDER_VIEWS.name(), Produced.with(Topics.ORDER_VIEWS.keySerde(), viewSerde));
        return builder.build();
    }

    private static final class OrderViewProcessorSupplier implements FixedKeyProcessorSupplier<String, OrderEvent, OrderView> {

        private final Serde<OrderView> viewSerde;

        OrderViewProcessorSupplier(Serde<OrderView> viewSerde) {
            this.viewSerde = viewSerde;
        }

        @Override
        public FixedKeyProcessor<String, OrderEvent, OrderView> get() {
            return new OrderViewProcessor(VIEW_STORE);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            StoreBuilder<KeyValueStore<String, OrderView>> store = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(VIEW_STORE), Serdes.String(), viewSerde);
            return Set.of(store);
        }
    }
}
