package dev.streamcart.inventory.stock;

import java.util.Optional;

import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockLevel;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one inventory row change to its product's stock and emits the new {@link StockLevel}.
 * Changes that are not newer than the stored row (duplicates, replays) emit nothing.
 */
final class StockLevelProcessor implements FixedKeyProcessor<String, InventoryChanged, StockLevel> {

    private final String storeName;
    private FixedKeyProcessorContext<String, StockLevel> context;
    private KeyValueStore<String, ProductStock> store;

    StockLevelProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, StockLevel> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, InventoryChanged> record) {
        InventoryChanged change = record.value();
        if (change == null) {
            return;
        }
        ProductStock current = Optional.ofNullable(store.get(record.key()))
                .orElseGet(() -> ProductStock.empty(change.getProductId()));
        current.apply(change).ifPresent(next -> {
            store.put(record.key(), next);
            context.forward(record.withValue(next.toStockLevel()));
        });
    }
}
