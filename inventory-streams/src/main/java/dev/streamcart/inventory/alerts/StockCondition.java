package dev.streamcart.inventory.alerts;

/** Where a product's available stock stands against its low-stock threshold. */
public enum StockCondition {
    IN_STOCK,
    LOW,
    OUT;

    /** OUT at zero (or below), LOW strictly below the threshold, IN_STOCK otherwise. */
    public static StockCondition of(int available, int lowStockThreshold) {
        if (available <= 0) {
            return OUT;
        }
        return available < lowStockThreshold ? LOW : IN_STOCK;
    }
}
