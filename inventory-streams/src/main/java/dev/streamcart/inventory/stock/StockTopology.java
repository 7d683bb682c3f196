package dev.streamcart.inventory.stock;

import java.util.Objects;
import java.util.Set;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
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
 * inventory-changes (one inventory row's new state, keyed by product id) in, stock-levels (the
 * product's totals and rows) out. Both topics are keyed by product id, so one product's rows
 * live in one task and no repartition is needed.
 */
public final class StockTopology {

    /** Product id to {@link ProductStock}; its changelog makes the state survive losing the local folder. */
    public static final String STOCK_STORE = "product-stock";

    private StockTopology() {}

    public static Topology build(SchemaRegistryClient registry) {
        return build(Topics.INVENTORY_CHANGES.valueSerde(registry), Topics.STOCK_LEVELS.valueSerde(registry));
    }

    /** The topology with explicit value serdes, so unit tests can run it without a registry. */
    public static Topology build(Serde<InventoryChanged> changeSerde, Serde<StockLevel> stockLevelSerde) {
        Objects.requireNonNull(changeSerde, "changeSerde");
        Objects.requireNonNull(stockLevelSerde, "stockLevelSerde");
        StreamsBuilder builder = new StreamsBuilder();
        builder
                // Row changes in WAL order per product, from ingest-cdc.
                .stream(Topics.INVENTORY_CHANGES.name(), Consumed.with(Topics.INVENTORY_CHANGES.keySerde(), changeSerde))
                // Fold each change into the product's rows, dropping stale ones; emit new totals.
                .processValues(new StockLevelProcessorSupplier())
                // The compacted read model served by serving-api.
                .to(Topics.STOCK_LEVELS.name(), Produced.with(Topics.STOCK_LEVELS.keySerde(), stockLevelSerde));
        return builder.build();
    }

    private static final class StockLevelProcessorSupplier
            implements FixedKeyProcessorSupplier<String, InventoryChanged, StockLevel> {

        @Override
        public FixedKeyProcessor<String, InventoryChanged, StockLevel> get() {
            return new StockLevelProcessor(STOCK_STORE);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            StoreBuilder<KeyValueStore<String, ProductStock>> store = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(STOCK_STORE), Serdes.String(), new ProductStockSerde());
            return Set.of(store);
        }
    }
}
