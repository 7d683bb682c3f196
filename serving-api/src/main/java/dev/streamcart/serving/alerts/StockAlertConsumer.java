package dev.streamcart.serving.alerts;

import java.util.List;
import java.util.Objects;

import dev.streamcart.schemas.inventory.StockAlert;
import dev.streamcart.schemas.registry.SchemaRegistryClient;
import dev.streamcart.schemas.topics.Topics;
import dev.streamcart.serving.consuming.TopicBatchConsumer;
import dev.streamcart.serving.db.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every alert of {@code stock-alerts} and notifies the product's seller. Each polled batch is
 * stored in one database transaction and only then are the offsets committed
 * ({@link TopicBatchConsumer}): a crash in between re-delivers the batch, and the unique natural
 * identity of each alert makes the second pass store and notify nothing.
 */
public final class StockAlertConsumer implements AutoCloseable {

    public static final String GROUP_ID = "serving-api-stock-alerts";
    private static final Logger LOG = LoggerFactory.getLogger(StockAlertConsumer.class);
    private static final int MAX_BATCH = 500;

    private final Transactions transactions;
    private final TopicBatchConsumer<StockAlert> consumer;

    public StockAlertConsumer(String bootstrapServers, SchemaRegistryClient registry, Transactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.consumer = new TopicBatchConsumer<>(bootstrapServers, registry, Topics.STOCK_ALERTS, GROUP_ID, MAX_BATCH,
                this::store);
    }

    public StockAlertConsumer start() {
        consumer.start();
        return this;
    }

    private void store(List<StockAlert> batch) {
        int stored = transactions.inTransaction(connection -> {
            int fresh = 0;
            for (StockAlert alert : batch) {
                var inserted = StockAlertStore.insert(connection, alert);
                if (inserted.isPresent()) {
                    fresh++;
                    Long sellerId = inserted.get().sellerId();
                    if (sellerId != null && SellerAlertNotifications.notifies(alert.getType())) {
                        SellerAlertNotifications.notifySeller(connection, sellerId, alert);
                    }
                }
            }
            return fresh;
        });
        LOG.debug("stored {} new stock alerts of {} received", stored, batch.size());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
