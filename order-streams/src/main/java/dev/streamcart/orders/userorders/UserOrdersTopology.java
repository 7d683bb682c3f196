package dev.streamcart.orders.userorders;

import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.order.OrderView;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Each user's orders, newest first, for {@code GET /users/{userId}/orders}: the changed views (by
 * order) are re-keyed by {@link UserOrderKey} through a repartition topic partitioned by user, into
 * a persistent store whose key order is the list order. The list lives on disk, partitioned by
 * user, like the views themselves; nothing holds a user's list in memory.
 */
public final class UserOrdersTopology {

    /** {@link UserOrderKey} to the order's view. */
    public static final String STORE = "user-orders-store";
    /** Order id to the {@link UserOrderKey} it is listed under, to delete it on a tombstone. */
    public static final String LISTED_UNDER_STORE = "user-order-keys-store";
    static final String BY_USER = "order-views-by-user";

    private UserOrdersTopology() {}

    public static void addTo(KStream<String, OrderView> views, Serde<OrderView> viewSerde) {
        Objects.requireNonNull(viewSerde, "viewSerde");
        views
                // Upserts and deletes by list key; tombstones find the key the order was listed under.
                .process(new IndexerSupplier(), Named.as("user-order-indexer"))
                // To the partition of the user, so one instance holds a user's whole list.
                .repartition(Repartitioned.with(Serdes.String(), viewSerde).withName(BY_USER)
                        .withStreamPartitioner(UserOrderKey.byUser()))
                .process(new WriterSupplier(viewSerde), Named.as("user-orders"));
    }

    private static final class IndexerSupplier implements ProcessorSupplier<String, OrderView, String, OrderView> {

        @Override
        public Processor<String, OrderView, String, OrderView> get() {
            return new UserOrderIndexer(LISTED_UNDER_STORE);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LISTED_UNDER_STORE),
                    Serdes.String(), Serdes.String()));
        }
    }

    private static final class WriterSupplier implements ProcessorSupplier<String, OrderView, Void, Void> {

        private final Serde<OrderView> viewSerde;

        WriterSupplier(Serde<OrderView> viewSerde) {
            this.viewSerde = viewSerde;
        }

        @Override
        public Processor<String, OrderView, Void, Void> get() {
            return new UserOrdersWriter(STORE);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), viewSerde));
        }
    }
}
