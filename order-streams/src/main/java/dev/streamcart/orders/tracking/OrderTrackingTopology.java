package dev.streamcart.orders.tracking;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.order.OrderAnomaly;
import dev.streamcart.schemas.order.OrderEvent;
import dev.streamcart.schemas.order.OrderView;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * order-events (outbox events, keyed by order id) in; order-views (each order with its status
 * history) and order-anomalies (impossible transitions) out. All are keyed by order id, so an
 * order's events are applied in commit order by one task, without a repartition.
 */
public final class OrderTrackingTopology {

    /** Order id to {@link OrderView}; its changelog rebuilds the state when the local folder is lost. */
    public static final String VIEW_STORE = "order-views-store";

    private OrderTrackingTopology() {}

    /**
     * Adds the view to {@code events}' topology and returns the stream of changed views (a
     * re-delivered event changes nothing and emits nothing), for the deadline watchers and the
     * per-user order lists downstream; {@code listener} hears of each view stored.
     */
    public static KStream<String, OrderView> addTo(KStream<String, OrderEvent> events, Serde<OrderView> viewSerde,
                                                   Serde<OrderAnomaly> anomalySerde, OrderViewListener listener) {
        Objects.requireNonNull(viewSerde, "viewSerde");
        Objects.requireNonNull(anomalySerde, "anomalySerde");
        Objects.requireNonNull(listener, "listener");
        // Run the state machine on the stored view.
        KStream<String, OrderViewUpdate.Result> changes =
                events.processValues(new OrderViewProcessorSupplier(viewSerde, listener), Named.as("order-view"));
        changes
                .flatMapValues(change -> change.anomaly() == null ? List.<OrderAnomaly>of() : List.of(change.anomaly()),
                        Named.as("order-anomalies"))
                // Flagged, not swallowed: operators and the dashboard read this topic.
                .to(Topics.ORDER_ANOMALIES.name(), Produced.with(Topics.ORDER_ANOMALIES.keySerde(), anomalySerde));
        KStream<String, OrderView> views = changes.mapValues(OrderViewUpdate.Result::view, Named.as("order-view-only"));
        // The compacted topic stays: consumers other than the queries still read it.
        views.to(Topics.ORDER_VIEWS.name(), Produced.with(Topics.ORDER_VIEWS.keySerde(), viewSerde));
        return views;
    }

    private static final class OrderViewProcessorSupplier
            implements FixedKeyProcessorSupplier<String, OrderEvent, OrderViewUpdate.Result> {

        private final Serde<OrderView> viewSerde;
        private final OrderViewListener listener;

        OrderViewProcessorSupplier(Serde<OrderView> viewSerde, OrderViewListener listener) {
            this.viewSerde = viewSerde;
            this.listener = listener;
        }

        @Override
        public FixedKeyProcessor<String, OrderEvent, OrderViewUpdate.Result> get() {
            return new OrderViewProcessor(VIEW_STORE, listener);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            StoreBuilder<KeyValueStore<String, OrderView>> store = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(VIEW_STORE), Serdes.String(), viewSerde);
            return Set.of(store);
        }
    }
}
