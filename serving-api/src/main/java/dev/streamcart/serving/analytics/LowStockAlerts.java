package dev.streamcart.serving.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.streamcart.serving.alerts.StockAlertStore;
import dev.streamcart.serving.alerts.StoredStockAlert;
import org.jspecify.annotations.Nullable;

/**
 * The low-stock report's rows: the stored stock alerts (a seller's own products only, through the
 * store's seller filter) with each product's name and SKU, looked up once for the whole page.
 */
public final class LowStockAlerts {

    /**
     * One alert as the dashboard shows it; flat, so the CSV export has one column per field.
     *
     * @param productName the catalogue name (never null: see {@link ProductNames})
     * @param productSku null when the product is unknown to the catalogue and was never sold
     */
    public record LowStockAlert(long id, String alertId, long productId, String productName, @Nullable String productSku,
            @Nullable Long sellerId, String type, int available, int onHand, int lowStockThreshold, int reorderPoint,
            @Nullable Integer suggestedQuantity, BigDecimal unitsPerDay, Instant raisedAt) {}

    private final StockAlertStore store;
    private final ProductNames names;

    public LowStockAlerts(StockAlertStore store, ProductNames names) {
        this.store = Objects.requireNonNull(store, "store");
        this.names = Objects.requireNonNull(names, "names");
    }

    /** The newest {@code limit} alerts, of one seller's products or, when null, of all. */
    public List<LowStockAlert> recent(int limit, @Nullable Long sellerId) {
        List<StoredStockAlert> stored = store.recent(limit, sellerId);
        Map<Long, ProductNames.ProductName> named = names.of(stored.stream().map(StoredStockAlert::productId).toList());
        return stored.stream().map(alert -> {
            ProductNames.ProductName product = named.get(alert.productId());
            return new LowStockAlert(alert.id(), alert.alertId(), alert.productId(), product.name(), product.sku(),
                    alert.sellerId(), alert.type(), alert.available(), alert.onHand(), alert.lowStockThreshold(),
                    alert.reorderPoint(), alert.suggestedQuantity(), alert.unitsPerDay(), alert.raisedAt());
        }).toList();
    }
}
