package dev.streamcart.inventory.stock;

import java.time.Duration;
import java.util.Objects;

import dev.streamcart.inventory.InventoryStreamsConfig;
import dev.streamcart.inventory.alerts.ReorderSuggestion;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockLevel;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * inventory-changes (one inventory row's new state, keyed by product id) in; stock-levels (the
 * product's totals, rows and sales velocity) and stock-alerts (crossings) out. All three topics
 * are keyed by product id, so one product's rows live in one task and no repartition is needed.
 * One processor writes both outputs, so a level and the alerts it raised are in one transaction.
 */
public final class StockTopology {

    /** Product id to {@link ProductStock}; its changelog makes the state survive losing the local folder. */
    public static final String STOCK_STORE = "product-stock";
    static final String STOCK_LEVELS_SINK = "stock-levels-sink";
    static final String STOCK_ALERTS_SINK = "stock-alerts-sink";
    private static final String SOURCE = "inventory-changes-source";
    private static final String PROCESSOR = "stock-processor";

    private StockTopology() {}

    /** Velocity re-evaluated every minute. */
    public static Topology build(SchemaRegistryClient registry, ReorderSuggestion reorderSuggestion) {
        return build(registry, reorderSuggestion, InventoryStreamsConfig.DEFAULT_VELOCITY_REFRESH_INTERVAL);
    }

    public static Topology build(SchemaRegistryClient registry, ReorderSuggestion reorderSuggestion,
            Duration velocityRefreshInterval) {
        return build(Topics.INVENTORY_CHANGES.valueSerde(registry), Topics.STOCK_LEVELS.valueSerde(registry),
                Topics.STOCK_ALERTS.valueSerde(registry), reorderSuggestion, velocityRefreshInterval);
    }

    /** The topology with explicit value serdes and velocity re-evaluated every minute. */
    public static Topology build(Serde<InventoryChanged> changeSerde, Serde<StockLevel> stockLevelSerde,
            Serde<StockAlert> alertSerde, ReorderSuggestion reorderSuggestion) {
        return build(changeSerde, stockLevelSerde, alertSerde, reorderSuggestion,
                InventoryStreamsConfig.DEFAULT_VELOCITY_REFRESH_INTERVAL);
    }

    /** The topology with explicit value serdes, so unit tests can run it without a registry. */
    public static Topology build(Serde<InventoryChanged> changeSerde, Serde<StockLevel> stockLevelSerde,
            Serde<StockAlert> alertSerde, ReorderSuggestion reorderSuggestion, Duration velocityRefreshInterval) {
        Objects.requireNonNull(velocityRefreshInterval, "velocityRefreshInterval");
        Objects.requireNonNull(changeSerde, "changeSerde");
        Objects.requireNonNull(stockLevelSerde, "stockLevelSerde");
        Objects.requireNonNull(alertSerde, "alertSerde");
        Objects.requireNonNull(reorderSuggestion, "reorderSuggestion");
        StoreBuilder<KeyValueStore<String, ProductStock>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STOCK_STORE), Serdes.String(), new ProductStockSerde());
        Topology topology = new Topology();
        // Row changes in WAL order per product, from ingest-cdc.
        topology.addSource(SOURCE, Topics.INVENTORY_CHANGES.keySerde().deserializer(), changeSerde.deserializer(),
                Topics.INVENTORY_CHANGES.name());
        // Fold each change into the product's rows, dropping stale ones; emit new totals and crossings.
        topology.addProcessor(PROCESSOR, () -> new StockLevelProcessor(STOCK_STORE, reorderSuggestion, velocityRefreshInterval), SOURCE);
        topology.addStateStore(store, PROCESSOR);
        // The compacted read model served by serving-api.
        topology.addSink(STOCK_LEVELS_SINK, Topics.STOCK_LEVELS.name(), Topics.STOCK_LEVELS.keySerde().serializer(),
                stockLevelSerde.serializer(), PROCESSOR);
        // Alerts for sellers' notifications and the dashboard.
        topology.addSink(STOCK_ALERTS_SINK, Topics.STOCK_ALERTS.name(), Topics.STOCK_ALERTS.keySerde().serializer(),
                alertSerde.serializer(), PROCESSOR);
        return topology;
    }
}
