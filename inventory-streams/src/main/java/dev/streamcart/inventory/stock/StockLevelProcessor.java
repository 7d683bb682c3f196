package dev.streamcart.inventory.stock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.streamcart.inventory.alerts.ReorderSuggestion;
import dev.streamcart.inventory.alerts.StockAlertRules;
import dev.streamcart.inventory.alerts.StockTotals;
import dev.streamcart.inventory.velocity.SalesVelocity;
import dev.streamcart.schemas.inventory.InventoryChanged;
import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.inventory.StockAlertType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one inventory row change to its product's stock, emits the new {@code StockLevel} to
 * {@link StockTopology#STOCK_LEVELS_SINK} and any crossing it causes as a {@link StockAlert} to
 * {@link StockTopology#STOCK_ALERTS_SINK}. Changes that are not newer than the stored row
 * (duplicates, replays) emit nothing. The alert state is stored with the stock in one put, so under
 * exactly-once an alert and the state that says it was raised commit together.
 *
 * <p>Sales velocity would otherwise only move when stock moves: a product that stops selling would
 * keep yesterday's pace forever. A wall-clock punctuator re-evaluates every product of this task
 * each {@code velocityRefreshInterval} and re-emits the level of those whose figures changed.
 */
final class StockLevelProcessor implements Processor<String, InventoryChanged, String, SpecificRecord> {

    private final String storeName;
    private final ReorderSuggestion reorderSuggestion;
    private final Duration velocityRefreshInterval;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ProductStock> store;

    StockLevelProcessor(String storeName, ReorderSuggestion reorderSuggestion, Duration velocityRefreshInterval) {
        this.storeName = storeName;
        this.reorderSuggestion = Objects.requireNonNull(reorderSuggestion, "reorderSuggestion");
        this.velocityRefreshInterval = Objects.requireNonNull(velocityRefreshInterval, "velocityRefreshInterval");
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(velocityRefreshInterval, PunctuationType.WALL_CLOCK_TIME, this::refreshVelocities);
    }

    /** Re-publishes the products whose velocity decayed (or grew) since it was last published. */
    private void refreshVelocities(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
        List<KeyValue<String, ProductStock>> refreshed = new ArrayList<>();
        try (KeyValueIterator<String, ProductStock> all = store.all()) {
            all.forEachRemaining(entry -> entry.value.refreshedAt(now)
                    .ifPresent(next -> refreshed.add(KeyValue.pair(entry.key, next))));
        }
        for (KeyValue<String, ProductStock> entry : refreshed) {
            store.put(entry.key, entry.value);
            context.forward(new Record<>(entry.key, (SpecificRecord) entry.value.toStockLevel(), wallClockMillis),
                    StockTopology.STOCK_LEVELS_SINK);
        }
    }

    @Override
    public void process(Record<String, InventoryChanged> record) {
        InventoryChanged change = record.value();
        if (change == null) {
            return;
        }
        ProductStock current = Optional.ofNullable(store.get(record.key()))
                .orElseGet(() -> ProductStock.empty(change.getProductId()));
        current.apply(change).ifPresent(applied -> {
            ProductStock next = applied;
            if (applied.stocked()) {
                StockTotals totals = applied.totals();
                StockAlertRules.Outcome outcome = StockAlertRules.evaluate(applied.alerts(), totals);
                next = applied.withAlerts(outcome.next());
                for (StockAlertType type : outcome.raised()) {
                    context.forward(record.withValue((SpecificRecord) alert(type, change, totals, applied.velocity())),
                            StockTopology.STOCK_ALERTS_SINK);
                }
            }
            store.put(record.key(), next);
            context.forward(record.withValue((SpecificRecord) next.toStockLevel()), StockTopology.STOCK_LEVELS_SINK);
        });
    }

    private StockAlert alert(StockAlertType type, InventoryChanged change, StockTotals totals, SalesVelocity velocity) {
        return StockAlert.newBuilder()
                .setAlertId(change.getProductId() + "-" + type + "-" + change.getSourceLsn())
                .setProductId(change.getProductId())
                .setType(type)
                .setAvailable(totals.available())
                .setOnHand(totals.onHand())
                .setLowStockThreshold(totals.lowStockThreshold())
                .setReorderPoint(totals.reorderPoint())
                .setUnitsPerDay(velocity.unitsPerDay())
                .setDaysOfCover(velocity.daysOfCover(totals.available()))
                .setSuggestedQuantity(type == StockAlertType.REORDER ? reorderSuggestion.quantity(totals, velocity) : null)
                .setSourceLsn(change.getSourceLsn())
                .setRaisedAt(change.getCommittedAt())
                .build();
    }
}
